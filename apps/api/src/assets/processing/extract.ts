import { readFile } from "node:fs/promises";
import { detectLanguage } from "@pitchside/shared";
import type { DetectedFile } from "./detect-type";
import { stripMarkdown } from "./markdown";
import { processOffice } from "./office";
import { processOpenDocument } from "./opendocument";
import { processPdf } from "./pdf";
import { isFileSystemError, ProcessingError, reasonOf } from "./processing-error";
import { type Thumbnail, thumbnailOfImage } from "./thumbnails";

export { ProcessingError } from "./processing-error";
export type { Thumbnail } from "./thumbnails";

export interface ProcessingResult {
  text: string;
  pageCount: number | null;
  /**
   * The text of each page or slide, in order, when the format knows its pages
   * (PDF, PPTX, ODP); a slide's speaker notes follow its text. Null otherwise.
   */
  pages: string[] | null;
  thumbnail: Thumbnail | null;
  language: "en" | "ja" | null;
  /** The title in the document's own properties (PDF, Office, OpenDocument), when a real one. */
  title: string | null;
}

/** Search needs the words, not a whole novel: text past this is cut (at a line break where one is near). */
export const MAX_TEXT_LENGTH = 2_000_000;

type Content = Omit<ProcessingResult, "language" | "title"> & { title?: string | null };

/**
 * Text, page count, thumbnail and language of an uploaded file whose type
 * `detectFileType` established. A file that is damaged, truncated, encrypted
 * or hostile throws a ProcessingError whose message the marketer sees.
 * Runs in the caller's thread: the API goes through `runProcessing` instead.
 */
export async function processFile(filePath: string, file: DetectedFile): Promise<ProcessingResult> {
  let content: Content;
  try {
    content = await contentOf(filePath, file);
  } catch (err) {
    if (err instanceof ProcessingError) throw err;
    if (isFileSystemError(err)) throw err; // our storage's fault, not the file's: let the job retry
    throw new ProcessingError(`Could not read the ${file.kind.toUpperCase()} file: ${reasonOf(err)}`);
  }
  const text = limitLength(removeControlCharacters(content.text));
  const pages = content.pages && limitPages(content.pages.map(removeControlCharacters));
  return {
    ...content,
    text,
    pages,
    language: text.trim() ? detectLanguage(text) : null,
    title: content.title ?? null,
  };
}

async function contentOf(filePath: string, file: DetectedFile): Promise<Content> {
  switch (file.kind) {
    case "pdf":
      return processPdf(filePath, MAX_TEXT_LENGTH);
    case "docx":
    case "pptx":
    case "xlsx":
      return processOffice(filePath, file.kind);
    case "odt":
    case "ods":
    case "odp":
      return processOpenDocument(filePath, file.kind);
    case "doc":
    case "xls":
    case "ppt":
    case "rtf":
      // their text comes later, from the PDF LibreOffice renders of them
      return { text: "", pageCount: null, pages: null, thumbnail: null };
    case "png":
    case "jpeg":
    case "webp":
    case "gif":
      return {
        text: "",
        pageCount: null,
        pages: null,
        thumbnail: await thumbnailOfImage(await readFile(filePath), file.kind),
      };
    case "mp4":
      return { text: "", pageCount: null, pages: null, thumbnail: null };
    case "markdown":
      return { text: stripMarkdown(await readText(filePath)), pageCount: null, pages: null, thumbnail: null };
    case "text": {
      const text = (await readText(filePath)).replace(/\r\n?/g, "\n");
      return { text, pageCount: null, pages: null, thumbnail: null };
    }
  }
}

async function readText(filePath: string): Promise<string> {
  return (await readFile(filePath, "utf8")).replace(/^\uFEFF/, "");
}

/** NULs and other C0 controls break Postgres text columns and mean nothing to search; tabs and newlines stay. */
function removeControlCharacters(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
}

function limitLength(text: string): string {
  if (text.length <= MAX_TEXT_LENGTH) return text;
  const cut = text.lastIndexOf("\n", MAX_TEXT_LENGTH);
  return text.slice(0, cut > MAX_TEXT_LENGTH * 0.9 ? cut : MAX_TEXT_LENGTH);
}

/**
 * Pages within MAX_TEXT_LENGTH characters in all: the page that crosses it is
 * cut, the ones after it are empty, so page n is still at index n - 1.
 */
export function limitPages(pages: readonly string[], maxLength = MAX_TEXT_LENGTH): string[] {
  let room = maxLength;
  return pages.map((page) => {
    const kept = page.length <= room ? page : page.slice(0, Math.max(0, room));
    room -= kept.length;
    return kept;
  });
}
