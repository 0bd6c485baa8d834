import { documentTitle } from "./document-title";
import type { OfficeContent } from "./office";
import { declaresEncryption } from "./opendocument-package";
import { ProcessingError } from "./processing-error";
import { thumbnailOfEmbeddedImage } from "./thumbnails";
import {
  joinBlocks,
  tidyLines,
  type XmlTextSpec,
  xmlElementText,
  xmlOutermostElements,
  xmlText,
} from "./xml-text";
import { DEFAULT_ZIP_LIMITS, OoxmlArchive, type ZipLimits } from "./zip-guard";

export type OpenDocumentKind = "odt" | "ods" | "odp";

/**
 * Paragraphs and headings, with ODF's explicit breaks, tabs and spaces.
 * Comments, deleted text kept for change tracking and footnote numbers are not
 * what the document says.
 */
const ODF_TEXT: XmlTextSpec = {
  text: ["p", "h"],
  block: ["p", "h"],
  lineBreak: ["line-break"],
  tab: ["tab"],
  space: ["s"],
  collapseSpace: true,
  skip: ["annotation", "tracked-changes", "note-citation"],
};
const SLIDE_TEXT: XmlTextSpec = { ...ODF_TEXT, skip: [...(ODF_TEXT.skip ?? []), "notes"] };

const PASSWORD_PROTECTED = "OpenDocument file is password-protected: remove the password and upload it again";

/**
 * Text, page count (slides of an ODP, sheets of an ODS), per-slide text of an
 * ODP and embedded preview of an OpenDocument file, through the zip bomb guard.
 */
export async function processOpenDocument(
  filePath: string,
  kind: OpenDocumentKind,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<OfficeContent> {
  const archive = await OoxmlArchive.open(filePath, limits);
  try {
    const manifest = await archive.readText("META-INF/manifest.xml");
    if (manifest !== null && declaresEncryption(manifest)) throw new ProcessingError(PASSWORD_PROTECTED);
    const content = await archive.readText("content.xml");
    if (content === null)
      throw new ProcessingError(`${kind.toUpperCase()} is damaged: it has no content.xml`);
    const body =
      kind === "odp" ? presentation(content) : kind === "ods" ? spreadsheet(content) : textDocument(content);
    const preview = await archive.read("Thumbnails/thumbnail.png");
    const meta = await archive.readText("meta.xml");
    return {
      ...body,
      thumbnail: preview === null ? null : await thumbnailOfEmbeddedImage(preview),
      title: documentTitle(meta === null ? null : xmlElementText(meta, "title")),
    };
  } finally {
    archive.close();
  }
}

type Body = Omit<OfficeContent, "thumbnail">;

function textDocument(content: string): Body {
  return { text: xmlText(content, ODF_TEXT), pageCount: null, pages: null };
}

function spreadsheet(content: string): Body {
  const sheets = xmlOutermostElements(content, "table").map(({ attributes, content: cells }) => {
    const name = Object.entries(attributes).find(([attribute]) => attribute.endsWith(":name"))?.[1] ?? "";
    return tidyLines(`${name}\n${xmlText(cells, ODF_TEXT)}`);
  });
  return { text: joinBlocks(sheets), pageCount: sheets.length, pages: null };
}

/** One page per `draw:page`: what the slide shows, then its speaker notes (`presentation:notes`). */
function presentation(content: string): Body {
  const pages = xmlOutermostElements(content, "page").map((slide) => {
    const notes = xmlOutermostElements(slide.content, "notes").map((n) => xmlText(n.content, ODF_TEXT));
    return joinBlocks([xmlText(slide.content, SLIDE_TEXT), ...notes]);
  });
  return { text: joinBlocks(pages), pageCount: pages.length, pages };
}
