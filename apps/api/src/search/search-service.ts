import { detectLanguage, type Language, type SearchSort } from "@pitchside/shared";
import { and, desc, ilike, or, type SQL, sql } from "drizzle-orm";
import type { Locale, SearchParams } from "meilisearch";
import { toAssetDto } from "../assets/asset-dto";
import { type LanguageVersion, languageVersionsOf } from "../assets/language-families";
import {
  checkedAgainstDatabase,
  seesEverything,
  visibleAssetsFilter,
  visibleAssetsWhere,
} from "../assets/visibility";
import type { Db } from "../db/client";
import { assets, assetVersions } from "../db/schema";
import type { SessionUser } from "../identity/users-service";
import type { Logger } from "../logger";
import type { WriteBehind } from "../tracking/write-behind";
import { type AssetDocument, listedFields } from "./asset-documents";
import { SearchSkippedError } from "./search-breaker";
import { filterExpressions, type SearchFilters } from "./search-filters";
import type { SearchIndex } from "./search-index";
import {
  familyDistinct,
  oneAssetPerFamily,
  preferredLanguage,
  preferredLanguageFirst,
  preferredLanguageSort,
} from "./search-language";

export interface SearchInput {
  q: string;
  filters: SearchFilters;
  sort: SearchSort;
  limit: number;
  offset: number;
  /** The language the portal is shown in: an empty query prefers content in it. */
  uiLanguage?: Language | undefined;
}

export const facetFields = [
  "type",
  "stages",
  "personas",
  "industries",
  "competitors",
  "objections",
  "language",
];

const OPEN = "\uE000";
const CLOSE = "\uE001";

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/** Safe to render as HTML: the text is escaped, only our <mark> tags remain. */
export function snippetHtml(text: string): string {
  return escapeHtml(text).replaceAll(OPEN, "<mark>").replaceAll(CLOSE, "</mark>");
}

/** Where in a document a hit matched: the page (or slide) holding most of the query's words. */
export interface HitPage {
  number: number;
  unit: "page" | "slide";
}

const marksIn = (text: string) => text.split(OPEN).length - 1;

/** The matched page's snippet when the words are in a document's pages, else the first field with a match. */
function pickSnippet(
  formatted: Partial<Record<string, unknown>> | undefined,
  unit: HitPage["unit"],
): { snippet: string; page: HitPage | null } {
  const pages = formatted?.pages;
  if (Array.isArray(pages)) {
    let best = -1;
    let bestMarks = 0;
    pages.forEach((text, index) => {
      const marks = typeof text === "string" ? marksIn(text) : 0;
      if (marks > bestMarks) {
        best = index;
        bestMarks = marks;
      }
    });
    const text = pages[best];
    if (best >= 0 && typeof text === "string") {
      return { snippet: snippetHtml(text), page: { number: best + 1, unit } };
    }
  }
  for (const field of ["body", "summary", "title"]) {
    const value = formatted?.[field];
    if (typeof value === "string" && value.includes(OPEN)) return { snippet: snippetHtml(value), page: null };
  }
  const summary = formatted?.summary;
  return { snippet: typeof summary === "string" ? snippetHtml(summary) : "", page: null };
}

type Hit = AssetDocument & { _formatted?: Partial<Record<string, unknown>> };

function hitToAsset(doc: AssetDocument) {
  return {
    id: doc.id,
    externalId: doc.externalId,
    title: doc.title,
    summary: doc.summary,
    type: doc.type,
    status: doc.status,
    audience: doc.audience,
    language: doc.language,
    stages: doc.stages,
    personas: doc.personas,
    industries: doc.industries,
    competitors: doc.competitors,
    objections: doc.objections,
    tags: doc.tags,
    thumbnailUrl: doc.thumbnailUrl,
    updatedAt: doc.updatedAt,
  };
}
export type SearchHitAsset = ReturnType<typeof hitToAsset>;

export interface SearchOutput {
  hits: {
    asset: SearchHitAsset;
    snippet: string;
    page: HitPage | null;
    /** The same content in the other language, shown on the card rather than as a card of its own. */
    languageVersions: LanguageVersion[];
  }[];
  total: number;
  facets: Record<string, Record<string, number>>;
  degraded: boolean;
}

const sortFor: Record<SearchSort, string[] | undefined> = {
  relevance: undefined,
  newest: ["updatedAtTs:desc"],
  most_used: ["wonDeals:desc", "updatedAtTs:desc"],
};

/**
 * Content in the preferred language first (a tier, the chosen sort within it), and one hit per
 * language family: the preferred language's version, the other shown on its card.
 */
function languagePreference(user: SessionUser, input: SearchInput): Pick<SearchParams, "sort" | "distinct"> {
  const language = preferredLanguage(input.q, input.uiLanguage, user);
  return {
    sort: [preferredLanguageSort(language), ...(sortFor[input.sort] ?? [])],
    distinct: familyDistinct,
  };
}

/** Each hit with its family's other versions the user may see. */
async function withLanguageVersions<T extends { asset: { id: string } }>(
  db: Db,
  user: SessionUser,
  hits: T[],
): Promise<(T & { languageVersions: LanguageVersion[] })[]> {
  const versions = await languageVersionsOf(
    db,
    hits.map((h) => h.asset.id),
    visibleAssetsWhere(user),
  );
  return hits.map((hit) => ({ ...hit, languageVersions: versions.get(hit.asset.id) ?? [] }));
}

/** The exact Meilisearch request behind search.query (the benchmark sends it directly too). */
export function meiliSearchParams(user: SessionUser, input: SearchInput): SearchParams {
  const filters = filterExpressions(
    seesEverything(user) ? input.filters : { ...input.filters, status: undefined },
  );
  const visibility = visibleAssetsFilter(user, Date.now() / 1000);
  if (visibility) filters.push(visibility);
  const locales: Locale[] | undefined = input.q.trim()
    ? [detectLanguage(input.q) === "ja" ? "jpn" : "eng"]
    : undefined;
  return {
    filter: filters,
    facets: seesEverything(user) ? [...facetFields, "status"] : facetFields,
    limit: input.limit,
    offset: input.offset,
    ...languagePreference(user, input),
    attributesToRetrieve: listedFields,
    attributesToCrop: ["body:24", "pages:24", "summary:40"],
    attributesToHighlight: ["title", "summary", "body", "pages"],
    highlightPreTag: OPEN,
    highlightPostTag: CLOSE,
    ...(locales ? { locales } : {}),
  };
}

async function searchMeili(
  db: Db,
  index: SearchIndex,
  user: SessionUser,
  input: SearchInput,
): Promise<SearchOutput> {
  const params = meiliSearchParams(user, input);
  const result = await index.query((signal) => index.index.search<Hit>(input.q, params, { signal }));
  // the index can lag behind an archive or a team change; the database decides what may be shown
  const current = await checkedAgainstDatabase(
    db,
    result.hits.map((hit) => hit.id),
    visibleAssetsWhere(user),
  );
  const hits = result.hits.flatMap((hit) => {
    const status = current.get(hit.id);
    if (!status) return [];
    return [{ asset: { ...hitToAsset(hit), status }, ...pickSnippet(hit._formatted, hit.pageUnit) }];
  });
  const total = result.estimatedTotalHits ?? result.hits.length;
  return {
    hits: await withLanguageVersions(db, user, hits),
    total: Math.max(input.offset + hits.length, total - (result.hits.length - hits.length)),
    facets: (result.facetDistribution ?? {}) as Record<string, Record<string, number>>,
    degraded: false,
  };
}

const arrayFields = {
  stages: assets.stages,
  personas: assets.personas,
  industries: assets.industries,
  competitors: assets.competitors,
  objections: assets.objections,
  tags: assets.tags,
} as const;

/** With Meilisearch down: title and summary from the database, same visibility and filters. */
async function searchDatabase(db: Db, user: SessionUser, input: SearchInput): Promise<SearchOutput> {
  const conditions: SQL[] = [visibleAssetsWhere(user)];
  const f = input.filters;
  if (f.type?.length) conditions.push(sql`${assets.type}::text in ${f.type}`);
  if (f.language?.length) conditions.push(sql`${assets.language} in ${f.language}`);
  if (f.status?.length && seesEverything(user)) conditions.push(sql`${assets.status}::text in ${f.status}`);
  for (const [field, column] of Object.entries(arrayFields)) {
    const values = f[field as keyof typeof arrayFields];
    if (values?.length) conditions.push(sql`${column} && ${sql.param(values)}::text[]`);
  }
  const q = input.q.trim();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(ilike(assets.title, pattern), ilike(assets.summary, pattern));
    if (match) conditions.push(match);
  }
  const language = preferredLanguage(input.q, input.uiLanguage, user);
  const where = and(...conditions, oneAssetPerFamily(and(...conditions), language));
  const rows = await db
    .select({ asset: assets, version: { id: assetVersions.id, thumbnailKey: assetVersions.thumbnailKey } })
    .from(assets)
    .leftJoin(assetVersions, sql`${assetVersions.id} = ${assets.currentVersionId}`)
    .where(where)
    .orderBy(preferredLanguageFirst(language), desc(assets.updatedAt))
    .limit(input.limit)
    .offset(input.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(assets).where(where);
  const hits = rows.map((r) => {
    const dto = toAssetDto(r.asset, r.version);
    return {
      asset: { ...dto, updatedAt: dto.updatedAt },
      snippet: escapeHtml(dto.summary.slice(0, 200)),
      page: null,
    };
  });
  return {
    hits: await withLanguageVersions(db, user, hits),
    total: count?.n ?? 0,
    facets: {},
    degraded: true,
  };
}

export async function searchAssets(
  deps: { db: Db; index: SearchIndex; log: Logger; record: WriteBehind },
  user: SessionUser,
  input: SearchInput,
): Promise<SearchOutput> {
  let output: SearchOutput;
  try {
    output = await searchMeili(deps.db, deps.index, user, input);
  } catch (err) {
    // while the breaker is open its own line says so, once
    if (!(err instanceof SearchSkippedError))
      deps.log.warn({ err: (err as Error).message }, "search degraded to the database");
    output = await searchDatabase(deps.db, user, input);
  }
  if (input.q.trim() && input.offset === 0) {
    deps.record.search({
      userId: user.id,
      query: input.q.trim().slice(0, 500),
      filters: input.filters as Record<string, unknown>,
      resultCount: output.total,
    });
  }
  return output;
}
