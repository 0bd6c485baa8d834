import {
  containsNormalized,
  detectLanguage,
  foldForMatch,
  type Language,
  normalizeText,
  type SearchSort,
  splitPatterns,
  type TaxonomyKind,
  type TaxonomyTerm,
} from "@pitchside/shared";
import { and, desc, or, type SQL, sql } from "drizzle-orm";
import type { Locale, MultiSearchParams, SearchParams } from "meilisearch";
import { type AssetCard, fromDocument, fromRow } from "../assets/asset-dto";
import { type LanguageVersion, languageVersionsOf } from "../assets/language-families";
import {
  checkedAgainstDatabase,
  seesEverything,
  visibleAssetsFilter,
  visibleAssetsWhere,
} from "../assets/visibility";
import type { Db } from "../db/client";
import { assets, assetVersions } from "../db/schema";
import type { AppDeps } from "../deps";
import { escapeHtml } from "../html-escape";
import type { SessionUser } from "../identity/users-service";
import type { Logger } from "../logger";
import type { AppMetrics } from "../operations/metrics";
import { cachedTaxonomy } from "../taxonomy/taxonomy-service";
import type { WriteBehind } from "../tracking/write-behind";
import { type AssetDocument, listedFields } from "./asset-documents";
import { foldSql } from "./fold-sql";
import { SearchSkippedError } from "./search-breaker";
import { filterExpressions, type SearchFilters } from "./search-filters";
import { foldForSearch } from "./search-fold";
import type { SearchIndex } from "./search-index";
import {
  familyDistinct,
  oneAssetPerFamily,
  preferredLanguage,
  preferredLanguageFirst,
  preferredLanguageSort,
} from "./search-language";
import { markFoldedWords } from "./snippet-marks";

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

/** Safe to render as HTML: the text is escaped, only our <mark> tags remain. */
export function snippetHtml(text: string): string {
  return escapeHtml(text).replaceAll(OPEN, "<mark>").replaceAll(CLOSE, "</mark>");
}

/** Where in a document a hit matched: the page (or slide) holding most of the query's words. */
export interface HitPage {
  number: number;
  unit: "page" | "slide";
}

const marksIn = (text: unknown) => (typeof text === "string" ? text.split(OPEN).length - 1 : 0);

/**
 * The matched page's snippet when the words are in a document's pages, else the first field with a match.
 * Snippets show the original text. Where the query was written otherwise (ｱｸﾒ, ぐろーべっくす) Meilisearch
 * matched the folded twins and marks little or nothing in the originals: the query's folded words mark
 * them (`words`, empty when folding changed nothing); a crop that does not hold them has no marks.
 */
function pickSnippet(
  formatted: Partial<Record<string, unknown>> | undefined,
  unit: HitPage["unit"],
  words: string[],
): { snippet: string; page: HitPage | null } {
  const remark = (text: string) => (words.length > 0 ? markFoldedWords(text, words, OPEN, CLOSE) : text);
  const pages = formatted?.pages;
  if (Array.isArray(pages)) {
    const texts = pages.map((text) => (typeof text === "string" ? text : ""));
    const mostMarked = (marked: string[]) => {
      let best = -1;
      marked.forEach((text, index) => {
        if (marksIn(text) > (best < 0 ? 0 : marksIn(marked[best]))) best = index;
      });
      return best;
    };
    let best = mostMarked(texts);
    // no page marked by Meilisearch: a page only a folded twin matched
    if (best < 0 && words.length > 0) best = mostMarked(texts.map(remark));
    const text = texts[best];
    if (text !== undefined) return { snippet: snippetHtml(remark(text)), page: { number: best + 1, unit } };
  }
  const fields = ["body", "summary", "title"].flatMap((field) => {
    const value = formatted?.[field];
    return typeof value === "string" && value ? [value] : [];
  });
  const marked =
    fields.find((value) => value.includes(OPEN)) ?? fields.map(remark).find((v) => v.includes(OPEN));
  if (marked !== undefined) return { snippet: snippetHtml(remark(marked)), page: null };
  const summary = formatted?.summary;
  return { snippet: typeof summary === "string" ? snippetHtml(summary) : "", page: null };
}

/** The query's folded words where folding changed more than case and width, else none. */
function foldedWords(q: string): string[] {
  const folded = foldForSearch(q);
  return folded === normalizeText(q) ? [] : folded.split(" ").filter(Boolean);
}

type Hit = AssetDocument & { _formatted?: Partial<Record<string, unknown>> };

export interface SearchOutput {
  hits: {
    asset: AssetCard;
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

/** The facets a user is shown counts of: statuses only to those who see more than published. */
const facetsFor = (user: SessionUser) => (seesEverything(user) ? [...facetFields, "status"] : facetFields);

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
    // folded as the index's *Fold fields are: ｱｸﾒ, あくめ and アクメ are one word
    q: foldForSearch(input.q),
    filter: filters,
    facets: facetsFor(user),
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

type FacetDistribution = Record<string, Record<string, number>>;

/**
 * The facet counted per asset rather than per card: a family has one version per language, so the
 * count of a language is how many cards ticking it shows (each in that language), and a card with
 * both versions counts under both.
 */
const perAssetFacet = "language";

/**
 * Disjunctive faceting: one count-only query per filtered facet, with the filters of the other facets
 * only, so ticking "Case study" still offers the other types with what each would add (OR within a
 * facet, AND across facets). The language is always counted by its own query, without `distinct`
 * (see perAssetFacet). The others count cards as the results show them: Meilisearch applies
 * `distinct` only to the hits it fetches under `limit`/`offset` (with `limit: 0` to none, counting
 * every language version), to all of them under `hitsPerPage`.
 */
export function facetQueries(
  user: SessionUser,
  input: SearchInput,
): { facet: string; params: SearchParams }[] {
  return facetsFor(user).flatMap((facet) => {
    const isPerAsset = facet === perAssetFacet;
    if (!isPerAsset && !input.filters[facet as keyof SearchFilters]?.length) return [];
    const others = { ...input, filters: { ...input.filters, [facet]: undefined } };
    const { limit: _limit, offset: _offset, distinct, ...params } = meiliSearchParams(user, others);
    const count = isPerAsset ? { limit: 0 } : { distinct, page: 1, hitsPerPage: 0 };
    return [{ facet, params: { ...params, ...count, facets: [facet] } }];
  });
}

/** The main query's counts, each filtered facet's (and the language's) taken from its own query. */
export function mergeFacets(
  main: FacetDistribution,
  perFacet: { facet: string; distribution: FacetDistribution | undefined }[],
): FacetDistribution {
  const merged = { ...main };
  for (const { facet, distribution } of perFacet) merged[facet] = distribution?.[facet] ?? {};
  return merged;
}

/** The results and every filtered facet's counts in one round trip (the benchmark sends it directly too). */
export function meiliMultiSearch(indexUid: string, user: SessionUser, input: SearchInput): MultiSearchParams {
  const main = meiliSearchParams(user, input);
  return {
    queries: [
      { indexUid, ...main, facets: main.facets?.filter((f) => f !== perAssetFacet) },
      ...facetQueries(user, input).map((c) => ({ indexUid, ...c.params })),
    ],
  };
}

async function searchMeili(
  db: Db,
  index: SearchIndex,
  user: SessionUser,
  input: SearchInput,
): Promise<SearchOutput> {
  const words = foldedWords(input.q);
  const counts = facetQueries(user, input);
  const response = await index.query((signal) =>
    index.client.multiSearch<MultiSearchParams, Hit>(meiliMultiSearch(index.uid, user, input), { signal }),
  );
  const [result, ...facetResults] = response.results;
  if (!result) throw new Error("Meilisearch answered no results for the search");
  // the index can lag behind an archive or a team change; the database decides what may be shown
  const current = await checkedAgainstDatabase(
    db,
    result.hits.map((hit) => hit.id),
    visibleAssetsWhere(user),
  );
  const hits = result.hits.flatMap((hit) => {
    const status = current.get(hit.id);
    if (!status) return [];
    return [{ asset: fromDocument(hit, status), ...pickSnippet(hit._formatted, hit.pageUnit, words) }];
  });
  const total = result.estimatedTotalHits ?? result.hits.length;
  return {
    hits: await withLanguageVersions(db, user, hits),
    total: Math.max(input.offset + hits.length, total - (result.hits.length - hits.length)),
    facets: mergeFacets(
      result.facetDistribution ?? {},
      counts.map((c, i) => ({ facet: c.facet, distribution: facetResults[i]?.facetDistribution })),
    ),
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

const columnOfKind: Record<TaxonomyKind, (typeof arrayFields)[keyof typeof arrayFields]> = {
  stage: assets.stages,
  persona: assets.personas,
  industry: assets.industries,
  competitor: assets.competitors,
  objection: assets.objections,
};

/** Assets tagged with a term the folded query names (a label, alias or phrase), as the index's labels and aliases find them. */
function taggedWith(taxonomy: TaxonomyTerm[], foldedQuery: string): SQL[] {
  const keys = new Map<TaxonomyKind, string[]>();
  for (const term of taxonomy) {
    const names = [term.label.en, term.label.ja, ...splitPatterns(term.patterns)].map(foldForMatch);
    if (!names.some((name) => containsNormalized(foldedQuery, name))) continue;
    keys.set(term.kind, [...(keys.get(term.kind) ?? []), term.key]);
  }
  return [...keys].map(([kind, list]) => sql`${columnOfKind[kind]} && ${sql.param(list)}::text[]`);
}

/**
 * What the database matches for a search: the same visibility and filters, and the words on title and
 * summary folded as the index folds them (see fold-sql.ts), or a taxonomy term the query names. Unlike the
 * index it reads no document text and knows no typos or word prefixes.
 */
async function databaseWhere(db: Db, user: SessionUser, input: Pick<SearchInput, "q" | "filters">) {
  const conditions: SQL[] = [visibleAssetsWhere(user)];
  const f = input.filters;
  if (f.type?.length) conditions.push(sql`${assets.type}::text in ${f.type}`);
  if (f.language?.length) conditions.push(sql`${assets.language} in ${f.language}`);
  if (f.status?.length && seesEverything(user)) conditions.push(sql`${assets.status}::text in ${f.status}`);
  for (const [field, column] of Object.entries(arrayFields)) {
    const values = f[field as keyof typeof arrayFields];
    if (values?.length) conditions.push(sql`${column} && ${sql.param(values)}::text[]`);
  }
  const q = foldForMatch(input.q);
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const tagged = taggedWith(await cachedTaxonomy(db), q);
    const match = or(
      sql`${foldSql(assets.title)} like ${pattern}`,
      sql`${foldSql(assets.summary)} like ${pattern}`,
      ...tagged,
    );
    if (match) conditions.push(match);
  }
  return and(...conditions);
}

const scalarFacetColumns: Record<string, SQL> = {
  type: sql`${assets.type}::text`,
  language: sql`${assets.language}`,
  status: sql`${assets.status}::text`,
};

/** The facet counts Meilisearch would give, disjunctive as facetQueries, from the database. */
async function databaseFacets(
  db: Db,
  user: SessionUser,
  input: SearchInput,
  searched: SQL | undefined,
): Promise<FacetDistribution> {
  const language = preferredLanguage(input.q, input.uiLanguage, user);
  // one after the other: a search while Meilisearch is away takes one database connection, not eight
  const counted: [string, Record<string, number>][] = [];
  for (const facet of facetsFor(user)) {
    const array = arrayFields[facet as keyof typeof arrayFields];
    const value = array ? sql`unnest(${array})` : scalarFacetColumns[facet];
    if (!value) continue;
    // a facet with values ticked is counted without them; the others match as the search does
    const matching = input.filters[facet as keyof SearchFilters]?.length
      ? await databaseWhere(db, user, { q: input.q, filters: { ...input.filters, [facet]: undefined } })
      : searched;
    // one count per language family, as Meilisearch's distinct counts cards; languages per asset
    const where = facet === perAssetFacet ? matching : and(matching, oneAssetPerFamily(matching, language));
    const values = db
      .select({ value: sql<string>`${value}`.as("value") })
      .from(assets)
      .where(where)
      .as("v");
    const rows = await db
      .select({ value: values.value, n: sql<number>`count(*)::int` })
      .from(values)
      .groupBy(values.value);
    counted.push([facet, Object.fromEntries(rows.map((r) => [r.value, r.n]))]);
  }
  return Object.fromEntries(counted);
}

/** With Meilisearch down: the database's matches (see databaseWhere), same tier, families and facets. */
async function searchDatabase(db: Db, user: SessionUser, input: SearchInput): Promise<SearchOutput> {
  const matching = await databaseWhere(db, user, input);
  const language = preferredLanguage(input.q, input.uiLanguage, user);
  const where = and(matching, oneAssetPerFamily(matching, language));
  const rows = await db
    .select({ asset: assets, version: { id: assetVersions.id, thumbnailKey: assetVersions.thumbnailKey } })
    .from(assets)
    .leftJoin(assetVersions, sql`${assetVersions.id} = ${assets.currentVersionId}`)
    .where(where)
    .orderBy(preferredLanguageFirst(language), desc(assets.updatedAt))
    .limit(input.limit)
    .offset(input.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(assets).where(where);
  const hits = rows.map((r) => ({
    asset: fromRow(r.asset, r.version),
    snippet: escapeHtml(r.asset.summary.slice(0, 200)),
    page: null,
  }));
  return {
    hits: await withLanguageVersions(db, user, hits),
    total: count?.n ?? 0,
    facets: await databaseFacets(db, user, input, matching),
    degraded: true,
  };
}

/** What a search or a suggestion needs of the app, from a procedure's context. */
export interface SearchCallDeps {
  db: Db;
  index: SearchIndex;
  log: Logger;
  record: WriteBehind;
  metrics: AppMetrics;
}

export const searchCallDeps = (ctx: { db: Db; log: Logger; deps: AppDeps }): SearchCallDeps => ({
  db: ctx.db,
  index: ctx.deps.searchIndex,
  log: ctx.log,
  record: ctx.deps.writeBehind,
  metrics: ctx.deps.metrics,
});

export async function searchAssets(
  deps: SearchCallDeps,
  user: SessionUser,
  input: SearchInput,
): Promise<SearchOutput> {
  let output: SearchOutput;
  try {
    output = await searchMeili(deps.db, deps.index, user, input);
  } catch (err) {
    deps.metrics.searchFallbacks.inc({ call: "search" });
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
