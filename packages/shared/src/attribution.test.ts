import { describe, expect, it } from "vitest";
import {
  type AssetDealTouch,
  type AttributionDeal,
  type AttributionModel,
  attributionModels,
  computeGroupInfluence,
  computeInfluence,
  computeOwnerInfluence,
  convertAmount,
  liftFigures,
  minClosedDealsForLift,
  UnknownCurrencyError,
  wilsonInterval,
} from "./attribution";

const deal = (id: string, status: AttributionDeal["status"], amount: number, closedAt: string | null) => ({
  id,
  status,
  amount,
  closedAt,
});
const touch = (assetId: string, dealId: string, firstTouchAt: string, lastTouchAt = firstTouchAt) => ({
  assetId,
  dealId,
  firstTouchAt,
  lastTouchAt,
});

// Hand-computed scenario. Baseline: d1, d2, d6 won; d3, d5 lost → 3 / 5 = 0.6.
const deals: AttributionDeal[] = [
  deal("d1", "won", 1000, "2024-03-31T00:00:00Z"),
  deal("d2", "won", 600, "2024-04-10T00:00:00Z"),
  deal("d3", "lost", 500, "2024-04-15T00:00:00Z"),
  deal("d4", "open", 800, null),
  deal("d5", "lost", 300, "2024-02-01T00:00:00Z"), // never touched
  deal("d6", "won", 200, "2024-05-01T00:00:00Z"), // touched only after close
];
const touches: AssetDealTouch[] = [
  touch("A", "d1", "2024-03-01T00:00:00Z", "2024-03-20T00:00:00Z"),
  touch("B", "d1", "2024-03-11T00:00:00Z", "2024-04-05T00:00:00Z"), // last touch after close → 03-11 counts
  touch("C", "d1", "2024-03-15T00:00:00Z", "2024-03-25T00:00:00Z"),
  touch("A", "d2", "2024-03-31T00:00:00Z", "2024-04-09T00:00:00Z"),
  touch("B", "d2", "2024-04-01T00:00:00Z", "2024-04-09T00:00:00Z"), // ties A on last touch
  touch("B", "d3", "2024-04-01T00:00:00Z", "2024-04-02T00:00:00Z"),
  touch("C", "d3", "2024-04-15T00:00:00Z"), // exactly at close: not before it
  touch("C", "d4", "2024-04-20T00:00:00Z", "2024-04-21T00:00:00Z"),
  touch("A", "d6", "2024-05-02T00:00:00Z", "2024-05-03T00:00:00Z"),
  touch("Z", "unknown-deal", "2024-01-01T00:00:00Z"),
];

const revenueBy = (model: AttributionModel) =>
  Object.fromEntries(
    computeInfluence({ deals, touches, model }).items.map((i) => [i.assetId, i.influencedRevenue]),
  );

describe("computeInfluence: hand-computed example", () => {
  const report = computeInfluence({ deals, touches, model: "any" });

  it("computes the baseline over all closed deals", () => {
    expect(report.baseline).toEqual({ closed: 5, won: 3, lost: 2, winRate: 0.6 });
  });

  it("counts deals touched before close per asset, sorted by assetId", () => {
    expect(report.items.map((i) => [i.assetId, i.dealsTouched, i.won, i.lost, i.open])).toEqual([
      ["A", 2, 2, 0, 0],
      ["B", 3, 2, 1, 0],
      ["C", 2, 1, 0, 1],
    ]);
  });

  it("computes win rate, lift against the closed deals each asset did not touch, and days to close", () => {
    const [a, b, c] = report.items;
    expect(report.liftBaseline).toBe("not_touched");
    // A touched d1, d2 (won); untouched: d3, d5 (lost), d6 (won) → 1 / 3
    expect(a?.winRate).toBe(1);
    expect(a?.untouched).toMatchObject({ closed: 3, won: 1, lost: 2 });
    expect(a?.untouched.winRate).toBeCloseTo(1 / 3, 12);
    expect(a?.lift).toBeCloseTo(3, 12);
    expect(a?.liftPoints).toBeCloseTo(200 / 3, 9);
    expect(a?.avgDaysToClose).toBe(20); // (30 + 10) / 2
    // B touched d1, d2, d3; untouched: d5 (lost), d6 (won) → 0.5
    expect(b?.winRate).toBeCloseTo(2 / 3);
    expect(b?.untouched).toMatchObject({ closed: 2, won: 1, lost: 1, winRate: 0.5 });
    expect(b?.lift).toBeCloseTo(4 / 3, 12);
    expect(b?.liftPoints).toBeCloseTo(50 / 3, 9);
    expect(b?.avgDaysToClose).toBe(14.5); // (20 + 9) / 2
    // C touched d1 (won; d3 only at its close); untouched: d2, d6 (won), d3, d5 (lost)
    expect(c?.winRate).toBe(1);
    expect(c?.untouched).toMatchObject({ closed: 4, won: 2, lost: 2, winRate: 0.5 });
    expect(c?.lift).toBe(2);
    expect(c?.liftPoints).toBe(50);
    expect(c?.avgDaysToClose).toBe(16);
  });

  it("gives each win rate its 95 % Wilson interval, a shrunk rate, and flags samples under the minimum", () => {
    const [a, b, c] = report.items;
    // 2 of 2 won: hand-computed Wilson bounds
    expect(a?.interval?.low).toBeCloseTo(0.3423802275, 9);
    expect(a?.interval?.high).toBe(1);
    expect(a?.untouched.interval?.low).toBeCloseTo(0.0614919447, 9);
    expect(a?.untouched.interval?.high).toBeCloseTo(0.7923403992, 9);
    expect(b?.interval?.low).toBeCloseTo(0.2076596008, 9);
    expect(b?.interval?.high).toBeCloseTo(0.9385080553, 9);
    expect(c?.interval?.low).toBeCloseTo(0.2065493144, 9);
    expect(c?.untouched.interval?.high).toBeCloseTo(0.8499610108, 9);
    // shrunk toward the overall 0.6 with 5 pseudo-deals: (won + 3) / (closed + 5)
    expect(a?.shrunkWinRate).toBeCloseTo(5 / 7, 12);
    expect(b?.shrunkWinRate).toBeCloseTo(5 / 8, 12);
    expect(c?.shrunkWinRate).toBeCloseTo(4 / 6, 12);
    expect(report.items.map((i) => i.enoughDeals)).toEqual([false, false, false]);
  });

  it("credits revenue under each model", () => {
    expect(revenueBy("any")).toEqual({ A: 1600, B: 1600, C: 1000 });
    expect(revenueBy("first")).toEqual({ A: 1600, B: 0, C: 0 });
    expect(revenueBy("last")).toEqual({ A: 600, B: 0, C: 1000 }); // d2 tie → A
    const linear = revenueBy("linear");
    expect(linear.A).toBeCloseTo(1000 / 3 + 300);
    expect(linear.B).toBeCloseTo(1000 / 3 + 300);
    expect(linear.C).toBeCloseTo(1000 / 3);
  });

  it("gives the same counts under every model", () => {
    const strip = (model: AttributionModel) =>
      computeInfluence({ deals, touches, model }).items.map(({ influencedRevenue: _, ...rest }) => rest);
    for (const model of attributionModels) expect(strip(model)).toEqual(strip("any"));
  });
});

describe("computeInfluence: edge cases", () => {
  it("returns null rates and lift when nothing is closed", () => {
    const report = computeInfluence({
      deals: [deal("d", "open", 10, null)],
      touches: [touch("A", "d", "2024-01-01T00:00:00Z")],
      model: "linear",
    });
    expect(report.baseline).toEqual({ closed: 0, won: 0, lost: 0, winRate: null });
    expect(report.items).toEqual([
      {
        assetId: "A",
        dealsTouched: 1,
        won: 0,
        lost: 0,
        open: 1,
        winRate: null,
        interval: null,
        untouched: { closed: 0, won: 0, lost: 0, winRate: null, interval: null },
        lift: null,
        liftPoints: null,
        shrunkWinRate: null,
        enoughDeals: false,
        influencedRevenue: 0,
        avgDaysToClose: null,
      },
    ]);
  });

  it("returns a null lift when the untouched win rate is 0 or undefined", () => {
    const report = computeInfluence({
      deals: [deal("d", "lost", 10, "2024-02-01T00:00:00Z"), deal("e", "lost", 10, "2024-02-01T00:00:00Z")],
      touches: [touch("A", "d", "2024-01-01T00:00:00Z"), touch("B", "d", "2024-01-01T00:00:00Z")],
      model: "any",
    });
    expect(report.items[0]?.winRate).toBe(0);
    expect(report.items[0]?.untouched.winRate).toBe(0);
    expect(report.items[0]?.lift).toBeNull();
    expect(report.items[0]?.liftPoints).toBe(0);
    const alone = computeInfluence({
      deals: [deal("d", "won", 10, "2024-02-01T00:00:00Z")],
      touches: [touch("A", "d", "2024-01-01T00:00:00Z")],
      model: "any",
    });
    expect(alone.items[0]?.untouched).toEqual({ closed: 0, won: 0, lost: 0, winRate: null, interval: null });
    expect(alone.items[0]?.lift).toBeNull();
    expect(alone.items[0]?.liftPoints).toBeNull();
  });

  it("reads a date-only close date as the end of that day", () => {
    const report = computeInfluence({
      deals: [deal("d", "won", 100, "2024-03-31")],
      touches: [touch("A", "d", "2024-03-31T15:00:00Z"), touch("B", "d", "2024-04-01T00:00:00Z")],
      model: "any",
    });
    expect(report.items.map((i) => i.assetId)).toEqual(["A"]);
    expect(report.items[0]?.avgDaysToClose).toBeCloseTo(9 / 24);
  });

  it("does not count touches on a closed deal without a close date", () => {
    const report = computeInfluence({
      deals: [deal("d", "won", 100, null)],
      touches: [touch("A", "d", "2024-01-01T00:00:00Z")],
      model: "any",
    });
    expect(report.baseline.won).toBe(1);
    expect(report.items).toEqual([]);
  });

  it("merges duplicate rows for the same asset and deal", () => {
    const once = computeInfluence({
      deals: [deal("d", "won", 100, "2024-02-01T00:00:00Z")],
      touches: [touch("A", "d", "2024-01-10T00:00:00Z", "2024-01-20T00:00:00Z")],
      model: "linear",
    });
    const twice = computeInfluence({
      deals: [deal("d", "won", 100, "2024-02-01T00:00:00Z")],
      touches: [
        touch("A", "d", "2024-01-15T00:00:00Z", "2024-01-20T00:00:00Z"),
        touch("A", "d", "2024-01-10T00:00:00Z"),
      ],
      model: "linear",
    });
    expect(twice).toEqual(once);
  });

  it("uses the last touch before close for last-touch, falling back to the first touch", () => {
    const report = computeInfluence({
      deals: [deal("d", "won", 100, "2024-02-01T00:00:00Z")],
      touches: [
        // B's last touch is after close, so its last known pre-close touch is 01-05.
        touch("A", "d", "2024-01-01T00:00:00Z", "2024-01-20T00:00:00Z"),
        touch("B", "d", "2024-01-05T00:00:00Z", "2024-03-01T00:00:00Z"),
      ],
      model: "last",
    });
    expect(report.items.map((i) => [i.assetId, i.influencedRevenue])).toEqual([
      ["A", 100],
      ["B", 0],
    ]);
  });

  it("breaks first-touch ties by assetId", () => {
    const t = "2024-01-01T00:00:00Z";
    const report = computeInfluence({
      deals: [deal("d", "won", 100, "2024-02-01T00:00:00Z")],
      touches: [touch("b", "d", t), touch("a", "d", t), touch("c", "d", t)],
      model: "first",
    });
    expect(report.items.map((i) => i.influencedRevenue)).toEqual([100, 0, 0]);
  });

  it("rejects an unparseable date with the field name", () => {
    expect(() =>
      computeInfluence({
        deals: [deal("d", "won", 1, "yesterday")],
        touches: [],
        model: "any",
      }),
    ).toThrow(/closedAt.*yesterday/);
    expect(() =>
      computeInfluence({
        deals: [deal("d", "open", 1, null)],
        touches: [touch("A", "d", "not a date")],
        model: "any",
      }),
    ).toThrow(RangeError);
  });

  it("handles no deals and no touches", () => {
    expect(computeInfluence({ deals: [], touches: [], model: "any" })).toEqual({
      baseline: { closed: 0, won: 0, lost: 0, winRate: null },
      liftBaseline: "not_touched",
      items: [],
    });
  });
});

describe("computeGroupInfluence", () => {
  const groups: Record<string, string[]> = { A: ["x"], B: ["x", "y", "x"], C: ["y"] };
  const report = (model: AttributionModel) =>
    computeGroupInfluence({ deals, touches, model, groupOf: (id) => groups[id] ?? [] });

  it("counts each deal once per group", () => {
    expect(report("any").items.map((i) => [i.assetId, i.dealsTouched, i.won, i.lost, i.open])).toEqual([
      ["x", 3, 2, 1, 0], // d1, d2, d3
      ["y", 4, 2, 1, 1], // d1, d2, d3 via B; d4 via C
    ]);
  });

  it("credits any-touch once per group and sums asset credits otherwise", () => {
    const revenue = (model: AttributionModel) => report(model).items.map((i) => i.influencedRevenue);
    expect(revenue("any")).toEqual([1600, 1600]);
    expect(revenue("first")).toEqual([1600, 0]);
    expect(revenue("last")).toEqual([600, 1000]);
    const [x, y] = revenue("linear");
    expect(x).toBeCloseTo((2 * 1000) / 3 + 600);
    expect(y).toBeCloseTo((2 * 1000) / 3 + 300);
  });

  it("measures days to close from the group's earliest touch", () => {
    // x on d1: A at 03-01 → 30 days; on d2: A at 03-31 → 10 days.
    expect(report("any").items[0]?.avgDaysToClose).toBe(20);
  });

  it("matches computeInfluence when every asset is its own group", () => {
    for (const model of attributionModels) {
      expect(computeGroupInfluence({ deals, touches, model, groupOf: (id) => [id] })).toEqual(
        computeInfluence({ deals, touches, model }),
      );
    }
  });
});

describe("computeOwnerInfluence", () => {
  const owners: Record<string, string> = { d1: "o1", d2: "o1", d4: "o1", d3: "o2", d5: "o2", d6: "o2" };
  const report = (model: AttributionModel) =>
    computeOwnerInfluence({ deals, touches, model, ownerOf: (id) => owners[id] ?? "none" });

  it("compares an owner's touched deals with the owner's closed deals no content touched", () => {
    const { items, liftBaseline, baseline } = report("any");
    expect(liftBaseline).toBe("owner_not_touched");
    expect(baseline.winRate).toBe(0.6);
    const [o1, o2] = items;
    // o1: d1, d2 won and d4 open touched; no closed deal of o1 is untouched
    expect(o1).toMatchObject({ assetId: "o1", dealsTouched: 3, won: 2, lost: 0, open: 1, winRate: 1 });
    expect(o1?.untouched).toEqual({ closed: 0, won: 0, lost: 0, winRate: null, interval: null });
    expect(o1?.lift).toBeNull();
    // o2: d3 lost touched by B; untouched: d5 lost, d6 won (touched only after close)
    expect(o2).toMatchObject({ assetId: "o2", dealsTouched: 1, won: 0, lost: 1, open: 0, winRate: 0 });
    expect(o2?.untouched).toMatchObject({ closed: 2, won: 1, lost: 1, winRate: 0.5 });
    expect(o2?.lift).toBe(0);
    expect(o2?.liftPoints).toBe(-50);
    expect(o2?.interval?.high).toBeCloseTo(0.7934506856, 9);
  });

  it("credits a touched won deal's whole amount to its owner under every model", () => {
    for (const model of attributionModels) {
      expect(report(model).items.map((i) => i.influencedRevenue)).toEqual([1600, 0]);
    }
  });
});

describe("wilsonInterval and liftFigures", () => {
  it("matches hand-computed 95 % Wilson bounds", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    const fourOfFive = wilsonInterval(4, 5);
    expect(fourOfFive?.low).toBeCloseTo(0.3755346298, 9);
    expect(fourOfFive?.high).toBeCloseTo(0.9637758914, 9);
    const none = wilsonInterval(0, 10);
    expect(none?.low).toBe(0);
    expect(none?.high).toBeCloseTo(0.2775327999, 9);
    const half = wilsonInterval(2, 4);
    expect(half?.low).toBeCloseTo(0.1500389892, 9);
    expect(half?.high).toBeCloseTo(0.8499610108, 9);
  });

  it("needs the minimum of closed deals on both sides before a lift is enough", () => {
    const n = minClosedDealsForLift;
    expect(n).toBe(5);
    expect(liftFigures({ won: 3, lost: n - 3 }, { won: 1, lost: n - 1 }, 0.5).enoughDeals).toBe(true);
    expect(liftFigures({ won: 3, lost: n - 4 }, { won: 1, lost: 9 }, 0.5).enoughDeals).toBe(false);
    expect(liftFigures({ won: 3, lost: 9 }, { won: 1, lost: n - 2 }, 0.5).enoughDeals).toBe(false);
  });

  it("ranks one lucky win below a solid record once shrunk", () => {
    const lucky = liftFigures({ won: 1, lost: 0 }, { won: 5, lost: 4 }, 0.6);
    const solid = liftFigures({ won: 4, lost: 1 }, { won: 2, lost: 3 }, 0.6);
    expect(lucky.winRate).toBe(1);
    expect(lucky.shrunkWinRate).toBeCloseTo(4 / 6, 12);
    expect(solid.shrunkWinRate).toBeCloseTo(0.7, 12);
    expect(solid.lift).toBeCloseTo(2, 12);
    expect(solid.liftPoints).toBeCloseTo(40, 9);
  });
});

describe("convertAmount", () => {
  const rates = { USD: 1, JPY: 150, EUR: 0.8 };

  it("converts through the rates' common base", () => {
    expect(convertAmount(15000, "JPY", rates, "USD")).toBe(100);
    expect(convertAmount(100, "USD", rates, "JPY")).toBe(15000);
    expect(convertAmount(80, "EUR", rates, "JPY")).toBeCloseTo(15000);
  });

  it("returns the amount unchanged for the same currency, even without rates", () => {
    expect(convertAmount(42, "JPY", {}, "jpy")).toBe(42);
  });

  it("is case-insensitive about currency codes", () => {
    expect(convertAmount(150, "jpy", { usd: 1, jpy: 150 }, "Usd")).toBe(1);
  });

  it("throws a clear error for an unknown currency", () => {
    expect(() => convertAmount(1, "GBP", rates, "USD")).toThrow(UnknownCurrencyError);
    expect(() => convertAmount(1, "GBP", rates, "USD")).toThrow(
      'No exchange rate for currency "GBP" (known: EUR, JPY, USD)',
    );
    expect(() => convertAmount(1, "USD", rates, "CHF")).toThrow(/"CHF"/);
    expect(() => convertAmount(1, "USD", {}, "CHF")).toThrow(/known: none/);
  });

  it("rejects a zero, negative or non-finite rate", () => {
    expect(() => convertAmount(1, "JPY", { USD: 1, JPY: 0 }, "USD")).toThrow(/JPY must be positive/);
    expect(() => convertAmount(1, "JPY", { USD: 1, JPY: Number.NaN }, "USD")).toThrow(RangeError);
  });
});
