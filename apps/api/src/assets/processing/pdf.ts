import "./pdfjs-polyfills";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createIsomorphicCanvasFactory, getDocumentProxy } from "unpdf";
import { documentTitle } from "./document-title";
import { ProcessingError, reasonOf } from "./processing-error";
import type { Thumbnail } from "./thumbnails";

export type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

export interface PdfContent {
  text: string;
  pageCount: number;
  /** The text of each page; "" for the pages past `maxTextLength` that were not read. */
  pages: string[];
  thumbnail: Thumbnail | null;
  title: string | null;
}

const canvasImport = () => import("@napi-rs/canvas");

/**
 * pdf.js needs the Adobe character maps to read Japanese text set in fonts
 * that are not embedded (common in Japanese business PDFs), and the standard
 * fonts to render the 14 base fonts; both ship with pdfjs-dist.
 * Plain directory paths: pdf.js reads them with fs.readFile in Node.
 */
function pdfjsDataDirs() {
  const root = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  return {
    cMapUrl: `${join(root, "cmaps")}/`,
    cMapPacked: true,
    standardFontDataUrl: `${join(root, "standard_fonts")}/`,
    wasmUrl: `${join(root, "wasm")}/`,
  };
}

/** A canvas factory for drawing pages with pdf.js on @napi-rs/canvas. */
export async function pdfCanvasFactory() {
  const CanvasFactory = await createIsomorphicCanvasFactory(canvasImport);
  return new CanvasFactory();
}

/** The document, refused with a ProcessingError when it is cut short, damaged or password-protected. */
export async function openPdf(data: Buffer): Promise<PdfDocument> {
  assertComplete(data);
  const CanvasFactory = await createIsomorphicCanvasFactory(canvasImport);
  try {
    return await getDocumentProxy(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), {
      ...pdfjsDataDirs(),
      CanvasFactory,
      disableFontFace: true,
      useSystemFonts: false,
      maxImageSize: 100_000_000,
      verbosity: 0,
    });
  } catch (err) {
    throw pdfError(err);
  }
}

/**
 * Text of every page (joined, and page by page) and the page count; pages
 * past `maxTextLength` characters are counted but not read. The pictures of
 * the pages come later, from the rendition job (pdf-pages.ts).
 */
export async function processPdf(
  filePath: string,
  maxTextLength = Number.POSITIVE_INFINITY,
): Promise<PdfContent> {
  const pdf = await openPdf(await readFile(filePath));
  try {
    const pages: string[] = [];
    let length = 0;
    for (let n = 1; n <= pdf.numPages && length <= maxTextLength; n += 1) {
      pages.push(await pageText(pdf, n));
      length += (pages.at(-1)?.length ?? 0) + 2;
    }
    const info = (await pdf.getMetadata().catch(() => null))?.info as { Title?: unknown } | undefined;
    return {
      text: pages.join("\n\n"),
      pageCount: pdf.numPages,
      pages: Array.from({ length: pdf.numPages }, (_, i) => pages[i] ?? ""),
      thumbnail: null,
      title: documentTitle(typeof info?.Title === "string" ? info.Title : null),
    };
  } finally {
    await pdf.loadingTask.destroy();
  }
}

/**
 * pdf.js quietly rebuilds a broken cross-reference table and shows what it can;
 * an upload cut short must instead be refused, so the marketer uploads it again.
 */
function assertComplete(data: Buffer): void {
  if (data.subarray(Math.max(0, data.length - 1024)).includes("%%EOF")) return;
  throw new ProcessingError("PDF is damaged or truncated: its end-of-file marker is missing");
}

export async function pageText(pdf: PdfDocument, pageNumber: number): Promise<string> {
  try {
    const page = await pdf.getPage(pageNumber);
    const content = await page.getTextContent();
    page.cleanup();
    let text = "";
    for (const item of content.items) {
      if ("str" in item) text += item.str + (item.hasEOL ? "\n" : "");
    }
    return text.replace(/[^\S\n]+/g, " ").replace(/ ?\n ?/g, "\n");
  } catch (err) {
    throw pdfError(err, `page ${pageNumber}`);
  }
}

function pdfError(err: unknown, where?: string): ProcessingError {
  if (err instanceof ProcessingError) return err;
  const name = err instanceof Error ? err.name : "";
  if (name === "PasswordException") {
    return new ProcessingError("PDF is password-protected: upload a version without a password");
  }
  const reason = reasonOf(err);
  return new ProcessingError(`PDF is damaged or truncated: ${where ? `${where}: ` : ""}${reason}`);
}
