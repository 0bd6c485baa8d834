import JSZip from "jszip";
import { DEMO_FILE_DATE } from "./document-model";

const CORE_DATES = /(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g;

/**
 * Rewrites an Office file (a zip) with every entry dated DEMO_FILE_DATE and the
 * same creation dates inside, so generating it twice gives identical bytes.
 */
export async function stableZip(data: Buffer | Uint8Array): Promise<Buffer> {
  const source = await JSZip.loadAsync(data);
  const out = new JSZip();
  const stamp = DEMO_FILE_DATE.toISOString().replace(/\.\d{3}Z$/, "Z");
  for (const [name, entry] of Object.entries(source.files)) {
    if (entry.dir) continue;
    if (name === "docProps/core.xml") {
      const xml = (await entry.async("string")).replace(CORE_DATES, `$1${stamp}$2`);
      out.file(name, xml, { date: DEMO_FILE_DATE, createFolders: false });
    } else {
      out.file(name, await entry.async("uint8array"), { date: DEMO_FILE_DATE, createFolders: false });
    }
  }
  return out.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
