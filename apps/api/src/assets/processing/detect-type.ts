import { open } from "node:fs/promises";
import { listCompoundEntryNames } from "./compound-file";
import { looksLikeMarkdown } from "./markdown";
import { inspectOpenDocument } from "./opendocument-package";
import { ProcessingError } from "./processing-error";
import { listZipEntryNames } from "./zip-guard";

export type FileKind =
  | "pdf"
  | "docx"
  | "pptx"
  | "xlsx"
  | "doc"
  | "xls"
  | "ppt"
  | "odt"
  | "ods"
  | "odp"
  | "rtf"
  | "png"
  | "jpeg"
  | "webp"
  | "gif"
  | "mp4"
  | "markdown"
  | "text";

export interface DetectedFile {
  kind: FileKind;
  mime: string;
  ext: string;
}

/** `detected` names what the refused file really is, for the marketer: "ELF executable", "HTML document". */
export type Detection = { ok: true; file: DetectedFile } | { ok: false; detected: string };

const HEAD_BYTES = 8192;
/** How much of a text file decides whether it looks like Markdown. */
const MARKDOWN_SNIFF_CHARS = 64 * 1024;

/** Every kind's MIME type and extension, as an upload is stored and served: the one copy of this table. */
export const FILE_TYPES = {
  pdf: { kind: "pdf", mime: "application/pdf", ext: "pdf" },
  docx: {
    kind: "docx",
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ext: "docx",
  },
  pptx: {
    kind: "pptx",
    mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ext: "pptx",
  },
  xlsx: {
    kind: "xlsx",
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ext: "xlsx",
  },
  doc: { kind: "doc", mime: "application/msword", ext: "doc" },
  xls: { kind: "xls", mime: "application/vnd.ms-excel", ext: "xls" },
  ppt: { kind: "ppt", mime: "application/vnd.ms-powerpoint", ext: "ppt" },
  odt: { kind: "odt", mime: "application/vnd.oasis.opendocument.text", ext: "odt" },
  ods: { kind: "ods", mime: "application/vnd.oasis.opendocument.spreadsheet", ext: "ods" },
  odp: { kind: "odp", mime: "application/vnd.oasis.opendocument.presentation", ext: "odp" },
  rtf: { kind: "rtf", mime: "application/rtf", ext: "rtf" },
  png: { kind: "png", mime: "image/png", ext: "png" },
  jpeg: { kind: "jpeg", mime: "image/jpeg", ext: "jpg" },
  webp: { kind: "webp", mime: "image/webp", ext: "webp" },
  gif: { kind: "gif", mime: "image/gif", ext: "gif" },
  mp4: { kind: "mp4", mime: "video/mp4", ext: "mp4" },
  markdown: { kind: "markdown", mime: "text/markdown; charset=utf-8", ext: "md" },
  text: { kind: "text", mime: "text/plain; charset=utf-8", ext: "txt" },
} as const satisfies Record<FileKind, DetectedFile>;

/** A QuickTime movie keeps its own MIME type and extension but is handled as MP4. */
const QUICKTIME = { kind: "mp4", mime: "video/quicktime", ext: "mov" } as const satisfies DetectedFile;

export const officeKinds = ["docx", "pptx", "xlsx", "doc", "xls", "ppt", "odt", "ods", "odp", "rtf"] as const;
/** Kinds whose content comes in pages or slides. */
export const pagedKinds = ["pdf", ...officeKinds] as const;
export const presentationKinds = ["pptx", "ppt", "odp"] as const;

export type OfficeKind = (typeof officeKinds)[number];
export type PagedKind = (typeof pagedKinds)[number];
export type PresentationKind = (typeof presentationKinds)[number];

const isOneOf =
  <K extends FileKind>(kinds: readonly K[]) =>
  (kind: string): kind is K =>
    (kinds as readonly string[]).includes(kind);

export const isOfficeKind: (kind: string) => kind is OfficeKind = isOneOf(officeKinds);
export const isPagedKind: (kind: string) => kind is PagedKind = isOneOf(pagedKinds);
export const isPresentationKind: (kind: string) => kind is PresentationKind = isOneOf(presentationKinds);

const accept = (file: DetectedFile): Detection => ({ ok: true, file: { ...file } });
const refuse = (detected: string): Detection => ({ ok: false, detected });

/**
 * What a file really is, from its content only (never its name). Reads the
 * head of the file, the central directory of a zip, and streams a text file
 * once to check it is UTF-8; never loads a large file into memory.
 */
export async function detectFileType(filePath: string): Promise<Detection> {
  const head = await readHead(filePath);
  // checked before the PDF header, which may sit anywhere in the first kilobyte
  if (startsWith(head, COMPOUND_FILE_SIGNATURE)) return detectCompoundFile(filePath);
  const byMagic = detectByMagic(head);
  if (byMagic) return byMagic;
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    return detectZip(filePath);
  }
  return detectText(filePath, head);
}

async function readHead(filePath: string): Promise<Buffer> {
  const handle = await open(filePath, "r");
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function startsWith(buf: Buffer, bytes: number[], offset = 0): boolean {
  if (buf.length < offset + bytes.length) return false;
  return bytes.every((b, i) => buf[offset + i] === b);
}

const ascii = (buf: Buffer, start: number, end: number) => buf.subarray(start, end).toString("latin1");

/** Brands of an ISO base media file (`ftyp`) that are still images, not video. */
const IMAGE_BRANDS = new Set([
  "heic",
  "heix",
  "heim",
  "heis",
  "hevc",
  "hevx",
  "mif1",
  "msf1",
  "avif",
  "avis",
]);

function detectByMagic(head: Buffer): Detection | null {
  const pdfAt = ascii(head, 0, 1024).indexOf("%PDF-");
  if (pdfAt >= 0) {
    // readers allow junk before the header; a polyglot hiding HTML there is refused as HTML
    const markup = pdfAt > 0 ? sniffMarkup(ascii(head, 0, pdfAt)) : null;
    return markup ? refuse(markup) : accept(FILE_TYPES.pdf);
  }
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return accept(FILE_TYPES.png);
  if (startsWith(head, [0xff, 0xd8, 0xff])) return accept(FILE_TYPES.jpeg);
  if (ascii(head, 0, 6) === "GIF87a" || ascii(head, 0, 6) === "GIF89a") return accept(FILE_TYPES.gif);
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return accept(FILE_TYPES.webp);
  if (ascii(head, 4, 8) === "ftyp") {
    const brand = ascii(head, 8, 12);
    if (IMAGE_BRANDS.has(brand)) return refuse("HEIF/AVIF image");
    if (brand === "qt  ") return accept(QUICKTIME);
    return accept(FILE_TYPES.mp4);
  }

  if (ascii(head, 0, 2) === "MZ") return refuse("Windows executable (PE)");
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return refuse("ELF executable");
  for (const magic of [
    [0xfe, 0xed, 0xfa, 0xce],
    [0xfe, 0xed, 0xfa, 0xcf],
    [0xce, 0xfa, 0xed, 0xfe],
    [0xcf, 0xfa, 0xed, 0xfe],
  ]) {
    if (startsWith(head, magic)) return refuse("Mach-O executable");
  }
  if (startsWith(head, [0xca, 0xfe, 0xba, 0xbe])) return refuse("Mach-O universal executable or Java class");
  if (ascii(head, 0, 2) === "#!") return refuse("script executable (#!)");
  if (startsWith(head, [0x1f, 0x8b])) return refuse("gzip archive");
  if (ascii(head, 0, 6) === "7z\xbc\xaf\x27\x1c") return refuse("7-Zip archive");
  if (ascii(head, 0, 4) === "Rar!") return refuse("RAR archive");
  if (ascii(head, 0, 5) === "{\\rtf") return accept(FILE_TYPES.rtf);
  if (ascii(head, 0, 4) === "%!PS") return refuse("PostScript document");
  if (startsWith(head, [0x00, 0x61, 0x73, 0x6d])) return refuse("WebAssembly module");
  return null;
}

const COMPOUND_FILE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PASSWORD_PROTECTED = "password-protected Office document: remove the password and upload it again";

/** Legacy .doc, .xls and .ppt (and what else OLE2 compound files hold), by the streams at their root. */
async function detectCompoundFile(filePath: string): Promise<Detection> {
  let names: Set<string>;
  try {
    // stream names compare case-insensitively in compound files
    names = new Set((await listCompoundEntryNames(filePath)).map((n) => n.toLowerCase()));
  } catch (err) {
    if (err instanceof ProcessingError) return refuse("damaged legacy Office document");
    throw err;
  }
  // an encrypted DOCX, XLSX or PPTX is a compound file with only these; an encrypted PPT adds EncryptedSummary
  if (["encryptedpackage", "encryptioninfo", "encryptedsummary"].some((n) => names.has(n))) {
    return refuse(PASSWORD_PROTECTED);
  }
  if ([...names].some((n) => n.startsWith("__substg1.0_") || n === "__properties_version1.0")) {
    return refuse("Outlook message (.msg)");
  }
  if (names.has("worddocument")) return accept(FILE_TYPES.doc);
  if (names.has("powerpoint document")) return accept(FILE_TYPES.ppt);
  if (names.has("workbook") || names.has("book")) return accept(FILE_TYPES.xls);
  return refuse("compound document of an unknown kind (not Word, Excel or PowerPoint)");
}

const OOXML_MAIN_PARTS: Array<[string, DetectedFile]> = [
  ["word/document.xml", FILE_TYPES.docx],
  ["ppt/presentation.xml", FILE_TYPES.pptx],
  ["xl/workbook.xml", FILE_TYPES.xlsx],
];
const OPEN_DOCUMENTS: readonly DetectedFile[] = [FILE_TYPES.odt, FILE_TYPES.ods, FILE_TYPES.odp];

async function detectZip(filePath: string): Promise<Detection> {
  let names: Set<string>;
  try {
    names = new Set((await listZipEntryNames(filePath)).map((n) => n.toLowerCase()));
  } catch {
    return refuse("damaged or truncated ZIP archive");
  }
  if (names.has("[content_types].xml")) {
    for (const [part, file] of OOXML_MAIN_PARTS) if (names.has(part)) return accept(file);
  }
  if (names.has("mimetype") && names.has("content.xml")) return detectOpenDocument(filePath);
  return refuse("ZIP archive (not an Office document)");
}

/** An OpenDocument file names its kind in its `mimetype` entry (first and stored, by the standard; not always). */
async function detectOpenDocument(filePath: string): Promise<Detection> {
  let odf: Awaited<ReturnType<typeof inspectOpenDocument>>;
  try {
    odf = await inspectOpenDocument(filePath);
  } catch {
    return refuse("damaged or truncated ZIP archive");
  }
  const file = OPEN_DOCUMENTS.find((f) => f.mime === odf.mimetype);
  if (file && odf.encrypted) return refuse(PASSWORD_PROTECTED);
  if (file) return accept(file);
  if (odf.mimetype?.startsWith("application/vnd.oasis.opendocument.")) {
    return refuse("OpenDocument file of another kind (not a text document, spreadsheet or presentation)");
  }
  return refuse("ZIP archive (not an Office document)");
}

async function detectText(filePath: string, head: Buffer): Promise<Detection> {
  if (head.length === 0) return refuse("empty file");
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    return refuse("UTF-16 text: save it as UTF-8");
  }
  if (head.includes(0)) return refuse("unknown binary data");
  const start = decodeUtf8Prefix(head);
  if (start === null) return refuse(looksLikeLegacyText(head) ? LEGACY_TEXT : "unknown binary data");
  const markup = sniffMarkup(start);
  if (markup) return refuse(markup);
  const sample = await readUtf8Sample(filePath, MARKDOWN_SNIFF_CHARS);
  if (sample === null) return refuse(looksLikeLegacyText(head) ? LEGACY_TEXT : "unknown binary data");
  return accept(looksLikeMarkdown(sample) ? FILE_TYPES.markdown : FILE_TYPES.text);
}

const LEGACY_TEXT = "text in an encoding other than UTF-8 (e.g. Shift_JIS): save it as UTF-8";

/** No control characters other than tab, CR, LF and ESC: text in some legacy encoding rather than binary data. */
function looksLikeLegacyText(head: Buffer): boolean {
  return head.every((b) => b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x1b);
}

/** The head as text, or null when it is not UTF-8 (a multi-byte character cut at the end is fine). */
function decodeUtf8Prefix(head: Buffer): string | null {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    return decoder.decode(head, { stream: true });
  } catch {
    return null;
  }
}

/**
 * Streams the whole file through a strict UTF-8 decoder (no NUL allowed) and
 * returns its first `keepChars` characters, or null when it is not text.
 */
async function readUtf8Sample(filePath: string, keepChars: number): Promise<string | null> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const handle = await open(filePath, "r");
  let sample = "";
  try {
    for await (const chunk of handle.createReadStream({ highWaterMark: 256 * 1024, autoClose: false })) {
      const bytes = chunk as Buffer;
      if (bytes.includes(0)) return null;
      const text = decoder.decode(bytes, { stream: true });
      if (sample.length < keepChars) sample += text.slice(0, keepChars - sample.length);
    }
    decoder.decode();
    return sample;
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}

const HTML_MARKERS = [
  "<!doctype html",
  "<html",
  "<script",
  "<body",
  "<iframe",
  "<head",
  "<meta",
  "<frameset",
];
/** How far into a text file an HTML tag still makes a browser-renderable document of it. */
const MARKUP_WINDOW = 1024;

/** "HTML document" or "SVG image" when a browser could render the text as active markup; else null. */
export function sniffMarkup(text: string): string | null {
  const start = text
    .replace(/^\uFEFF/, "")
    .replace(/^(?:\s|<!--[\s\S]*?-->)+/, "")
    .toLowerCase();
  if (HTML_MARKERS.some((m) => start.startsWith(m))) return "HTML document";
  const window = start.slice(0, MARKUP_WINDOW);
  if (start.startsWith("<") && /<svg[\s>/]/.test(start.slice(0, 8192))) return "SVG image";
  if (/<(?:!doctype html|html|script|body|iframe)[\s>/]/.test(window)) return "HTML document";
  if (/<svg[\s>/]/.test(window)) return "SVG image";
  return null;
}
