import { posix } from "node:path";
import { documentTitle } from "./document-title";
import { ProcessingError } from "./processing-error";
import { type Thumbnail, thumbnailOfEmbeddedImage } from "./thumbnails";
import { joinBlocks, tidyLines, xmlElements, xmlElementText, xmlText } from "./xml-text";
import { DEFAULT_ZIP_LIMITS, OoxmlArchive, type ZipLimits } from "./zip-guard";

export type OoxmlKind = "docx" | "pptx" | "xlsx";

export interface OfficeContent {
  text: string;
  pageCount: number | null;
  /** The text of each slide, speaker notes included, for a presentation; null for other kinds. */
  pages: string[] | null;
  thumbnail: Thumbnail | null;
  /** The title the author gave it in the document's properties, when a real one. */
  title?: string | null;
}

const REL_SLIDE = /\/relationships\/slide$/;
const REL_NOTES = /\/relationships\/notesSlide$/;
const REL_THUMBNAIL = /\/metadata\/thumbnail$/;

const WORD_TEXT = { text: ["t"], block: ["p"], lineBreak: ["br", "cr"], tab: ["tab"] } as const;
/** Fields (slide number, date) are layout furniture, not what the slide says. */
const DRAWING_TEXT = { text: ["t"], block: ["p"], lineBreak: ["br"], skip: ["fld"] } as const;
/** Phonetic guides (furigana) would repeat every Japanese cell in katakana. */
const SHARED_STRINGS_TEXT = { text: ["t"], block: ["si"], skip: ["rPh", "phoneticPr"] } as const;

/**
 * Text, page or slide count, per-slide text of a PPTX and embedded preview of
 * a DOCX, PPTX or XLSX, through the zip bomb guard.
 */
export async function processOffice(
  filePath: string,
  kind: OoxmlKind,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<OfficeContent> {
  const archive = await OoxmlArchive.open(filePath, limits);
  try {
    const content = await (kind === "docx" ? docx(archive) : kind === "pptx" ? pptx(archive) : xlsx(archive));
    const core = await archive.readText("docProps/core.xml");
    return {
      ...content,
      thumbnail: await embeddedThumbnail(archive),
      title: documentTitle(core === null ? null : xmlElementText(core, "title")),
    };
  } finally {
    archive.close();
  }
}

async function requirePart(archive: OoxmlArchive, name: string, label: string): Promise<string> {
  const xml = await archive.readText(name);
  if (xml === null) throw new ProcessingError(`${label} is damaged: it has no ${name}`);
  return xml;
}

async function docx(archive: OoxmlArchive): Promise<Omit<OfficeContent, "thumbnail">> {
  const document = await requirePart(archive, "word/document.xml", "DOCX");
  const appXml = await archive.readText("docProps/app.xml");
  const pages = appXml === null ? null : Number.parseInt(xmlElementText(appXml, "Pages") ?? "", 10);
  return {
    text: xmlText(document, WORD_TEXT),
    pageCount: pages !== null && Number.isFinite(pages) && pages > 0 ? pages : null,
    pages: null,
  };
}

async function pptx(archive: OoxmlArchive): Promise<Omit<OfficeContent, "thumbnail">> {
  const presentation = await requirePart(archive, "ppt/presentation.xml", "PPTX");
  const slidePaths = await slidesInOrder(archive, presentation);
  const pages: string[] = [];
  for (const slidePath of slidePaths) {
    const slideXml = await archive.readText(slidePath);
    const notesPath = (await relationships(archive, slidePath)).find((r) => REL_NOTES.test(r.type))?.target;
    const notesXml = notesPath ? await archive.readText(notesPath) : null;
    pages.push(
      joinBlocks([slideXml, notesXml].map((xml) => (xml === null ? "" : xmlText(xml, DRAWING_TEXT)))),
    );
  }
  return { text: joinBlocks(pages), pageCount: slidePaths.length, pages };
}

/** Slide part names in presentation order (`p:sldIdLst`), or by slide number when the relationships are missing. */
async function slidesInOrder(archive: OoxmlArchive, presentation: string): Promise<string[]> {
  const rels = await relationships(archive, "ppt/presentation.xml");
  const byId = new Map(rels.filter((r) => REL_SLIDE.test(r.type)).map((r) => [r.id, r.target]));
  const ordered = xmlElements(presentation, "sldId")
    .map((attrs) => {
      const relId = Object.entries(attrs).find(([name]) => name.endsWith(":id"))?.[1];
      return relId === undefined ? undefined : byId.get(relId);
    })
    .filter((path): path is string => path !== undefined);
  if (ordered.length > 0) return ordered;
  const slideNumber = (name: string) => Number(/(\d+)\.xml$/.exec(name)?.[1] ?? 0);
  return archive.names
    .filter((name) => /^ppt\/slides\/slide\d+\.xml$/i.test(name))
    .sort((a, b) => slideNumber(a) - slideNumber(b));
}

async function xlsx(archive: OoxmlArchive): Promise<Omit<OfficeContent, "thumbnail">> {
  const workbook = await requirePart(archive, "xl/workbook.xml", "XLSX");
  const sheets = xmlElements(workbook, "sheet");
  const sharedStrings = await archive.readText("xl/sharedStrings.xml");
  const sheetNames = sheets.map((s) => s.name ?? "").filter((name) => name.length > 0);
  const strings = sharedStrings === null ? "" : xmlText(sharedStrings, SHARED_STRINGS_TEXT);
  return {
    text: tidyLines([sheetNames.join("\n"), strings].join("\n\n")),
    pageCount: sheets.length,
    pages: null,
  };
}

/** The preview image an Office app saved in the package (docProps/thumbnail.jpeg), re-encoded; else null. */
async function embeddedThumbnail(archive: OoxmlArchive): Promise<Thumbnail | null> {
  const fromRels = (await relationships(archive, "")).find((r) => REL_THUMBNAIL.test(r.type))?.target;
  const path = fromRels ?? "docProps/thumbnail.jpeg";
  const data = await archive.read(path);
  return data === null ? null : thumbnailOfEmbeddedImage(data);
}

interface Relationship {
  id: string;
  type: string;
  /** Part name the relationship points at, resolved from the package root. */
  target: string;
}

/** The relationships of a part (`""` for the package itself), targets resolved to part names. */
async function relationships(archive: OoxmlArchive, partName: string): Promise<Relationship[]> {
  const dir = posix.dirname(partName);
  const relsPath = posix.join(dir === "." ? "" : dir, "_rels", `${posix.basename(partName)}.rels`);
  const xml = await archive.readText(relsPath);
  if (xml === null) return [];
  return xmlElements(xml, "Relationship")
    .filter((r) => r.TargetMode !== "External" && r.Id && r.Type && r.Target)
    .map((r) => ({
      id: r.Id ?? "",
      type: r.Type ?? "",
      target: resolveTarget(dir === "." ? "" : dir, r.Target ?? ""),
    }));
}

function resolveTarget(baseDir: string, target: string): string {
  const path = target.startsWith("/") ? target.slice(1) : posix.join(baseDir, target);
  return posix.normalize(path).replace(/^(\.\.\/)+/, "");
}
