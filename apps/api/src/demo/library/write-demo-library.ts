import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { TaxonomyKind, TaxonomyTerm } from "@pitchside/shared";
import { LIBRARY_FILE, type LibraryTaxonomy } from "../../library-import/library-format";
import { demoTaxonomy } from "../demo-taxonomy";
import { englishCompetitive } from "./content-en-competitive";
import { englishStories } from "./content-en-stories";
import { japaneseAssets } from "./content-ja";
import type { DemoAsset } from "./demo-asset";
import type { DemoDocument } from "./document-model";
import { findJapaneseFont } from "./japanese-font";
import { renderDocx } from "./render-docx";
import { renderMarkdown } from "./render-markdown";
import { renderPdf } from "./render-pdf";
import { renderPptx } from "./render-pptx";

/** Every asset of the demo library, English first. */
export const demoAssets: readonly DemoAsset[] = [...englishCompetitive, ...englishStories, ...japaneseAssets];

export interface DemoLibraryOptions {
  /** "Today" for expiry dates; the offer that expires soon is counted from it. */
  now?: Date;
  /** The Japanese font for Japanese PDFs; found on the machine unless given; null writes them as DOCX. */
  japaneseFont?: Uint8Array | null;
}

const DAY = 24 * 60 * 60 * 1000;

/** The demo taxonomy in library.json's shape. */
export function libraryTaxonomy(terms: readonly TaxonomyTerm[] = demoTaxonomy): LibraryTaxonomy {
  const of = (kind: TaxonomyKind) => terms.filter((t) => t.kind === kind);
  const base = (t: TaxonomyTerm) => ({ key: t.key, label: t.label, order: t.order });
  return {
    stages: of("stage").map(base),
    personas: of("persona").map((t) => ({ ...base(t), titlePatterns: t.patterns })),
    industries: of("industry").map(base),
    competitors: of("competitor").map((t) => ({ ...base(t), aliases: t.patterns })),
    objections: of("objection").map((t) => ({ ...base(t), phrases: t.patterns })),
  };
}

/** Writes one asset's file and returns its path relative to the library folder; a link has no file. */
async function writeAssetSource(
  dir: string,
  asset: DemoAsset,
  japaneseFont: Uint8Array | null,
): Promise<{ file: string } | { url: string }> {
  const { content } = asset;
  if (content.format === "link") return { url: content.url };
  let format = content.format;
  let data: Uint8Array | string;
  if (content.format === "pptx") {
    data = await renderPptx({
      title: asset.title,
      subtitle: content.subtitle,
      language: asset.language,
      slides: content.slides,
    });
  } else {
    const doc: DemoDocument = {
      title: asset.title,
      subtitle: content.subtitle,
      language: asset.language,
      blocks: content.blocks,
    };
    // Without a Japanese font a PDF would show empty boxes: Word renders the text with the reader's own fonts.
    if (format === "pdf" && asset.language === "ja" && !japaneseFont) format = "docx";
    data =
      format === "pdf"
        ? await renderPdf(doc, japaneseFont)
        : format === "docx"
          ? await renderDocx(doc)
          : renderMarkdown(doc);
  }
  const relative = `files/${asset.externalId}.${format}`;
  await writeFile(path.join(dir, relative), data);
  return { file: relative };
}

/**
 * Writes the Northwind Analytics demo library into `dir`: library.json (taxonomy
 * and ~30 assets in English and Japanese) and the PDF, DOCX, PPTX and Markdown
 * files it names. The same day gives the same bytes, so re-importing is a no-op.
 */
export async function writeDemoLibrary(dir: string, opts: DemoLibraryOptions = {}): Promise<void> {
  const japaneseFont = opts.japaneseFont === undefined ? await findJapaneseFont() : opts.japaneseFont;
  const now = opts.now ?? new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  await mkdir(path.join(dir, "files"), { recursive: true });
  const assets = [];
  for (const asset of demoAssets) {
    const source = await writeAssetSource(dir, asset, japaneseFont);
    assets.push({
      externalId: asset.externalId,
      title: asset.title,
      summary: asset.summary,
      type: asset.type,
      language: asset.language,
      status: asset.status ?? "published",
      stages: asset.stages,
      personas: asset.personas,
      industries: asset.industries,
      competitors: asset.competitors,
      objections: asset.objections,
      tags: asset.tags,
      teams: [],
      expiresAt:
        asset.expiresInDays === undefined ? null : new Date(today + asset.expiresInDays * DAY).toISOString(),
      ...source,
    });
  }
  const library = { taxonomy: libraryTaxonomy(), assets };
  await writeFile(path.join(dir, LIBRARY_FILE), `${JSON.stringify(library, null, 2)}\n`);
}
