import yauzl, { type Entry, type ZipFile } from "yauzl";
import { xmlElements } from "./xml-text";
import { DEFAULT_ZIP_LIMITS } from "./zip-guard";

/** The `mimetype` entry holds one short MIME type; anything longer is not an OpenDocument file. */
const MAX_MIMETYPE_BYTES = 256;
/** A manifest lists every part of the package; past this it is read at processing time instead. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

export interface OpenDocumentPackage {
  /** The `mimetype` entry's content, or null when there is none. */
  mimetype: string | null;
  /** The manifest says parts are encrypted (a password-protected document). */
  encrypted: boolean;
}

/**
 * The `mimetype` of a zip that may be an OpenDocument file (first entry or
 * not, stored or deflated) and whether its manifest declares encryption.
 * Upload detection runs in the API's thread, so this inflates only these two
 * small entries, each under a hard cap, and imports nothing heavier than yauzl.
 */
export async function inspectOpenDocument(filePath: string): Promise<OpenDocumentPackage> {
  const zip = await yauzl.openPromise(filePath, {
    lazyEntries: true,
    autoClose: false,
    decodeStrings: true,
    validateEntrySizes: true,
    strictFileNames: false,
  });
  try {
    let mimetype: string | null = null;
    let encrypted = false;
    let seen = 0;
    for await (const entry of zip.eachEntry()) {
      seen += 1;
      if (seen > DEFAULT_ZIP_LIMITS.maxEntries) break; // the guard refuses such an archive later anyway
      const name = entry.fileName.toLowerCase();
      if (name === "mimetype") {
        mimetype = (await readSmallEntry(zip, entry, MAX_MIMETYPE_BYTES))?.toString("utf8").trim() ?? "";
      } else if (name === "meta-inf/manifest.xml") {
        const manifest = await readSmallEntry(zip, entry, MAX_MANIFEST_BYTES);
        encrypted = manifest !== null && declaresEncryption(manifest.toString("utf8"));
      }
    }
    return { mimetype, encrypted };
  } finally {
    zip.close();
  }
}

/** The entry's bytes, or null when it declares more than `maxBytes` or cannot be read as it is. */
async function readSmallEntry(zip: ZipFile, entry: Entry, maxBytes: number): Promise<Buffer | null> {
  if (entry.uncompressedSize > maxBytes || entry.compressedSize > maxBytes) return null;
  if (entry.isEncrypted() || !entry.canDecodeFileData()) return null;
  const chunks: Buffer[] = [];
  // validateEntrySizes stops the stream at the declared size, so this stays under maxBytes
  for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The manifest (META-INF/manifest.xml) says parts are encrypted: the document has a password. */
export const declaresEncryption = (manifest: string) => xmlElements(manifest, "encryption-data").length > 0;
