import { describe, expect, it } from "vitest";
import {
  feedbackPoints,
  rankSuggestions,
  type SuggestionCandidate,
  type SuggestionContext,
  smoothedWinRate,
  taxonomyLabeller,
} from "./suggestion-ranking";
import type { TaxonomyTerm } from "./taxonomy";

const taxonomy: TaxonomyTerm[] = [
  { kind: "stage", key: "proposal", label: { en: "Proposal", ja: "提案" }, order: 1, patterns: [] },
  { kind: "persona", key: "finance", label: { en: "Finance", ja: "財務" }, order: 1, patterns: [] },
  { kind: "competitor", key: "acme", label: { en: "Acme", ja: "アクメ" }, order: 1, patterns: [] },
  { kind: "objection", key: "price", label: { en: "Price", ja: "価格" }, order: 1, patterns: [] },
];

const candidate = (id: string, over: Partial<SuggestionCandidate> = {}): SuggestionCandidate => ({
  id,
  type: "case_study",
  language: "en",
  stages: [],
  personas: [],
  industries: [],
  competitors: [],
  objections: [],
  textScore: null,
  closedDeals: 0,
  wonDeals: 0,
  alreadySharedOnDeal: false,
  ...over,
});

const context = (over: Partial<SuggestionContext> = {}): SuggestionContext => ({
  stage: null,
  persona: null,
  industry: null,
  competitors: [],
  objections: [],
  keywords: [],
  language: null,
  ...over,
});

const rank = (
  ctx: SuggestionContext,
  cs: SuggestionCandidate[],
  uiLanguage: "en" | "ja" = "en",
  baseline = 0.3,
) =>
  rankSuggestions(ctx, cs, {
    baselineWinRate: baseline,
    label: taxonomyLabeller(taxonomy, uiLanguage),
    uiLanguage,
  });

describe("rankSuggestions", () => {
  it("keeps to the message's language while anything in it fits, even after its best card was shared", () => {
    const ranked = rank(context({ competitors: ["acme"], language: "en" }), [
      candidate("acme-ja", { language: "ja", competitors: ["acme"], closedDeals: 10, wonDeals: 9 }),
      candidate("acme-en", { competitors: ["acme"], alreadySharedOnDeal: true }),
      candidate("other-en"),
      candidate("other-ja", { language: "ja" }),
    ]);
    expect(ranked.map((r) => r.id)).toEqual(["acme-en", "other-en"]);
  });

  it("offers the other language's version, labelled, when nothing in the message's language fits", () => {
    const ranked = rank(
      context({ objections: ["price"], language: "ja" }),
      [candidate("price-en", { objections: ["price"] }), candidate("other-ja", { language: "ja" })],
      "ja",
    );
    expect(ranked.map((r) => r.id)).toEqual(["price-en", "other-ja"]);
    expect(ranked[0]?.reasons.map((r) => r.label)).toContain("英語版");
  });

  it("puts the battle card of a mentioned competitor first, even against a perfect stage and persona fit", () => {
    const ranked = rank(context({ stage: "proposal", persona: "finance", competitors: ["acme"] }), [
      candidate("fit", { stages: ["proposal"], personas: ["finance"], closedDeals: 10, wonDeals: 8 }),
      candidate("card", { type: "battle_card", competitors: ["acme"] }),
    ]);
    expect(ranked[0]?.id).toBe("card");
    expect(ranked[0]?.reasons).toContainEqual({ kind: "competitor", label: "Mentions: Acme" });
  });

  it("lifts the objection guide for a detected objection", () => {
    const ranked = rank(context({ objections: ["price"], stage: "proposal" }), [
      candidate("deck", { type: "deck", stages: ["proposal"] }),
      candidate("guide", { type: "objection_guide", objections: ["price"] }),
    ]);
    expect(ranked.map((r) => r.id)).toEqual(["guide", "deck"]);
  });

  it("prefers the asset in the message's language when both exist", () => {
    const ranked = rank(context({ language: "ja", stage: "proposal" }), [
      candidate("en", { stages: ["proposal"], language: "en" }),
      candidate("ja", { stages: ["proposal"], language: "ja" }),
    ]);
    expect(ranked[0]?.id).toBe("ja");
  });

  it("writes reasons in the caller's language", () => {
    const [top] = rank(
      context({ stage: "proposal", persona: "finance" }),
      [candidate("a", { stages: ["proposal"], personas: ["finance"], closedDeals: 12, wonDeals: 9 })],
      "ja",
    );
    expect(top?.reasons.map((r) => r.label)).toEqual(["ステージ: 提案", "ペルソナ: 財務", "12件中9件で受注"]);
    const [en] = rank(context({ stage: "proposal" }), [
      candidate("a", { stages: ["proposal"], closedDeals: 12, wonDeals: 9 }),
    ]);
    expect(en?.reasons.map((r) => r.label)).toEqual(["Stage: Proposal", "Won 9 of 12 deals"]);
  });

  it("does not bury a new asset: no history scores exactly the baseline", () => {
    expect(smoothedWinRate(0, 0, 0.3)).toBeCloseTo(0.3);
    const ranked = rank(context({ stage: "proposal" }), [
      candidate("new", { stages: ["proposal"] }),
      candidate("loser", { stages: ["proposal"], closedDeals: 10, wonDeals: 0 }),
    ]);
    expect(ranked.map((r) => r.id)).toEqual(["new", "loser"]);
  });

  it("does not crown a lucky asset: one win in one deal counts less than 8 of 10", () => {
    const ranked = rank(context(), [
      candidate("lucky", { closedDeals: 1, wonDeals: 1 }),
      candidate("proven", { closedDeals: 10, wonDeals: 8 }),
    ]);
    expect(ranked.map((r) => r.id)).toEqual(["proven", "lucky"]);
  });

  it("counts reps' marks as smoothed votes: helped up, not helpful down, no marks nothing", () => {
    // (helped + 2) / (votes + 4), centred on ½, times ±2 points
    expect(feedbackPoints(0, 0)).toBe(0);
    expect(feedbackPoints(1, 0)).toBeCloseTo(0.4);
    expect(feedbackPoints(0, 1)).toBeCloseTo(-0.4);
    expect(feedbackPoints(6, 0)).toBeCloseTo(1.2);
    expect(feedbackPoints(3, 1)).toBeCloseTo(0.5);
    const ranked = rank(context({ stage: "proposal" }), [
      candidate("a", { stages: ["proposal"], notHelpfulVotes: 1 }),
      candidate("b", { stages: ["proposal"] }),
      candidate("c", { stages: ["proposal"], helpedVotes: 1 }),
    ]);
    expect(ranked.map((r) => [r.id, r.score])).toEqual([
      ["c", 2.4],
      ["b", 2],
      ["a", 1.6],
    ]);
    // the marks show no reason of their own
    expect(ranked[0]?.reasons.map((r) => r.kind)).toEqual(["stage"]);
  });

  it("nudges down what was already shared on this deal", () => {
    const ranked = rank(context({ stage: "proposal" }), [
      candidate("shared", { stages: ["proposal"], alreadySharedOnDeal: true }),
      candidate("fresh", { stages: ["proposal"] }),
    ]);
    expect(ranked.map((r) => r.id)).toEqual(["fresh", "shared"]);
    expect(ranked[1]?.reasons).toContainEqual({
      kind: "already_shared",
      label: "Already shared on this deal",
    });
  });

  it("is deterministic on ties", () => {
    const cs = [candidate("b"), candidate("a"), candidate("c")];
    expect(rank(context(), cs).map((r) => r.id)).toEqual(["a", "b", "c"]);
  });

  it("says why it offers what it offers when nothing matches the message's topics, in the caller's language", () => {
    const ctx = context({ stage: "proposal", persona: "finance", keywords: ["attribution"], language: "en" });
    const cs = [
      candidate("fit", { stages: ["proposal"], personas: ["finance"] }),
      candidate("persona-only", { personas: ["finance"] }),
      candidate("best", { closedDeals: 10, wonDeals: 9 }),
    ];
    const en = rank(ctx, cs);
    expect(en.map((r) => r.id)).toEqual(["fit", "persona-only", "best"]);
    expect(en.map((r) => r.reasons[0])).toEqual([
      {
        kind: "fallback",
        label: "Nothing in the library matches this message's topics; best fit for Finance at Proposal",
      },
      {
        kind: "fallback",
        label: "Nothing in the library matches this message's topics; best fit for Finance",
      },
      {
        kind: "fallback",
        label: "Nothing in the library matches this message's topics; best performers in English",
      },
    ]);
    expect(rank(ctx, cs, "ja")[0]?.reasons[0]?.label).toBe(
      "メッセージの話題に合う資料はライブラリにありません。提案段階の財務向けに最適なもの",
    );
  });

  it("gives no fallback reason while something matches a topic", () => {
    const ranked = rank(context({ stage: "proposal", objections: ["price"], language: "en" }), [
      candidate("guide", { type: "objection_guide", objections: ["price"] }),
      candidate("fit", { stages: ["proposal"] }),
    ]);
    expect(ranked.flatMap((r) => r.reasons.map((reason) => reason.kind))).not.toContain("fallback");
  });
});
