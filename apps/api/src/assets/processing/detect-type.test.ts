import { open } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectFileType, type FileKind, sniffMarkup } from "./detect-type";
import {
  makeDocx,
  makeExecutable,
  makeGif,
  makeJpeg,
  makeMp4,
  makePdf,
  makePng,
  makePptx,
  makeTempDir,
  makeWebp,
  makeXlsx,
  makeZip,
  truncate,
} from "./test-files";

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
    expect(await detect("old.doc", ole2)).toMatchObject({
      ok: false,
      detected: expect.stringMatching(/legacy Office/),
    });
  });

  it("text that turns out not to be UTF-8 past the head", async () => {
    const text = Buffer.concat([Buffer.from("a".repeat(20_000)), Buffer.from([0xff, 0xfe, 0x41])]);
    expect(await detect("long.txt", text)).toMatchObject({ ok: false });
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
});

describe("sniffMarkup", () => {
  it("lets Markdown that merely mentions tags well past the start through", () => {
    const markdown = `# Embedding\n\n${"Intro text. ".repeat(120)}\n\nUse an \`<iframe>\` tag.\n`;
    expect(sniffMarkup(markdown)).toBeNull();
    expect(sniffMarkup("Prices are < 5% higher & rising")).toBeNull();
  });
});
