import { readFile } from "node:fs/promises";
import type { Canvas } from "@napi-rs/canvas";
import { openPdf, type PdfDocument, pageText, pdfCanvasFactory } from "./pdf";
import { THUMBNAIL_MAX_HEIGHT, THUMBNAIL_WIDTH, type Thumbnail } from "./thumbnails";

/** Width of a page in the asset page's page strip (drawn for a 2× screen at 120 CSS pixels). */
export const PAGE_IMAGE_WIDTH = 240;
/** A page strip past this many pages shows the rest without pictures; the text of every page is kept. */
export const MAX_PAGE_IMAGES = 500;
const WEBP_QUALITY = 78;

export interface RenderedPage {
  text: string;
  /** WebP, PAGE_IMAGE_WIDTH wide; null past MAX_PAGE_IMAGES or when the page cannot be drawn. */
  image: Uint8Array | null;
}

export interface RenderedPages {
  pageCount: number;
  pages: RenderedPage[];
  /** Page 1, THUMBNAIL_WIDTH wide: the library card. */
  thumbnail: Thumbnail | null;
}

export interface RenderPagesOptions {
  /** Text past this many characters in all is not read (pages keep their place, empty). */
  maxTextLength?: number;
  maxImages?: number;
}

/**
 * Every page of a PDF (an original, or LibreOffice's rendition of an Office
 * file): its text, a small picture for the page strip, and page 1 as the card
 * thumbnail. A page that cannot be drawn keeps its text and gets no picture.
 */
export async function renderPdfPages(
  filePath: string,
  opts: RenderPagesOptions = {},
): Promise<RenderedPages> {
  const maxText = opts.maxTextLength ?? Number.POSITIVE_INFINITY;
  const maxImages = opts.maxImages ?? MAX_PAGE_IMAGES;
  const pdf = await openPdf(await readFile(filePath));
  try {
    const factory = await pdfCanvasFactory();
    const pages: RenderedPage[] = [];
    let length = 0;
    for (let n = 1; n <= pdf.numPages; n += 1) {
      const text = length <= maxText ? await pageText(pdf, n) : "";
      length += text.length + 2;
      const image = n <= maxImages ? await drawPage(pdf, n, PAGE_IMAGE_WIDTH, factory) : null;
      pages.push({ text, image });
    }
    const first = pdf.numPages > 0 ? await drawPage(pdf, 1, THUMBNAIL_WIDTH, factory) : null;
    return {
      pageCount: pdf.numPages,
      pages,
      thumbnail: first ? { data: Buffer.from(first), mime: "image/webp" } : null,
    };
  } finally {
    await pdf.loadingTask.destroy();
  }
}

type CanvasFactory = Awaited<ReturnType<typeof pdfCanvasFactory>>;

/** One page drawn `width` wide on white, its top kept when it is very tall; null when it cannot be drawn. */
async function drawPage(
  pdf: PdfDocument,
  pageNumber: number,
  width: number,
  factory: CanvasFactory,
): Promise<Uint8Array | null> {
  let drawing: ReturnType<CanvasFactory["create"]> | null = null;
  try {
    const page = await pdf.getPage(pageNumber);
    const base = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: width / base.width });
    const height = Math.min(
      Math.round(viewport.height),
      Math.round((THUMBNAIL_MAX_HEIGHT * width) / THUMBNAIL_WIDTH),
    );
    drawing = factory.create(Math.round(viewport.width), height);
    const context = drawing.context;
    if (!context) return null;
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, drawing.canvas.width, drawing.canvas.height);
    await page.render({ canvas: drawing.canvas as never, canvasContext: context as never, viewport }).promise;
    page.cleanup();
    return new Uint8Array(await (drawing.canvas as unknown as Canvas).encode("webp", WEBP_QUALITY));
  } catch {
    return null;
  } finally {
    if (drawing) factory.destroy(drawing);
  }
}
