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
  | "already_shared";

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
} as const;

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
 * as such, after whatever does. Pure: the API gathers the inputs.
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
    const reasons: Reason[] = [];
    const add = (points: number, kind: ReasonKind, label: string | null) => {
      score += points;
      if (kind !== "language" && kind !== "track_record" && kind !== "already_shared") relevance += points;
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
    return {
      id: c.id,
      score: Math.round(score * 1000) / 1000,
      reasons,
      relevant: relevance > 0,
      otherLanguage,
    };
  });
  // the message's language first; the other language's content only when nothing in it fits
  const goodInLanguage = ranked.some((r) => r.relevant && !r.otherLanguage);
  const tier = (r: (typeof ranked)[number]) => (r.otherLanguage ? (r.relevant ? 1 : 3) : r.relevant ? 0 : 2);
  return ranked
    .filter((r) => !(r.otherLanguage && goodInLanguage))
    .sort((a, b) => tier(a) - tier(b) || b.score - a.score || (a.id < b.id ? -1 : 1))
    .map(({ id, score, reasons }) => ({ id, score, reasons }));
}
