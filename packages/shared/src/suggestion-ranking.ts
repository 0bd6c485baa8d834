import type { Language, TaxonomyTerm } from "./taxonomy";

/** What the rep is looking at, after the deal and the message filled in the blanks. */
export interface SuggestionContext {
  stage: string | null;
  persona: string | null;
  industry: string | null;
  competitors: string[];
  objections: string[];
  keywords: string[];
  language: Language | null;
}

export interface SuggestionCandidate {
  id: string;
  type: string;
  language: string;
  stages: string[];
  personas: string[];
  industries: string[];
  competitors: string[];
  objections: string[];
  /** Meilisearch's ranking score (0..1) for the keywords, when the text matched. */
  textScore: number | null;
  /** Deals this asset touched that closed, and how many of them were won. */
  closedDeals: number;
  wonDeals: number;
  alreadySharedOnDeal: boolean;
  /** Reps whose latest mark on this asset's suggestions is "helped" / "not helpful" (one vote each). */
  helpedVotes?: number;
  notHelpfulVotes?: number;
}

export type ReasonKind =
  | "stage"
  | "persona"
  | "industry"
  | "competitor"
  | "objection"
  | "text"
  | "language"
  | "track_record"
  | "already_shared"
  /** Reps marked it helped or not helpful: moves the score, shows no reason. */
  | "feedback"
  /** Nothing matched the message's topics: why this asset is offered anyway. */
  | "fallback";

export interface Reason {
  kind: ReasonKind;
  label: string;
}

export interface RankedSuggestion {
  id: string;
  score: number;
  reasons: Reason[];
}

export const rankingWeights = {
  stage: 2,
  persona: 2,
  industry: 1,
  competitor: 6,
  /** A battle card for a competitor named in the message belongs at the top. */
  competitorBattleCard: 3,
  objection: 4,
  objectionGuide: 3,
  text: 3,
  language: 1.5,
  /** Points for each 10 points of smoothed win rate above the baseline. */
  trackRecord: 1,
  alreadyShared: -2,
  /** Pseudo-deals at the baseline rate: a new asset is not buried, a lucky one not crowned. */
  priorDeals: 5,
  /** Points at most, either way, for reps' "helped" / "not helpful" marks. */
  feedback: 2,
  /** Pseudo-votes split evenly: one rep's mark moves an asset a little, many reps' a lot. */
  priorVotes: 4,
} as const;

/**
 * The marks' points: the smoothed share of "helped" votes, centred on an even split, scaled to
 * ±rankingWeights.feedback. No votes: 0.
 */
export function feedbackPoints(helped: number, notHelpful: number, prior = rankingWeights.priorVotes) {
  const share = (helped + prior / 2) / (helped + notHelpful + prior);
  return (share - 0.5) * 2 * rankingWeights.feedback;
}

export function smoothedWinRate(
  won: number,
  closed: number,
  baseline: number,
  prior = rankingWeights.priorDeals,
) {
  return (won + prior * baseline) / (closed + prior);
}

type Labeller = (kind: "stage" | "persona" | "industry" | "competitor" | "objection", key: string) => string;

const phrases = {
  en: {
    stage: "Stage",
    persona: "Persona",
    industry: "Industry",
    competitor: "Mentions",
    objection: "Objection",
    text: "Matches",
    language: "In English",
    languageJa: "In Japanese",
    otherLanguage: { en: "English version", ja: "Japanese version" },
    won: (won: number, closed: number) => `Won ${won} of ${closed} deals`,
    shared: "Already shared on this deal",
    noTopicMatch: "Nothing in the library matches this message's topics",
    noContextMatch: "Nothing in the library matches this message",
    fitBoth: (persona: string, stage: string) => `best fit for ${persona} at ${stage}`,
    fitPersona: (persona: string) => `best fit for ${persona}`,
    fitStage: (stage: string) => `best fit at ${stage}`,
    bestPerforming: {
      en: "best performers in English",
      ja: "best performers in Japanese",
      any: "best performers",
    },
    fallbackSep: "; ",
    sep: ": ",
    list: ", ",
  },
  ja: {
    stage: "ステージ",
    persona: "ペルソナ",
    industry: "業種",
    competitor: "言及",
    objection: "懸念",
    text: "一致",
    language: "英語",
    languageJa: "日本語",
    otherLanguage: { en: "英語版", ja: "日本語版" },
    won: (won: number, closed: number) => `${closed}件中${won}件で受注`,
    shared: "この商談で共有済み",
    noTopicMatch: "メッセージの話題に合う資料はライブラリにありません",
    noContextMatch: "このメッセージに合う資料はライブラリにありません",
    fitBoth: (persona: string, stage: string) => `${stage}段階の${persona}向けに最適なもの`,
    fitPersona: (persona: string) => `${persona}向けに最適なもの`,
    fitStage: (stage: string) => `${stage}段階に最適なもの`,
    bestPerforming: { en: "英語の資料で実績上位", ja: "日本語の資料で実績上位", any: "実績上位" },
    fallbackSep: "。",
    sep: ": ",
    list: "、",
  },
} as const;

/** Labels from the taxonomy in the caller's language; the key when the term is unknown. */
export function taxonomyLabeller(taxonomy: readonly TaxonomyTerm[], language: Language): Labeller {
  const map = new Map(taxonomy.map((t) => [`${t.kind}:${t.key}`, t.label[language]]));
  return (kind, key) => map.get(`${kind}:${key}`) ?? key;
}

/**
 * Blends metadata match, text relevance, language and track record into one
 * score with the reasons a rep can read. Content in the message's language
 * comes first; the other language's only when nothing in it fits, labelled
 * as such, after whatever does. When no asset matches the message's topics
 * (competitors, objections, keywords), each one offered says why it is
 * offered anyway ("Nothing in the library matches this message's topics;
 * best fit for Finance at Proposal").
 * Pure: the API gathers the inputs.
 */
export function rankSuggestions(
  context: SuggestionContext,
  candidates: readonly SuggestionCandidate[],
  opts: {
    baselineWinRate: number;
    label: Labeller;
    uiLanguage: Language;
    matchedKeywords?: (id: string) => string[];
  },
): RankedSuggestion[] {
  const w = rankingWeights;
  const p = phrases[opts.uiLanguage];
  const ranked = candidates.map((c) => {
    let score = 0;
    /** Points for what the asset is about (deal, buyer, message), not its language or record. */
    let relevance = 0;
    /** Points for the message's own topics: competitors, objections, text. */
    let topical = 0;
    const reasons: Reason[] = [];
    const add = (points: number, kind: ReasonKind, label: string | null) => {
      score += points;
      if (kind !== "language" && kind !== "track_record" && kind !== "already_shared" && kind !== "feedback")
        relevance += points;
      if (kind === "competitor" || kind === "objection" || kind === "text") topical += points;
      if (label) reasons.push({ kind, label });
    };
    const competitors = context.competitors.filter((k) => c.competitors.includes(k));
    if (competitors.length > 0) {
      add(
        w.competitor + (c.type === "battle_card" ? w.competitorBattleCard : 0),
        "competitor",
        `${p.competitor}${p.sep}${competitors.map((k) => opts.label("competitor", k)).join(p.list)}`,
      );
    }
    const objections = context.objections.filter((k) => c.objections.includes(k));
    if (objections.length > 0) {
      add(
        w.objection + (c.type === "objection_guide" ? w.objectionGuide : 0),
        "objection",
        `${p.objection}${p.sep}${objections.map((k) => opts.label("objection", k)).join(p.list)}`,
      );
    }
    if (context.stage && c.stages.includes(context.stage)) {
      add(w.stage, "stage", `${p.stage}${p.sep}${opts.label("stage", context.stage)}`);
    }
    if (context.persona && c.personas.includes(context.persona)) {
      add(w.persona, "persona", `${p.persona}${p.sep}${opts.label("persona", context.persona)}`);
    }
    if (context.industry && c.industries.includes(context.industry)) {
      add(w.industry, "industry", `${p.industry}${p.sep}${opts.label("industry", context.industry)}`);
    }
    if (c.textScore !== null && c.textScore > 0) {
      const words = opts.matchedKeywords?.(c.id) ?? [];
      add(
        w.text * c.textScore,
        "text",
        words.length > 0 ? `${p.text}${p.sep}${words.slice(0, 3).join(p.list)}` : null,
      );
    }
    const fitsStage = context.stage !== null && c.stages.includes(context.stage);
    const fitsPersona = context.persona !== null && c.personas.includes(context.persona);
    const otherLanguage = context.language !== null && c.language !== context.language;
    if (context.language && !otherLanguage) {
      add(w.language, "language", context.language === "ja" ? p.languageJa : null);
    }
    if (otherLanguage && (c.language === "en" || c.language === "ja")) {
      reasons.push({ kind: "language", label: p.otherLanguage[c.language] });
    }
    const smoothed = smoothedWinRate(c.wonDeals, c.closedDeals, opts.baselineWinRate);
    const lift = (smoothed - opts.baselineWinRate) * 10 * w.trackRecord;
    add(lift, "track_record", c.closedDeals >= 3 && lift > 0 ? p.won(c.wonDeals, c.closedDeals) : null);
    if (c.alreadySharedOnDeal) add(w.alreadyShared, "already_shared", p.shared);
    add(feedbackPoints(c.helpedVotes ?? 0, c.notHelpfulVotes ?? 0), "feedback", null);
    return {
      id: c.id,
      score: Math.round(score * 1000) / 1000,
      reasons,
      relevant: relevance > 0,
      topical: topical > 0,
      fits: { stage: fitsStage, persona: fitsPersona },
      otherLanguage,
    };
  });
  const hasTopics = context.competitors.length + context.objections.length + context.keywords.length > 0;
  const fallback = !ranked.some((r) => r.topical) && (hasTopics || !ranked.some((r) => r.relevant));
  // the message's language first; the other language's content only when nothing in it fits
  const goodInLanguage = ranked.some((r) => r.relevant && !r.otherLanguage);
  const tier = (r: (typeof ranked)[number]) => (r.otherLanguage ? (r.relevant ? 1 : 3) : r.relevant ? 0 : 2);
  return ranked
    .filter((r) => !(r.otherLanguage && goodInLanguage))
    .sort((a, b) => tier(a) - tier(b) || b.score - a.score || (a.id < b.id ? -1 : 1))
    .map(({ id, score, reasons, fits }) => ({
      id,
      score,
      reasons: fallback
        ? [{ kind: "fallback" as const, label: fallbackLabel(hasTopics, fits, context, opts) }, ...reasons]
        : reasons,
    }));
}

/** Why an asset is offered when nothing matched: what it does fit, else that it performs best in the language. */
function fallbackLabel(
  hasTopics: boolean,
  fits: { stage: boolean; persona: boolean },
  context: SuggestionContext,
  opts: { label: Labeller; uiLanguage: Language },
): string {
  const p = phrases[opts.uiLanguage];
  const persona = context.persona && fits.persona ? opts.label("persona", context.persona) : null;
  const stage = context.stage && fits.stage ? opts.label("stage", context.stage) : null;
  const fit =
    persona && stage
      ? p.fitBoth(persona, stage)
      : persona
        ? p.fitPersona(persona)
        : stage
          ? p.fitStage(stage)
          : p.bestPerforming[context.language ?? "any"];
  return `${hasTopics ? p.noTopicMatch : p.noContextMatch}${p.fallbackSep}${fit}`;
}
