import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import { type Block, DEMO_FILE_DATE, type DemoDocument, VENDOR } from "./document-model";

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 56, right: 56, top: 60, bottom: 64 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const NAVY = rgb(0.11, 0.2, 0.33);
const TEAL = rgb(0.05, 0.55, 0.55);
const INK = rgb(0.15, 0.15, 0.18);
const GREY = rgb(0.45, 0.47, 0.5);
const PALE = rgb(0.93, 0.96, 0.97);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
}

/** Characters that may not start a line in Japanese (kinsoku shori): they stay on the line before. */
const NO_LINE_START = new Set([..."、。，．・：；？！）」』】〕ー々ゃゅょっャュョッァィゥェォ,.:;!?)"]);
const CJK = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

const widthCache = new WeakMap<PDFFont, Map<string, number>>();

/** Width of `text` at size 1, remembered: laying out Japanese glyphs one call at a time is slow. */
function unitWidth(font: PDFFont, text: string): number {
  let cache = widthCache.get(font);
  if (!cache) {
    cache = new Map();
    widthCache.set(font, cache);
  }
  let width = cache.get(text);
  if (width === undefined) {
    width = font.widthOfTextAtSize(text, 1);
    cache.set(text, width);
  }
  return width;
}

/** Splits text into lines that fit `width`: between words for English, between characters for Japanese. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const tokens = text.match(
    /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+\s*|\s+/g,
  );
  const widthOf = (s: string) => unitWidth(font, s) * size;
  const lines: string[] = [];
  let line = "";
  // Widths add up token by token: measuring the whole line each time is quadratic, and slow for Japanese.
  let lineWidth = 0;
  for (const token of tokens ?? []) {
    const visible = lineWidth + widthOf(token.trimEnd());
    if (visible <= width || line === "" || NO_LINE_START.has(token.trim())) {
      line += token;
      lineWidth += widthOf(token);
      continue;
    }
    lines.push(line.trimEnd());
    line = CJK.test(token) ? token : token.trimStart();
    lineWidth = widthOf(line);
  }
  if (line.trim() !== "") lines.push(line.trimEnd());
  return lines;
}

class Writer {
  private page: PDFPage;
  private y: number;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: Fonts,
    private readonly language: DemoDocument["language"],
  ) {
    this.page = pdf.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN.top;
  }

  titleBand(doc: DemoDocument) {
    const bandHeight = 150;
    this.page.drawRectangle({
      x: 0,
      y: PAGE.height - bandHeight,
      width: PAGE.width,
      height: bandHeight,
      color: NAVY,
    });
    this.page.drawText(VENDOR.toUpperCase(), {
      x: MARGIN.left,
      y: PAGE.height - 40,
      size: 9,
      font: this.fonts.bold,
      color: rgb(0.6, 0.85, 0.85),
    });
    let y = PAGE.height - 70;
    for (const line of wrapText(doc.title, this.fonts.bold, 20, CONTENT_WIDTH)) {
      this.page.drawText(line, { x: MARGIN.left, y, size: 20, font: this.fonts.bold, color: rgb(1, 1, 1) });
      y -= 26;
    }
    for (const line of wrapText(doc.subtitle, this.fonts.regular, 10.5, CONTENT_WIDTH)) {
      this.page.drawText(line, {
        x: MARGIN.left,
        y: y - 2,
        size: 10.5,
        font: this.fonts.regular,
        color: rgb(0.75, 0.9, 0.9),
      });
      y -= 15;
    }
    this.y = Math.min(PAGE.height - bandHeight - 30, y - 30);
  }

  private ensure(height: number) {
    if (this.y - height >= MARGIN.bottom) return;
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN.top;
  }

  private lines(
    text: string,
    opts: { font: PDFFont; size: number; leading: number; indent?: number; color?: typeof INK },
  ) {
    const indent = opts.indent ?? 0;
    for (const line of wrapText(text, opts.font, opts.size, CONTENT_WIDTH - indent)) {
      this.ensure(opts.leading);
      this.page.drawText(line, {
        x: MARGIN.left + indent,
        y: this.y - opts.size,
        size: opts.size,
        font: opts.font,
        color: opts.color ?? INK,
      });
      this.y -= opts.leading;
    }
  }

  block(block: Block) {
    const body = { font: this.fonts.regular, size: 10.5, leading: 16 };
    switch (block.kind) {
      case "heading":
        this.ensure(60); // keep a heading with the first lines under it
        this.y -= 8;
        this.lines(block.text, { font: this.fonts.bold, size: 13.5, leading: 20, color: NAVY });
        this.y -= 4;
        return;
      case "paragraph":
        this.lines(block.text, body);
        this.y -= 8;
        return;
      case "bullets": {
        const mark = this.language === "ja" ? "・" : "•";
        for (const item of block.items) {
          this.ensure(body.leading);
          this.page.drawText(mark, {
            x: MARGIN.left + 4,
            y: this.y - body.size,
            size: body.size,
            font: body.font,
            color: TEAL,
          });
          this.lines(item, { ...body, indent: 18 });
          this.y -= 3;
        }
        this.y -= 6;
        return;
      }
      case "quote": {
        const quoted = this.language === "ja" ? `「${block.text}」` : `“${block.text}”`;
        const lines = wrapText(quoted, this.fonts.italic, 11.5, CONTENT_WIDTH - 20);
        const height = lines.length * 17 + 26;
        this.ensure(height);
        const top = this.y;
        this.page.drawRectangle({
          x: MARGIN.left,
          y: top - height + 6,
          width: 3,
          height: height - 6,
          color: TEAL,
        });
        this.lines(quoted, { font: this.fonts.italic, size: 11.5, leading: 17, indent: 16, color: NAVY });
        const dash = this.language === "ja" ? "――" : "—";
        this.lines(`${dash} ${block.by}`, {
          font: this.fonts.regular,
          size: 9.5,
          leading: 14,
          indent: 16,
          color: GREY,
        });
        this.y -= 12;
        return;
      }
      case "stats": {
        const gap = 12;
        const count = Math.max(1, block.items.length);
        const boxWidth = (CONTENT_WIDTH - gap * (count - 1)) / count;
        const labelLines = block.items.map((s) => wrapText(s.label, this.fonts.regular, 9, boxWidth - 16));
        const height = 44 + Math.max(...labelLines.map((l) => l.length)) * 12;
        this.ensure(height + 10);
        block.items.forEach((stat, i) => {
          const x = MARGIN.left + i * (boxWidth + gap);
          this.page.drawRectangle({ x, y: this.y - height, width: boxWidth, height, color: PALE });
          this.page.drawText(stat.value, {
            x: x + 8,
            y: this.y - 28,
            size: 20,
            font: this.fonts.bold,
            color: TEAL,
          });
          (labelLines[i] ?? []).forEach((line, n) => {
            this.page.drawText(line, {
              x: x + 8,
              y: this.y - 44 - n * 12,
              size: 9,
              font: this.fonts.regular,
              color: INK,
            });
          });
        });
        this.y -= height + 16;
        return;
      }
    }
  }
}

async function loadFonts(
  pdf: PDFDocument,
  doc: DemoDocument,
  japaneseFont: Uint8Array | null,
): Promise<Fonts> {
  if (doc.language === "ja") {
    if (!japaneseFont) throw new Error(`"${doc.title}" is Japanese: a PDF of it needs a Japanese font`);
    pdf.registerFontkit(fontkit);
    const font = await pdf.embedFont(japaneseFont, { subset: true });
    return { regular: font, bold: font, italic: font };
  }
  return {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
    italic: await pdf.embedFont(StandardFonts.HelveticaOblique),
  };
}

/**
 * A multi-page A4 PDF with real, extractable text. Japanese documents embed a
 * subset of `japaneseFont` (the 14 standard PDF fonts have no Japanese glyphs).
 */
export async function renderPdf(
  doc: DemoDocument,
  japaneseFont: Uint8Array | null = null,
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(doc.title);
  pdf.setSubject(doc.subtitle);
  pdf.setAuthor(VENDOR);
  pdf.setCreator(`${VENDOR} demo library`);
  pdf.setProducer("pdf-lib");
  pdf.setLanguage(doc.language === "ja" ? "ja-JP" : "en-US");
  pdf.setCreationDate(DEMO_FILE_DATE);
  pdf.setModificationDate(DEMO_FILE_DATE);
  const fonts = await loadFonts(pdf, doc, japaneseFont);
  const writer = new Writer(pdf, fonts, doc.language);
  writer.titleBand(doc);
  for (const block of doc.blocks) writer.block(block);

  const pages = pdf.getPages();
  const footer = `${VENDOR}  |  ${doc.title}`;
  pages.forEach((page, i) => {
    const left = wrapText(footer, fonts.regular, 8, CONTENT_WIDTH - 60)[0] ?? "";
    page.drawText(left, { x: MARGIN.left, y: 32, size: 8, font: fonts.regular, color: GREY });
    const number = `${i + 1} / ${pages.length}`;
    const width = fonts.regular.widthOfTextAtSize(number, 8);
    page.drawText(number, {
      x: PAGE.width - MARGIN.right - width,
      y: 32,
      size: 8,
      font: fonts.regular,
      color: GREY,
    });
  });
  return pdf.save();
}
