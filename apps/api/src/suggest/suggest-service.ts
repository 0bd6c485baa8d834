import { randomUUID } from "node:crypto";
import {
  type Language,
  type RankedSuggestion,
  rankSuggestions,
  type SuggestionCandidate,
  type SuggestionContext,
  taxonomyLabeller,
} from "@pitchside/shared";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { MultiSearchQuery } from "meilisearch";
import { fromDocument } from "../assets/asset-dto";
import { languageVersionsOf } from "../assets/language-families";
import { trackRecords } from "../assets/track-records";
import { checkedAgainstDatabase, liveAssetsWhere, visibleAssetsFilter } from "../assets/visibility";
import type { Db } from "../db/client";
import { assets, deals, shareLinks } from "../db/schema";
import { markVotes } from "../feedback/feedback-service";
import type { SessionUser } from "../identity/users-service";
import { type AssetDocument, listedFields } from "../search/asset-documents";
import { searchedAttributes } from "../search/asset-index";
import { SearchSkippedError } from "../search/search-breaker";
import { quote } from "../search/search-filters";
import { foldForSearch } from "../search/search-fold";
import type { SearchIndex } from "../search/search-index";
import type { SearchCallDeps } from "../search/search-service";
import { cachedTaxonomy } from "../taxonomy/taxonomy-service";
import { resolveContext, type SuggestInput } from "./suggest-context";
import { oneVersionPerFamily, withFamilyMembers } from "./suggest-families";
import { suggestionSignalRow } from "./suggestion-signals";

type Doc = AssetDocument & { _rankingScore?: number };

/** Published, unexpired, team-visible: suggestions only ever offer what a rep may send. */
function liveFilter(user: SessionUser): string {
  const visible = visibleAssetsFilter(user, Date.now() / 1000);
  const published = `status = "published" AND (expiresAtTs IS NULL OR expiresAtTs > ${Math.floor(Date.now() / 1000)})`;
  return visible ? `${visible} AND ${published}` : published;
}

const inList = (field: string, keys: string[]) => `${field} IN [${keys.map(quote).join(", ")}]`;

/** One round trip: a handful of targeted queries whose union holds the right answer. */
async function gatherCandidates(index: SearchIndex, user: SessionUser, ctx: SuggestionContext) {
  const base = liveFilter(user);
  const uid = index.uid;
  const queries: MultiSearchQuery[] = [];
  const meta = (filter: string, limit: number, sort?: string[]) =>
    queries.push({
      indexUid: uid,
      q: "",
      filter: [base, filter],
      limit,
      attributesToRetrieve: listedFields,
      ...(sort ? { sort } : {}),
    });
  if (ctx.competitors.length > 0) meta(inList("competitors", ctx.competitors), 20);
  if (ctx.objections.length > 0) meta(inList("objections", ctx.objections), 20);
  if (ctx.stage && ctx.persona)
    meta(`${inList("stages", [ctx.stage])} AND ${inList("personas", [ctx.persona])}`, 30);
  if (ctx.stage) meta(inList("stages", [ctx.stage]), 30);
  if (ctx.persona) meta(inList("personas", [ctx.persona]), 30);
  if (ctx.industry) meta(inList("industries", [ctx.industry]), 20);
  // one query per keyword, so no single word is required (a bag of words, not a phrase)
  const textFrom = queries.length;
  for (const keyword of ctx.keywords) {
    queries.push({
      indexUid: uid,
      q: foldForSearch(keyword),
      filter: [base],
      // several keywords each bring their best: 15 apiece keeps the union wide and the round trip short
      limit: 15,
      showRankingScore: true,
      attributesToRetrieve: listedFields,
      attributesToSearchOn: searchedAttributes,
    });
  }
  // never an empty answer while live assets exist: the best performers in the message's language,
  // fetched in the same round trip and offered only when nothing matches the message (see fillers)
  const fillerIndex = queries.length;
  meta(ctx.language ? `language = ${quote(ctx.language)}` : "type EXISTS", 20, ["wonDeals:desc"]);
  const { results } = await index.query((signal) => index.client.multiSearch({ queries }, { signal }));
  const docs = new Map<string, Doc>();
  const perKeyword: { total: number; scores: Map<string, number> }[] = [];
  results.forEach((result, i) => {
    if (i === fillerIndex) return;
    const scores = new Map<string, number>();
    // our index only holds AssetDocuments
    for (const hit of result.hits as unknown as Doc[]) {
      docs.set(hit.id, hit);
      if (typeof hit._rankingScore === "number") scores.set(hit.id, hit._rankingScore);
    }
    if (i >= textFrom) perKeyword.push({ total: result.estimatedTotalHits ?? result.hits.length, scores });
  });
  const fillers = (results[fillerIndex]?.hits ?? []) as unknown as Doc[];
  return {
    docs: [...docs.values()],
    textScores: keywordScores(perKeyword, results[fillerIndex]?.estimatedTotalHits ?? 0),
    fillers: fillers.filter((d) => !docs.has(d.id)),
  };
}

/**
 * Each asset's text relevance (0..1): the keywords it matches, each weighted by how rare it is in the
 * library (a word most assets hold says little) and by how well it matched (title over body).
 */
function keywordScores(
  perKeyword: { total: number; scores: Map<string, number> }[],
  libraryEstimate: number,
): Map<string, number> {
  const library = Math.max(1, libraryEstimate, ...perKeyword.map((k) => k.total));
  const weights = perKeyword.map((k) => (k.total > 0 ? Math.log(1 + library / k.total) : 0));
  const mass = weights.reduce((sum, w) => sum + w, 0);
  const scores = new Map<string, number>();
  if (mass === 0) return scores;
  perKeyword.forEach((k, i) => {
    for (const [id, score] of k.scores)
      scores.set(id, (scores.get(id) ?? 0) + ((weights[i] ?? 0) * score) / mass);
  });
  return scores;
}

let baselineCache: { at: number; rate: number } | null = null;

async function baselineWinRate(db: Db): Promise<number> {
  if (baselineCache && Date.now() - baselineCache.at < 60_000) return baselineCache.rate;
  const [row] = await db
    .select({
      closed: sql<number>`count(*) filter (where ${deals.status} in ('won', 'lost'))::int`,
      won: sql<number>`count(*) filter (where ${deals.status} = 'won')::int`,
    })
    .from(deals);
  const rate = row && row.closed > 0 ? row.won / row.closed : 0;
  baselineCache = { at: Date.now(), rate };
  return rate;
}

async function sharedOnDeal(db: Db, dealId: string | undefined, ids: string[]) {
  if (!dealId || ids.length === 0) return new Set<string>();
  const rows = await db
    .select({ assetId: shareLinks.assetId })
    .from(shareLinks)
    .where(
      and(eq(shareLinks.dealId, dealId), inArray(shareLinks.assetId, ids), isNull(shareLinks.revokedAt)),
    );
  return new Set(rows.map((r) => r.assetId));
}

/** Meilisearch down: every live asset from the database, ranked on metadata alone. */
async function candidatesFromDatabase(db: Db, user: SessionUser): Promise<Doc[]> {
  const rows = await db.select().from(assets).where(liveAssetsWhere(user)).limit(2000);
  const records = await trackRecords(
    db,
    rows.map((a) => a.id),
  );
  return rows.map((a) => ({
    id: a.id,
    externalId: a.externalId,
    title: a.title,
    summary: a.summary,
    type: a.type,
    status: a.status,
    audience: a.audience,
    source: a.source,
    language: a.language,
    familyKey: a.familyId ?? a.id,
    url: a.url,
    stages: a.stages,
    personas: a.personas,
    industries: a.industries,
    competitors: a.competitors,
    objections: a.objections,
    tags: a.tags,
    teamIds: a.teamIds,
    expiresAtTs: null,
    updatedAtTs: 0,
    updatedAt: a.updatedAt.toISOString(),
    currentVersionId: a.currentVersionId,
    thumbnailUrl: null,
    pageCount: null,
    wonDeals: records.get(a.id)?.won ?? 0,
    closedDeals: records.get(a.id)?.closed ?? 0,
    labels: [],
    aliases: [],
    body: "",
    pages: [],
    pageUnit: "page",
    titleFold: "",
    summaryFold: "",
    tagsFold: [],
    bodyFold: "",
    pagesFold: [],
  }));
}

function matchedKeywords(doc: Doc, keywords: string[]): string[] {
  const text = `${doc.title} ${doc.summary} ${doc.tags.join(" ")}`.toLowerCase();
  return keywords.filter((k) => text.includes(k.toLowerCase()));
}

export async function suggestForContext(
  deps: SearchCallDeps,
  user: SessionUser,
  input: SuggestInput & { uiLanguage?: Language },
) {
  const { db } = deps;
  const taxonomy = await cachedTaxonomy(db);
  const { context, deal } = await resolveContext(db, user, input, taxonomy);
  const uiLanguage: Language = input.uiLanguage ?? (user.locale === "ja" ? "ja" : "en");
  // the version of a language family to offer: the message's language, else the UI's
  const language = context.language ?? uiLanguage;
  let docs: Doc[];
  let fillers: Doc[] = [];
  let textScores = new Map<string, number>();
  let degraded = false;
  try {
    ({ docs, textScores, fillers } = await gatherCandidates(deps.index, user, context));
    docs = await withFamilyMembers(deps.index, liveFilter(user), docs, language);
  } catch (err) {
    deps.metrics.searchFallbacks.inc({ call: "suggest" });
    // while the breaker is open its own line says so, once
    if (!(err instanceof SearchSkippedError))
      deps.log.warn({ err: (err as Error).message }, "suggestions degraded to the database");
    docs = await candidatesFromDatabase(db, user);
    degraded = true;
  }
  if (!degraded) {
    // the index can lag behind an archive or a team change: offer only what is live in the database
    const live = await checkedAgainstDatabase(
      db,
      [...docs, ...fillers].map((d) => d.id),
      liveAssetsWhere(user),
    );
    docs = docs.filter((d) => live.has(d.id));
    fillers = fillers.filter((d) => live.has(d.id));
  }
  const families = oneVersionPerFamily(docs, textScores, language);
  docs = families.docs;
  textScores = families.textScores;
  // a filler never repeats a family already among the candidates, and offers one version of its own
  const offered = new Set(docs.map((d) => d.familyKey ?? d.id));
  const fillerFamilies = oneVersionPerFamily(
    fillers.filter((d) => !offered.has(d.familyKey ?? d.id)),
    new Map(),
    language,
  );
  fillers = fillerFamilies.docs;
  const ids = [...docs, ...fillers].map((d) => d.id);
  const [shared, baseline, votes] = await Promise.all([
    sharedOnDeal(db, deal?.id, ids),
    baselineWinRate(db),
    markVotes(db, ids),
  ]);
  const candidate = (d: Doc): SuggestionCandidate => ({
    id: d.id,
    type: d.type,
    language: d.language,
    stages: d.stages,
    personas: d.personas,
    industries: d.industries,
    competitors: d.competitors,
    objections: d.objections,
    textScore: textScores.get(d.id) ?? null,
    // the index keeps each asset's track record (see assets/track-records.ts)
    closedDeals: d.closedDeals ?? 0,
    wonDeals: d.wonDeals ?? 0,
    alreadySharedOnDeal: shared.has(d.id),
    // reps' "helped" / "not helpful" marks (feedback/feedback-service.ts)
    ...votes.get(d.id),
  });
  const byId = new Map([...docs, ...fillers].map((d) => [d.id, d]));
  const rank = (from: Doc[]): RankedSuggestion[] =>
    rankSuggestions(context, from.map(candidate), {
      baselineWinRate: baseline,
      label: taxonomyLabeller(taxonomy, uiLanguage),
      uiLanguage,
      matchedKeywords: (id) => {
        const doc = byId.get(id);
        return doc ? matchedKeywords(doc, context.keywords) : [];
      },
    });
  let ranked = rank(docs);
  // nothing matches the message: the best performers in its language join what fits the buyer
  if (fillers.length > 0 && (ranked.length === 0 || ranked[0]?.reasons[0]?.kind === "fallback"))
    ranked = rank([...docs, ...fillers]);
  ranked = ranked.slice(0, input.limit);
  // each offered asset's versions in the other language, shown on its card
  const languageVersions = await languageVersionsOf(
    db,
    ranked.map((r) => r.id),
    liveAssetsWhere(user),
  );

  const items = ranked.flatMap((r) => {
    const d = byId.get(r.id);
    if (!d) return [];
    return [
      {
        /** audience "internal": for the rep's own eyes, never to insert in a customer email. */
        asset: fromDocument(d),
        score: r.score,
        reasons: r.reasons,
        /** The same content in the other language, offered on this suggestion rather than beside it. */
        languageVersions: languageVersions.get(d.id) ?? [],
      },
    ];
  });

  // the request's taxonomy keys for Field signals, written behind the answer; its id comes back as requestId
  const requestId = randomUUID();
  const surface = input.surface ?? "portal";
  deps.record.signal(suggestionSignalRow(requestId, user, deal?.id ?? null, surface, context, taxonomy));
  if (items.length > 0 || context.keywords.length > 0) {
    deps.record.event(
      (items.length > 0 ? items : [null]).map((item, rank) => ({
        id: randomUUID(),
        type: "suggestion_shown",
        userId: user.id,
        assetId: item?.asset.id ?? null,
        dealId: deal?.id ?? null,
        surface,
        props: {
          requestId,
          rank: item ? rank + 1 : null,
          score: item?.score ?? null,
          topScore: items[0]?.score ?? 0,
          stage: context.stage,
          persona: context.persona,
          competitors: context.competitors,
          objections: context.objections,
        },
      })),
    );
  }

  return {
    /** Names this request when a rep later marks one of its suggestions. */
    requestId,
    context: {
      stage: context.stage,
      persona: context.persona,
      industry: context.industry,
      competitors: context.competitors,
      objections: context.objections,
      keywords: context.keywords,
      language: context.language,
      dealId: deal?.id ?? null,
      dealName: deal?.name ?? null,
    },
    items,
    degraded,
  };
}
