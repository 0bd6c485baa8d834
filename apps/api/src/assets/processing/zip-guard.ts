import type { Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { isFileSystemError, ProcessingError, reasonOf } from "./processing-error";

export interface ZipLimits {
  /** Sum of all parts once inflated. */
  maxTotalBytes: number;
  /** Any one part once inflated. */
  maxEntryBytes: number;
  /** Inflated:compressed ratio allowed for parts larger than `ratioAppliesAboveBytes`. */
  maxRatio: number;
  ratioAppliesAboveBytes: number;
  maxEntries: number;
}

const MB = 1024 * 1024;

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = {
  maxTotalBytes: 200 * MB,
  maxEntryBytes: 50 * MB,
  maxRatio: 100,
  ratioAppliesAboveBytes: 1 * MB,
  maxEntries: 10_000,
};

const GUARD = "(zip bomb guard)";
const formatMb = (bytes: number) =>
  bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

const yauzlOptions = {
  lazyEntries: true,
  autoClose: false,
  decodeStrings: true,
  // yauzl stops a stream that inflates past the entry's declared size; our own counters cap the rest
  validateEntrySizes: true,
  strictFileNames: false,
} as const;

/**
 * Names of a zip's entries from its central directory only (nothing inflated),
 * at most `max` of them. Throws when the file is not a readable zip.
 */
export async function listZipEntryNames(
  filePath: string,
  max = DEFAULT_ZIP_LIMITS.maxEntries + 1,
): Promise<string[]> {
  const zip = await yauzl.openPromise(filePath, yauzlOptions);
  try {
    const names: string[] = [];
    for await (const entry of zip.eachEntry()) {
      names.push(entry.fileName);
      if (names.length >= max) break;
    }
    return names;
  } finally {
    zip.close();
  }
}

/**
 * Read access to the parts of an OOXML package (DOCX, PPTX, XLSX) that refuses
 * zip bombs twice: first on the sizes the central directory declares, then on
 * the bytes really inflated while streaming, since declared sizes can lie.
 * Part names are matched case-insensitively, as OPC requires.
 */
export class OoxmlArchive {
  private inflatedTotal = 0;

  private constructor(
    private readonly zip: ZipFile,
    private readonly entries: Map<string, Entry>,
    private readonly limits: ZipLimits,
  ) {}

  static async open(filePath: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<OoxmlArchive> {
    let zip: ZipFile;
    try {
      zip = await yauzl.openPromise(filePath, yauzlOptions);
    } catch (err) {
      if (isFileSystemError(err)) throw err;
      throw new ProcessingError(`Archive is damaged or truncated: ${reasonOf(err)}`);
    }
    try {
      if (zip.entryCount > limits.maxEntries) throw new ProcessingError(tooManyEntries(limits));
      const entries = new Map<string, Entry>();
      let declaredTotal = 0;
      let count = 0;
      for await (const entry of zip.eachEntry()) {
        count += 1;
        if (count > limits.maxEntries) throw new ProcessingError(tooManyEntries(limits));
        declaredTotal += entry.uncompressedSize;
        const refusal = overLimit(entry, entry.uncompressedSize, declaredTotal, limits);
        if (refusal) throw new ProcessingError(refusal);
        const key = entry.fileName.toLowerCase();
        if (!entries.has(key)) entries.set(key, entry);
      }
      return new OoxmlArchive(zip, entries, limits);
    } catch (err) {
      zip.close();
      if (err instanceof ProcessingError) throw err;
      throw new ProcessingError(`Archive is damaged or truncated: ${reasonOf(err)}`);
    }
  }

  get names(): string[] {
    return [...this.entries.values()].map((e) => e.fileName);
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /** The inflated part, or null when the package has no such part. */
  async read(name: string): Promise<Buffer | null> {
    const entry = this.entries.get(name.toLowerCase());
    if (!entry) return null;
    if (entry.isEncrypted())
      throw new ProcessingError("Archive is encrypted; upload a version without a password");
    if (!entry.canDecodeFileData()) {
      throw new ProcessingError(`Archive part ${entry.fileName} uses an unsupported compression method`);
    }
    let stream: Readable;
    try {
      stream = await this.zip.openReadStreamPromise(entry);
    } catch (err) {
      throw new ProcessingError(`Archive is damaged or truncated: ${reasonOf(err)}`);
    }
    return this.collect(stream, entry);
  }

  async readText(name: string): Promise<string | null> {
    const data = await this.read(name);
    return data === null ? null : data.toString("utf8");
  }

  close(): void {
    this.zip.close();
  }

  private async collect(stream: Readable, entry: Entry): Promise<Buffer> {
    const { limits } = this;
    const chunks: Buffer[] = [];
    let inflated = 0;
    try {
      for await (const chunk of stream) {
        const bytes = chunk as Buffer;
        inflated += bytes.length;
        this.inflatedTotal += bytes.length;
        const refusal = overLimit(entry, inflated, this.inflatedTotal, limits);
        if (refusal) throw new ProcessingError(refusal);
        chunks.push(bytes);
      }
    } catch (err) {
      stream.destroy();
      if (err instanceof ProcessingError) throw err;
      const reason = reasonOf(err);
      if (/too many bytes/i.test(reason)) {
        throw new ProcessingError(`Archive part ${entry.fileName} inflates past its declared size ${GUARD}`);
      }
      throw new ProcessingError(`Archive is damaged or truncated: ${reason}`);
    }
    return Buffer.concat(chunks, inflated);
  }
}

const tooManyEntries = (limits: ZipLimits) =>
  `Archive has more than ${limits.maxEntries.toLocaleString("en")} entries ${GUARD}`;

/** The guard's reason when `inflated` bytes of `entry` (and `total` of the archive) break a limit, else null. */
function overLimit(entry: Entry, inflated: number, total: number, limits: ZipLimits): string | null {
  if (total > limits.maxTotalBytes) {
    return `Archive would inflate to more than ${formatMb(limits.maxTotalBytes)} ${GUARD}`;
  }
  if (inflated > limits.maxEntryBytes) {
    return `Archive part ${entry.fileName} would inflate to more than ${formatMb(limits.maxEntryBytes)} ${GUARD}`;
  }
  if (
    inflated > limits.ratioAppliesAboveBytes &&
    inflated > limits.maxRatio * Math.max(entry.compressedSize, 1)
  ) {
    return `Archive part ${entry.fileName} is compressed more than ${limits.maxRatio}:1 ${GUARD}`;
  }
  return null;
}
