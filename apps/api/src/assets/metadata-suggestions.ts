import { type MetadataSuggestion, type SuggestedFileShape, suggestMetadata } from "@pitchside/shared";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { assets, assetVersions } from "../db/schema";
import { cachedTaxonomy } from "../taxonomy/taxonomy-service";
import { type FileKind, isPresentationKind } from "./processing/detect-type";

/** Text past this adds little to what a document is about, and costs time. */
const MAX_TEXT = 200_000;

export interface AssetSuggestion {
  assetId: string;
  /** Until the text is extracted there is nothing to suggest from. */
  state: "pending" | "ready" | "failed";
  suggestion: (MetadataSuggestion & { title: string | null }) | null;
}

function shapeOf(kind: FileKind | null): SuggestedFileShape {
  return kind && isPresentationKind(kind) ? "presentation" : kind === "mp4" ? "video" : "document";
}

/**
 * Tags, a type and the document's own title suggested from each asset's title, extracted text and file, for the
 * marketer who just uploaded them; ids that do not exist are left out.
 */
export async function metadataSuggestions(db: Db, ids: string[]): Promise<AssetSuggestion[]> {
  const rows = await db
    .select({
      id: assets.id,
      title: assets.title,
      state: assetVersions.processingState,
      text: assetVersions.textContent,
      kind: assetVersions.kind,
      documentTitle: assetVersions.documentTitle,
    })
    .from(assets)
    .leftJoin(assetVersions, eq(assetVersions.id, assets.currentVersionId))
    .where(inArray(assets.id, ids));
  const taxonomy = await cachedTaxonomy(db);
  return rows.map((row) => {
    const state = row.state ?? "ready";
    const text = `${row.title}\n${(row.text ?? "").slice(0, MAX_TEXT)}`;
    return {
      assetId: row.id,
      state,
      suggestion:
        state === "ready"
          ? { ...suggestMetadata(text, taxonomy, shapeOf(row.kind)), title: row.documentTitle }
          : null,
    };
  });
}
