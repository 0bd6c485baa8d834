import { readFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeCompoundFile,
  makeDocx,
  makeExecutable,
  makeGif,
  makeJpeg,
  makeMp4,
  makeOdp,
  makeOds,
  makeOdt,
  makeOpenDocument,
  makePdf,
  makePng,
  makePptx,
  makeTempDir,
  makeWebp,
  makeXlsx,
  makeZip,
  truncate,
} from "../../../testing/test-files";
import {
  detectFileType,
  FILE_TYPES,
  type FileKind,
  isOfficeKind,
  isPagedKind,
  isPresentationKind,
  officeKinds,
  pagedKinds,
  presentationKinds,
  sniffMarkup,
} from "./detect-type";

let files: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  files = await makeTempDir();
});
afterAll(() => files.remove());

async function detect(name: string, data: Buffer | string) {
  return detectFileType(await files.write(name, data));
}

describe("detectFileType accepts by content, whatever the name", () => {
  const cases: Array<[string, () => Promise<Buffer> | Buffer, FileKind, string]> = [
    ["deck.pptx", () => makePdf({ pages: ["Hello"] }), "pdf", "application/pdf"],
    [
      "report.pdf",
      () => makeDocx(["Hello"]),
      "docx",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ],
    [
      "notes.docx",
      () => makePptx([{ text: "Hello" }]),
      "pptx",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ],
    [
      "prices.txt",
      () => makeXlsx([{ name: "Prices", cells: ["a"] }]),
      "xlsx",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ],
    ["photo.jpg", () => makePng(20, 10), "png", "image/png"],
    ["photo.png", () => makeJpeg(20, 10), "jpeg", "image/jpeg"],
    ["photo.gif", () => makeWebp(20, 10), "webp", "image/webp"],
    ["photo.webp", () => makeGif(), "gif", "image/gif"],
    ["clip.mov", () => makeMp4(), "mp4", "video/mp4"],
    [
      "readme.txt",
      () => Buffer.from("# Pricing\n\nSee [the sheet](https://example.com).\n"),
      "markdown",
      "text/markdown",
    ],
    ["notes.md", () => Buffer.from("Plain words about pricing.\nNo markup here.\n"), "text", "text/plain"],
    ["memo.bin", () => Buffer.from("\uFEFF価格が高すぎるという反論への回答\n"), "text", "text/plain"],
    [
      "letter.docx",
      () => makeCompoundFile(["WordDocument", "1Table", "\u0005SummaryInformation"]),
      "doc",
      "application/msword",
    ],
    [
      "prices.pdf",
      () => makeCompoundFile(["Workbook", "\u0005SummaryInformation"]),
      "xls",
      "application/vnd.ms-excel",
    ],
    ["old-prices.xlsx", () => makeCompoundFile(["Book"]), "xls", "application/vnd.ms-excel"],
    [
      "deck.doc",
      () => makeCompoundFile(["Current User", "PowerPoint Document", "Pictures"]),
      "ppt",
      "application/vnd.ms-powerpoint",
    ],
    ["notes.txt", () => makeOdt(["Hello"]), "odt", "application/vnd.oasis.opendocument.text"],
    [
      "prices.odt",
      () => makeOds([{ name: "Prices", cells: ["a"] }]),
      "ods",
      "application/vnd.oasis.opendocument.spreadsheet",
    ],
    [
      "deck.pptx",
      () => makeOdp([{ text: "Hello" }]),
      "odp",
      "application/vnd.oasis.opendocument.presentation",
    ],
    [
      "deck.zip",
      () => makeOpenDocument("odp", "<draw:page/>", { mimetypeFirst: false }),
      "odp",
      "application/vnd.oasis.opendocument.presentation",
    ],
    [
      "memo.txt",
      () => Buffer.from("{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Arial;}} Hello\\par }"),
      "rtf",
      "application/rtf",
    ],
  ];
  it.each(cases)("%s holding %s", async (name, make, kind, mime) => {
    const result = await detect(name, await make());
    expect(result).toMatchObject({ ok: true, file: { kind } });
    if (result.ok) expect(result.file.mime.startsWith(mime)).toBe(true);
  });
});

describe("detectFileType refuses", () => {
  it.each([
    ["elf", "deck.pdf", "ELF executable"],
    ["pe", "battlecard.pdf", "Windows executable (PE)"],
    ["macho", "case-study.docx", "Mach-O executable"],
    ["script", "notes.md", "script executable (#!)"],
  ] as const)("a %s executable named %s", async (kind, name, detected) => {
    const result = await detect(name, makeExecutable(kind));
    expect(result).toEqual({ ok: false, detected });
    expect(detected).toMatch(/executable/);
  });

  it.each([
    ["<!DOCTYPE html><html><body>Hi</body></html>", "HTML document"],
    ["\uFEFF  \n\t<HTML lang=en><p>Hi", "HTML document"],
    ["<!-- a comment -->\n<script>alert(1)</script>", "HTML document"],
    ["<iframe src=https://evil.example></iframe>", "HTML document"],
    ["Dear customer,\n\n<body onload=alert(1)>", "HTML document"],
    [
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      "SVG image",
    ],
    ['<svg viewBox="0 0 1 1"><rect width="1" height="1"/></svg>', "SVG image"],
    ["<html><body><script>alert(1)</script>\n%PDF-1.7\n", "HTML document"],
  ])("markup a browser would run: %j", async (content, detected) => {
    expect(await detect("notes.md", content)).toEqual({ ok: false, detected });
  });

  it("a zip that is not an Office document, and one with Content_Types but no main part", async () => {
    expect(await detect("deck.pptx", makeZip([{ name: "readme.txt", data: "hello" }]))).toEqual({
      ok: false,
      detected: "ZIP archive (not an Office document)",
    });
    const noMainPart = makeZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "payload.exe", data: "MZ" },
    ]);
    expect(await detect("deck.docx", noMainPart)).toEqual({
      ok: false,
      detected: "ZIP archive (not an Office document)",
    });
  });

  it("a DOCX cut short, whose central directory is gone", async () => {
    const docx = await makeDocx(["Hello"]);
    expect(await detect("short.docx", truncate(docx, docx.length - 200))).toEqual({
      ok: false,
      detected: "damaged or truncated ZIP archive",
    });
  });

  it("binary data, empty files, legacy encodings and legacy Office files, with a useful name", async () => {
    const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 7919) % 256));
    expect(await detect("x.pdf", binary)).toEqual({ ok: false, detected: "unknown binary data" });
    expect(await detect("empty.txt", "")).toEqual({ ok: false, detected: "empty file" });
    const shiftJis = Buffer.from([
      0x89, 0xbf, 0x8a, 0x69, 0x82, 0xaa, 0x8d, 0x82, 0x82, 0xb7, 0x82, 0xac, 0x82, 0xe9,
    ]);
    expect(await detect("memo.txt", shiftJis)).toMatchObject({
      ok: false,
      detected: expect.stringMatching(/Shift_JIS/),
    });
    const ole2 = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
    ]);
    expect(await detect("old.doc", ole2)).toEqual({ ok: false, detected: "damaged legacy Office document" });
  });

  it("text that turns out not to be UTF-8 past the head", async () => {
    const text = Buffer.concat([Buffer.from("a".repeat(20_000)), Buffer.from([0xff, 0xfe, 0x41])]);
    expect(await detect("long.txt", text)).toMatchObject({ ok: false });
  });
});

describe("detectFileType refuses compound files that are not Word, Excel or PowerPoint", () => {
  it.each([
    [
      "an encrypted DOCX (EncryptionInfo and EncryptedPackage)",
      ["\u0006DataSpaces", "EncryptionInfo", "EncryptedPackage"],
      "password-protected Office document: remove the password and upload it again",
    ],
    [
      "an encrypted PPT",
      ["PowerPoint Document", "Current User", "EncryptedSummary"],
      "password-protected Office document: remove the password and upload it again",
    ],
    [
      "an Outlook message",
      ["__substg1.0_0037001F", "__substg1.0_1000001F", "__nameid_version1.0", "__properties_version1.0"],
      "Outlook message (.msg)",
    ],
    [
      "a Visio drawing",
      ["VisioDocument", "\u0005SummaryInformation"],
      "compound document of an unknown kind (not Word, Excel or PowerPoint)",
    ],
  ])("%s", async (_, names, detected) => {
    expect(await detect("file.docx", makeCompoundFile(names))).toEqual({ ok: false, detected });
  });

  it("a compound file whose directory chain loops, as damaged and at once", async () => {
    const started = performance.now();
    const looping = makeCompoundFile(["WordDocument", "1Table", "Data", "ObjectPool", "CompObj"], {
      directoryLoops: true,
    });
    expect(await detect("loop.doc", looping)).toEqual({
      ok: false,
      detected: "damaged legacy Office document",
    });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("a compound file cut short, as damaged", async () => {
    const doc = makeCompoundFile(["WordDocument", "1Table"]);
    for (const length of [doc.length - 512, 1024, 100]) {
      expect(await detect("cut.doc", truncate(doc, length))).toEqual({
        ok: false,
        detected: "damaged legacy Office document",
      });
    }
  });
});

describe("detectFileType and OpenDocument files", () => {
  it("refuses a password-protected one", async () => {
    const odt = await makeOpenDocument("odt", "<text:p>secret</text:p>", { encrypted: true });
    expect(await detect("secret.odt", odt)).toEqual({
      ok: false,
      detected: "password-protected Office document: remove the password and upload it again",
    });
  });

  it("refuses other OpenDocument kinds, and a mimetype without content.xml", async () => {
    const drawing = makeZip([
      { name: "mimetype", data: "application/vnd.oasis.opendocument.graphics" },
      { name: "content.xml", data: "<office:document-content/>" },
    ]);
    expect(await detect("drawing.odp", drawing)).toEqual({
      ok: false,
      detected: "OpenDocument file of another kind (not a text document, spreadsheet or presentation)",
    });
    const noContent = makeZip([{ name: "mimetype", data: "application/vnd.oasis.opendocument.text" }]);
    expect(await detect("empty.odt", noContent)).toEqual({
      ok: false,
      detected: "ZIP archive (not an Office document)",
    });
  });
});

describe("file kinds", () => {
  it("FILE_TYPES names each kind under its own key", () => {
    for (const [kind, file] of Object.entries(FILE_TYPES)) expect(file.kind).toBe(kind);
  });

  it("the migration that stored the kinds of older versions reads each MIME type as detection names it", () => {
    const sql = readFileSync(new URL("../../../drizzle/0022_stored_file_kind.sql", import.meta.url), "utf8");
    const backfill = new Map([...sql.matchAll(/WHEN '([^']+)' THEN '([^']+)'/g)].map((m) => [m[1], m[2]]));
    for (const file of Object.values(FILE_TYPES)) {
      expect(backfill.get(file.mime.split(";")[0] ?? "")).toBe(file.kind);
    }
    expect(backfill.get("video/quicktime")).toBe("mp4");
  });

  it("Office, paged and presentation kinds", () => {
    expect([...officeKinds].sort()).toEqual(
      ["doc", "docx", "odp", "ods", "odt", "ppt", "pptx", "rtf", "xls", "xlsx"].sort(),
    );
    expect([...pagedKinds].sort()).toEqual(["pdf", ...officeKinds].sort());
    expect([...presentationKinds].sort()).toEqual(["odp", "ppt", "pptx"]);
    expect(officeKinds.every(isOfficeKind) && pagedKinds.every(isPagedKind)).toBe(true);
    expect(presentationKinds.every(isPresentationKind)).toBe(true);
    expect(isOfficeKind("pdf") || isOfficeKind("png") || isOfficeKind("markdown")).toBe(false);
    expect(isPagedKind("text") || isPagedKind("mp4") || isPagedKind("nonsense")).toBe(false);
    expect(isPresentationKind("docx") || isPresentationKind("pdf")).toBe(false);
  });
});

describe("detectFileType reads little", () => {
  it("names a 2 GB PDF from its head alone, without loading it", async () => {
    const path = await files.write("huge.pdf", "%PDF-1.7\n");
    const handle = await open(path, "r+");
    await handle.truncate(2 * 1024 ** 3); // sparse: costs no disk
    await handle.close();
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    expect(await detectFileType(path)).toMatchObject({ ok: true, file: { kind: "pdf" } });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(50 * 1024 ** 2);
  });

  it("names a 2 GB legacy Word file from its header, FAT and directory alone", async () => {
    const path = await files.write("huge.doc", makeCompoundFile(["WordDocument", "1Table"]));
    const handle = await open(path, "r+");
    await handle.truncate(2 * 1024 ** 3); // sparse: costs no disk
    await handle.close();
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    expect(await detectFileType(path)).toMatchObject({ ok: true, file: { kind: "doc" } });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(50 * 1024 ** 2);
  });
});

describe("sniffMarkup", () => {
  it("lets Markdown that merely mentions tags well past the start through", () => {
    const markdown = `# Embedding\n\n${"Intro text. ".repeat(120)}\n\nUse an \`<iframe>\` tag.\n`;
    expect(sniffMarkup(markdown)).toBeNull();
    expect(sniffMarkup("Prices are < 5% higher & rising")).toBeNull();
  });
});
