import { loadImage } from "@napi-rs/canvas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeCompoundFile,
  makeDocx,
  makeGif,
  makeJpeg,
  makeMp4,
  makeOdp,
  makeOds,
  makeOdt,
  makePdf,
  makePng,
  makePptx,
  makeTempDir,
  makeWebp,
  makeXlsx,
  makeZip,
  truncate,
} from "../../../testing/test-files";
import { type DetectedFile, detectFileType } from "./detect-type";
import { limitPages, MAX_TEXT_LENGTH, ProcessingError, type ProcessingResult, processFile } from "./extract";
import { processPdf } from "./pdf";

let files: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  files = await makeTempDir();
});
afterAll(() => files.remove());

/** Detects like the upload route does, then processes. */
async function processBytes(name: string, data: Buffer | string): Promise<ProcessingResult> {
  const path = await files.write(name, data);
  const detection = await detectFileType(path);
  if (!detection.ok) throw new Error(`not accepted: ${detection.detected}`);
  return processFile(path, detection.file);
}

async function processAs(name: string, data: Buffer, file: DetectedFile): Promise<ProcessingResult> {
  return processFile(await files.write(name, data), file);
}

const PDF: DetectedFile = { kind: "pdf", mime: "application/pdf", ext: "pdf" };
const DOCX: DetectedFile = {
  kind: "docx",
  mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ext: "docx",
};

async function thumbnailSize(result: ProcessingResult) {
  expect(result.thumbnail).not.toBeNull();
  const image = await loadImage(result.thumbnail?.data ?? Buffer.alloc(0));
  return { width: image.width, height: image.height, mime: result.thumbnail?.mime };
}

describe("PDF", () => {
  it("gives the text of every page and the page count; its pictures come from the rendition job", async () => {
    const pdf = await makePdf({
      pages: ["Acme battle card\nWhy we win on price", "Objection: too expensive", "Customer story: Globex"],
    });
    const result = await processBytes("battle-card.pdf", pdf);
    expect(result.text).toContain("Acme battle card");
    expect(result.text).toContain("Why we win on price");
    expect(result.text).toContain("Objection: too expensive");
    expect(result.text).toContain("Customer story: Globex");
    expect(result.text.indexOf("Acme")).toBeLessThan(result.text.indexOf("Globex"));
    expect(result.pageCount).toBe(3);
    expect(result.language).toBe("en");
    expect(result.thumbnail).toBeNull();
  });

  it("gives the text of each page, in order, each with its own page number", async () => {
    const pdf = await makePdf({
      pages: ["Acme battle card\nWhy we win on price", "Objection: too expensive"],
    });
    const result = await processBytes("pages.pdf", pdf);
    expect(result.pages).toEqual(["Acme battle card\nWhy we win on price\n1", "Objection: too expensive\n2"]);
    expect(result.text).toBe(result.pages?.join("\n\n"));
  });

  it("keeps an empty string for the pages past the text limit, so indexes stay page numbers", async () => {
    const pages = ["First page words", "Second page words", "Third page words", "Fourth page words"];
    const path = await files.write("limited.pdf", await makePdf({ pages }));
    const content = await processPdf(path, 20);
    expect(content.pageCount).toBe(4);
    expect(content.pages).toEqual(["First page words\n1", "Second page words\n2", "", ""]);
  });

  it("gives real Japanese characters from an embedded Japanese font", async () => {
    const pdf = await makePdf({ pages: ["価格が高すぎる", "導入事例：株式会社サンプル"], japanese: true });
    const result = await processBytes("objection.pdf", pdf);
    expect(result.text.split("\n")).toContain("価格が高すぎる");
    expect(result.text).toContain("導入事例：株式会社サンプル");
    expect(result.language).toBe("ja");
    expect(result.pageCount).toBe(2);
  });

  it("gives real Japanese characters from a font that is not embedded (Adobe-Japan1 character maps)", async () => {
    const pdf = await makePdf({ pages: ["価格が高すぎる"], japanese: "font-not-embedded" });
    const result = await processBytes("objection-cmap.pdf", pdf);
    expect(result.text).toBe("価格が高すぎる");
    expect(result.language).toBe("ja");
  });

  it("refuses a truncated PDF with a clear reason", async () => {
    const pdf = await makePdf({ pages: ["One", "Two", "Three"] });
    for (const length of [pdf.length - 30, Math.floor(pdf.length / 2), 40]) {
      await expect(processAs("cut.pdf", truncate(pdf, length), PDF)).rejects.toThrow(
        /^PDF is damaged or truncated: /,
      );
    }
  });

  it("refuses a PDF whose body is garbage", async () => {
    const garbage = Buffer.from(`%PDF-1.7\n${"x".repeat(500)}\n%%EOF\n`);
    const failure = processAs("garbage.pdf", garbage, PDF);
    await expect(failure).rejects.toBeInstanceOf(ProcessingError);
    await expect(failure).rejects.toThrow(/^PDF is damaged or truncated: /);
  });
});

describe("DOCX", () => {
  it("gives the text of the paragraphs, no page count without docProps/app.xml pages", async () => {
    const result = await processBytes(
      "case-study.docx",
      await makeDocx(["Globex case study", "ROI in 3 months"]),
    );
    expect(result.text).toBe("Globex case study\nROI in 3 months");
    expect(result.pageCount).toBeNull();
    expect(result.thumbnail).toBeNull();
    expect(result.language).toBe("en");
  });

  it("reads Japanese text and marks it ja", async () => {
    const result = await processBytes(
      "jirei.docx",
      await makeDocx(["導入事例", "価格が高すぎるという声への回答"]),
    );
    expect(result.text).toContain("価格が高すぎるという声への回答");
    expect(result.language).toBe("ja");
  });

  it("takes the page count from docProps/app.xml and decodes XML entities", async () => {
    const docx = makeZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      {
        name: "word/document.xml",
        data: '<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>Tom &amp; Jerry &lt;3</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve"> ok</w:t></w:r></w:p></w:body></w:document>',
      },
      { name: "docProps/app.xml", data: "<Properties><Pages>7</Pages></Properties>" },
    ]);
    const result = await processBytes("hand-made.docx", docx);
    expect(result.text).toBe("Tom & Jerry <3\t ok");
    expect(result.pageCount).toBe(7);
  });

  it("refuses a truncated DOCX with a clear reason", async () => {
    const docx = await makeDocx(["Hello"]);
    for (const length of [docx.length - 100, Math.floor(docx.length / 2)]) {
      const failure = processAs("cut.docx", truncate(docx, length), DOCX);
      await expect(failure).rejects.toBeInstanceOf(ProcessingError);
      await expect(failure).rejects.toThrow(/^Archive is damaged or truncated: /);
    }
  });

  it("refuses a DOCX without its document part", async () => {
    const zip = makeZip([{ name: "[Content_Types].xml", data: "<Types/>" }]);
    await expect(processAs("empty.docx", zip, DOCX)).rejects.toThrow(
      "DOCX is damaged: it has no word/document.xml",
    );
  });
});

describe("PPTX", () => {
  it("gives every slide's text and speaker notes in slide order, and the slide count", async () => {
    const pptx = await makePptx([
      { text: "Why Pitchside", notes: "Open with the Globex story" },
      { text: "Pricing" },
      { text: "Next steps", notes: "Ask for the pilot" },
    ]);
    const result = await processBytes("deck.pptx", pptx);
    const order = [
      "Why Pitchside",
      "Open with the Globex story",
      "Pricing",
      "Next steps",
      "Ask for the pilot",
    ];
    const positions = order.map((phrase) => result.text.indexOf(phrase));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(result.pageCount).toBe(3);
    expect(result.thumbnail).toBeNull();
  });

  it("gives each slide's text with its own speaker notes, one page per slide", async () => {
    const pptx = await makePptx([
      { text: "Why Pitchside", notes: "Open with the Globex story" },
      { text: "Pricing" },
      { text: "次のステップ", notes: "パイロットを提案する" },
    ]);
    const result = await processBytes("deck.pptx", pptx);
    expect(result.pages).toEqual([
      "Why Pitchside\n\nOpen with the Globex story",
      "Pricing",
      "次のステップ\n\nパイロットを提案する",
    ]);
    expect(result.text).toBe(result.pages?.join("\n\n"));
  });

  it("orders slides past nine by number, not as text", async () => {
    const slides = Array.from({ length: 12 }, (_, i) => ({ text: `Slide title ${i + 1}` }));
    const result = await processBytes("long.pptx", await makePptx(slides));
    expect(result.pageCount).toBe(12);
    expect(result.text.indexOf("Slide title 2\n")).toBeLessThan(result.text.indexOf("Slide title 10"));
  });

  it("re-encodes docProps/thumbnail.jpeg as the thumbnail", async () => {
    const pptx = await makePptx([{ text: "With a preview" }], { thumbnailWidth: 256 });
    const result = await processBytes("preview.pptx", pptx);
    expect(await thumbnailSize(result)).toEqual({ width: 256, height: 192, mime: "image/webp" });
  });
});

describe("ODT", () => {
  it("gives the text of the paragraphs, Japanese included, no page count and no pages", async () => {
    const odt = await makeOdt(["導入事例", "価格が高すぎるという声への回答", "ROI in 3 months"]);
    const result = await processBytes("jirei.odt", odt);
    expect(result.text).toBe("導入事例\n価格が高すぎるという声への回答\nROI in 3 months");
    expect(result).toMatchObject({ pageCount: null, pages: null, thumbnail: null, language: "ja" });
  });
});

describe("ODP", () => {
  it("gives one page per slide, speaker notes with their slide, and the slide count", async () => {
    const odp = await makeOdp([
      { text: "Why Pitchside", notes: "Open with the Globex story" },
      { text: "価格\n導入効果は大きい" },
      { text: "Next steps", notes: "Ask for the pilot" },
    ]);
    const result = await processBytes("deck.odp", odp);
    expect(result.pages).toEqual([
      "Why Pitchside\n\nOpen with the Globex story",
      "価格\n導入効果は大きい",
      "Next steps\n\nAsk for the pilot",
    ]);
    expect(result.text).toBe(result.pages?.join("\n\n"));
    expect(result.pageCount).toBe(3);
  });
});

describe("ODS", () => {
  it("gives sheet names and cells, the sheet count, and no pages", async () => {
    const ods = await makeOds([
      { name: "Pricing", cells: ["Plan", "Enterprise <annual>"] },
      { name: "競合", cells: ["Acme 比較"] },
    ]);
    const result = await processBytes("pricing.ods", ods);
    expect(result.text).toBe("Pricing\nPlan\nEnterprise <annual>\n\n競合\nAcme 比較");
    expect(result).toMatchObject({ pageCount: 2, pages: null });
  });
});

describe("legacy Office and RTF", () => {
  it.each([
    ["doc", () => makeCompoundFile(["WordDocument", "1Table"])],
    ["xls", () => makeCompoundFile(["Workbook"])],
    ["ppt", () => makeCompoundFile(["PowerPoint Document", "Current User"])],
    ["rtf", () => Buffer.from("{\\rtf1\\ansi Objection handling\\par }")],
  ])("%s: accepted, its text left to the PDF rendition", async (kind, make) => {
    const path = await files.write(`file.${kind}`, make());
    const detection = await detectFileType(path);
    expect(detection).toMatchObject({ ok: true, file: { kind } });
    if (!detection.ok) return;
    expect(await processFile(path, detection.file)).toEqual({
      text: "",
      pageCount: null,
      pages: null,
      thumbnail: null,
      language: null,
      title: null,
    });
  });
});

describe("page text limit", () => {
  it("cuts the page that crosses the limit and empties the ones after it", () => {
    expect(limitPages(["aaaa", "bbbb", "cccc", "dddd"], 6)).toEqual(["aaaa", "bb", "", ""]);
    expect(limitPages(["aaaa", "bb"], 6)).toEqual(["aaaa", "bb"]);
  });

  it("applies MAX_TEXT_LENGTH to a presentation's pages as to its text", async () => {
    // words that do not compress well, or the zip bomb guard would refuse the file first
    const words = Array.from({ length: MAX_TEXT_LENGTH / 10 }, (_, i) =>
      ((i * 2654435761) % 1e9).toString(36),
    );
    const long = words.join(" ").slice(0, MAX_TEXT_LENGTH / 2 + 100);
    const odp = await makeOdp([{ text: long }, { text: long }, { text: "Last slide" }]);
    const result = await processBytes("long.odp", odp);
    expect(result.pages).toHaveLength(3);
    expect(result.pages?.[2]).toBe("");
    expect(result.pages?.join("").length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    expect(result.text.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
  });
});

describe("XLSX", () => {
  it("gives sheet names and shared strings, and the sheet count", async () => {
    const xlsx = makeXlsx([
      { name: "Pricing", cells: ["Plan", "Enterprise <annual>"] },
      { name: "競合", cells: ["Acme 比較"] },
    ]);
    const result = await processBytes("pricing.xlsx", xlsx);
    for (const phrase of ["Pricing", "競合", "Plan", "Enterprise <annual>", "Acme 比較"]) {
      expect(result.text).toContain(phrase);
    }
    expect(result.pageCount).toBe(2);
  });
});

describe("images", () => {
  it.each([
    ["png", () => makePng(1200, 800), { width: 400, height: 267 }],
    ["jpeg", () => makeJpeg(800, 800), { width: 400, height: 400 }],
    ["webp", () => makeWebp(1000, 500), { width: 400, height: 200 }],
    ["gif", () => makeGif(), { width: 1, height: 1 }],
    ["small png (never enlarged)", () => makePng(120, 60), { width: 120, height: 60 }],
    ["very tall png (top kept)", () => makePng(800, 8000), { width: 400, height: 1600 }],
  ])("%s: thumbnail of the expected size, no text", async (_, make, size) => {
    const result = await processBytes("image", make());
    expect(await thumbnailSize(result)).toEqual({ ...size, mime: "image/webp" });
    expect(result).toMatchObject({ text: "", pageCount: null, language: null });
  });

  it("refuses a pixel bomb without decoding it", async () => {
    const png = makePng(10, 10);
    png.writeUInt32BE(50_000, 16); // IHDR width
    png.writeUInt32BE(50_000, 20); // IHDR height
    await expect(processBytes("bomb.png", png)).rejects.toThrow(
      /^Image is too large to preview: 50000×50000/,
    );
  });

  it("refuses a truncated image", async () => {
    const png = truncate(makePng(300, 300), 60);
    await expect(processAs("cut.png", png, { kind: "png", mime: "image/png", ext: "png" })).rejects.toThrow(
      /^PNG image is damaged or truncated/,
    );
  });
});

describe("video and text", () => {
  it("MP4: nothing to extract", async () => {
    expect(await processBytes("clip.mp4", makeMp4())).toEqual({
      text: "",
      pageCount: null,
      pages: null,
      thumbnail: null,
      language: null,
      title: null,
    });
  });

  it("Markdown: the words without the syntax", async () => {
    const markdown = [
      "# Objection: *too expensive*",
      "",
      "- Show the **ROI** calculator",
      "- Read [the Globex story](https://example.com/globex)",
      "",
      "```",
      "roi = savings / cost",
      "```",
      "> Customers save `30%` on average",
    ].join("\n");
    const result = await processBytes("objection.md", markdown);
    expect(result.text).toBe(
      [
        "Objection: too expensive",
        "",
        "Show the ROI calculator",
        "Read the Globex story",
        "",
        "",
        "roi = savings / cost",
        "",
        "Customers save 30% on average",
      ]
        .join("\n")
        .replace(/\n{3,}/g, "\n\n"),
    );
    expect(result.language).toBe("en");
  });

  it("plain text: the text itself, language detected", async () => {
    const result = await processBytes("memo.txt", "価格が高すぎる。\r\nでも導入効果は大きい。\r\n");
    expect(result.text).toBe("価格が高すぎる。\nでも導入効果は大きい。\n");
    expect(result.language).toBe("ja");
  });
});
