import { type Audience, splitPatterns, type TaxonomyTerm } from "@pitchside/shared";
import { asc, eq, inArray } from "drizzle-orm";
import { cardFields, pageUnitOf, thumbnailUrl } from "../assets/asset-dto";
import { trackRecords } from "../assets/track-records";
import type { Db } from "../db/client";
import { assets, assetVersions, versionPages } from "../db/schema";
import { listTaxonomy } from "../taxonomy/taxonomy-service";
import { foldForSearch } from "./search-fold";

/** Raised whenever AssetDocument gains a field: the next start queues every asset for reindexing. */
export const ASSET_DOCUMENT_VERSION = 5;

type AssetRow = typeof assets.$inferSelect;

/** What Meilisearch holds per asset; the database stays the source of truth. */
export interface AssetDocument {
  id: string;
  externalId: string | null;
  title: string;
  summary: string;
  type: AssetRow["type"];
  status: AssetRow["status"];
  audience: Audience;
  source: AssetRow["source"];
  language: string;
  /** The asset's language family, or its own id: search shows one card per family (Meilisearch `distinct`). */
  familyKey: string;
  url: string | null;
  stages: string[];
  personas: string[];
  industries: string[];
  competitors: string[];
  objections: string[];
  tags: string[];
  teamIds: string[];
  expiresAtTs: number | null;
  updatedAtTs: number;
  updatedAt: string;
  currentVersionId: string | null;
  thumbnailUrl: string | null;
  pageCount: number | null;
  /** Deals the asset touched before they closed: won, and won or lost (its track record). */
  wonDeals: number;
  closedDeals: number;
  /** Taxonomy labels of the asset's tags, in English and Japanese, folded (foldForSearch). */
  labels: string[];
  /** Competitor aliases, objection phrases, persona title patterns of the asset's tags, folded. */
  aliases: string[];
  /** The text of a document without pages; "" when it has pages. */
  body: string;
  /** Each page's (or slide's) text, so a hit can say where it matched. */
  pages: string[];
  /** What a page of this document is called: a presentation has slides. */
  pageUnit: "page" | "slide";
  /**
   * The same texts folded for matching (foldForSearch; the query is folded the same way): "" where the fold
   * adds nothing Meilisearch does not do itself (plain English), so English documents cost nothing.
   * `pagesFold` keeps the pages' places (or is empty), so a hit on it still names its page.
   */
  titleFold: string;
  summaryFold: string;
  tagsFold: string[];
  bodyFold: string;
  pagesFold: string[];
}

/** The folded text when folding changes more than case and spacing, else "". */
export function foldedText(text: string): string {
  // plain ASCII folds to itself in lowercase, which Meilisearch matches already
  if (!/[^\p{ASCII}]/u.test(text)) return "";
  const folded = foldForSearch(text);
  return folded === text.toLowerCase().replace(/\s+/gu, " ").trim() ? "" : folded;
}

function foldedList(texts: string[]): string[] {
  const folded = texts.map(foldedText);
  return folded.some(Boolean) ? folded : [];
}

/**
 * Everything a result list needs: all but the long text (the body can be 200 KB; labels and
 * aliases only serve matching). Search hits and suggestion candidates retrieve only these.
 */
export const listedFields: (keyof AssetDocument)[] = [
  ...cardFields,
  "familyKey",
  "thumbnailUrl",
  "pageCount",
  "updatedAt",
  "wonDeals",
  "closedDeals",
  "pageUnit",
];

const MAX_BODY_CHARS = 200_000;

function taxonomyText(taxonomy: TaxonomyTerm[], row: typeof assets.$inferSelect) {
  const byKind: Record<string, string[]> = {
    stage: row.stages,
    persona: row.personas,
    industry: row.industries,
    competitor: row.competitors,
    objection: row.objections,
  };
  const labels = new Set<string>();
  const aliases = new Set<string>();
  for (const term of taxonomy) {
    if (!byKind[term.kind]?.includes(term.key)) continue;
    for (const label of [term.label.en, term.label.ja]) labels.add(foldForSearch(label));
    for (const pattern of splitPatterns(term.patterns)) aliases.add(foldForSearch(pattern));
  }
  return { labels: [...labels].filter(Boolean), aliases: [...aliases].filter(Boolean) };
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

export async function buildAssetDocuments(
  db: Db,
  ids: string[],
  taxonomy?: TaxonomyTerm[],
): Promise<{ docs: AssetDocument[]; missing: string[] }> {
  if (ids.length === 0) return { docs: [], missing: [] };
  const terms = taxonomy ?? (await listTaxonomy(db));
  const rows = await db
    .select({
      asset: assets,
      version: {
        id: assetVersions.id,
        thumbnailKey: assetVersions.thumbnailKey,
        pageCount: assetVersions.pageCount,
        textContent: assetVersions.textContent,
        kind: assetVersions.kind,
      },
    })
    .from(assets)
    .leftJoin(assetVersions, eq(assetVersions.id, assets.currentVersionId))
    .where(inArray(assets.id, ids));
  const records = await trackRecords(db, ids);
  const pagesByVersion = await pageTexts(
    db,
    rows.flatMap((r) => (r.version ? [r.version.id] : [])),
  );
  // an upload whose details were never saved stays out of search until it is saved
  const docs = rows
    .filter(({ asset }) => !asset.unsaved)
    .map(({ asset, version }): AssetDocument => {
      const { labels, aliases } = taxonomyText(terms, asset);
      const pages = (version && pagesByVersion.get(version.id)) ?? [];
      const body = pages.length > 0 ? "" : (version?.textContent ?? "").slice(0, MAX_BODY_CHARS);
      return {
        id: asset.id,
        externalId: asset.externalId,
        title: asset.title,
        summary: asset.summary,
        type: asset.type,
        status: asset.status,
        audience: asset.audience,
        source: asset.source,
        language: asset.language,
        familyKey: asset.familyId ?? asset.id,
        url: asset.url,
        stages: asset.stages,
        personas: asset.personas,
        industries: asset.industries,
        competitors: asset.competitors,
        objections: asset.objections,
        tags: asset.tags,
        teamIds: asset.teamIds,
        expiresAtTs: asset.expiresAt ? seconds(asset.expiresAt) : null,
        updatedAtTs: seconds(asset.updatedAt),
        updatedAt: asset.updatedAt.toISOString(),
        currentVersionId: asset.currentVersionId,
        thumbnailUrl: thumbnailUrl(version),
        pageCount: version?.pageCount ?? null,
        wonDeals: records.get(asset.id)?.won ?? 0,
        closedDeals: records.get(asset.id)?.closed ?? 0,
        labels,
        aliases,
        body,
        pages,
        pageUnit: pageUnitOf(version?.kind ?? null),
        titleFold: foldedText(asset.title),
        summaryFold: foldedText(asset.summary),
        tagsFold: foldedList(asset.tags),
        bodyFold: foldedText(body),
        pagesFold: foldedList(pages),
      };
    });
  const found = new Set(docs.map((d) => d.id));
  return { docs, missing: ids.filter((id) => !found.has(id)) };
}

/** Each version's page texts in order, cut to MAX_BODY_CHARS in all (later pages keep their place, empty). */
async function pageTexts(db: Db, versionIds: string[]): Promise<Map<string, string[]>> {
  const byVersion = new Map<string, string[]>();
  if (versionIds.length === 0) return byVersion;
  const rows = await db
    .select({ versionId: versionPages.versionId, number: versionPages.number, text: versionPages.text })
    .from(versionPages)
    .where(inArray(versionPages.versionId, versionIds))
    .orderBy(asc(versionPages.versionId), asc(versionPages.number));
  const used = new Map<string, number>();
  for (const row of rows) {
    const pages = byVersion.get(row.versionId) ?? [];
    const room = MAX_BODY_CHARS - (used.get(row.versionId) ?? 0);
    const text = room > 0 ? row.text.slice(0, room) : "";
    pages[row.number - 1] = text;
    used.set(row.versionId, (used.get(row.versionId) ?? 0) + text.length);
    byVersion.set(row.versionId, pages);
  }
  for (const pages of byVersion.values()) for (let i = 0; i < pages.length; i += 1) pages[i] ??= "";
  return byVersion;
}

/**
 * Competitor aliases and both labels of every term find each other (アクメ ↔ Acme), folded as
 * the query is (ｱｸﾒ and あくめ arrive as the same words).
 */
export function synonymsFor(taxonomy: TaxonomyTerm[]): Record<string, string[]> {
  const synonyms: Record<string, Set<string>> = {};
  for (const term of taxonomy) {
    const words = [
      term.label.en,
      term.label.ja,
      ...(term.kind === "competitor" ? splitPatterns(term.patterns) : []),
    ]
      .map(foldForSearch)
      .filter(Boolean);
    const unique = [...new Set(words)];
    if (unique.length < 2) continue;
    for (const word of unique) {
      const set = synonyms[word] ?? new Set<string>();
      for (const other of unique) if (other !== word) set.add(other);
      synonyms[word] = set;
    }
  }
  return Object.fromEntries(Object.entries(synonyms).map(([k, v]) => [k, [...v]]));
}
