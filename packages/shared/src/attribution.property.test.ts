import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AssetDealTouch,
  type AssetInfluence,
  type AttributionDeal,
  attributionModels,
  computeInfluence,
  computeOwnerInfluence,
} from "./attribution";

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const iso = (hours: number) => new Date(START + hours * 3_600_000).toISOString();

const assetId = fc.constantFrom("a", "b", "c", "d", "e");
const dealId = fc.constantFrom("d1", "d2", "d3", "d4", "d5", "d6");

const dealArb: fc.Arbitrary<AttributionDeal> = fc
  .record({
    status: fc.constantFrom("open", "won", "lost"),
    amount: fc.integer({ min: 1, max: 1_000_000 }),
    closeHour: fc.integer({ min: 0, max: 24 * 60 }),
  })
  .map(({ status, amount, closeHour }) => ({
    id: "",
    status,
    amount,
    closedAt: status === "open" ? null : iso(closeHour),
  }));

const dealsArb = fc
  .uniqueArray(dealId, { minLength: 1, maxLength: 6 })
  .chain((ids) => fc.tuple(...ids.map((id) => dealArb.map((d) => ({ ...d, id })))));

const touchArb: fc.Arbitrary<AssetDealTouch> = fc
  .record({
    assetId,
    dealId,
    firstHour: fc.integer({ min: 0, max: 24 * 60 }),
    spanHours: fc.integer({ min: 0, max: 24 * 20 }),
  })
  .map(({ assetId, dealId, firstHour, spanHours }) => ({
    assetId,
    dealId,
    firstTouchAt: iso(firstHour),
    lastTouchAt: iso(firstHour + spanHours),
  }));

const scenario = fc.record({ deals: dealsArb, touches: fc.array(touchArb, { maxLength: 25 }) });

/** Reference rule, written independently: which assets touched a deal before it closed. */
function touchingAssets(deal: AttributionDeal, touches: readonly AssetDealTouch[]): Set<string> {
  return new Set(
    touches
      .filter((t) => t.dealId === deal.id)
      .filter((t) => deal.closedAt === null || Date.parse(t.firstTouchAt) < Date.parse(deal.closedAt))
      .map((t) => t.assetId),
  );
}

const revenueOf = (items: readonly AssetInfluence[], id: string) =>
  items.find((i) => i.assetId === id)?.influencedRevenue ?? 0;

describe("computeInfluence properties", () => {
  it("linear credits of each won deal sum to its amount", () => {
    fc.assert(
      fc.property(scenario, ({ deals, touches }) => {
        for (const deal of deals.filter((d) => d.status === "won")) {
          const own = touches.filter((t) => t.dealId === deal.id);
          const { items } = computeInfluence({ deals: [deal], touches: own, model: "linear" });
          const total = items.reduce((sum, i) => sum + i.influencedRevenue, 0);
          const touched = touchingAssets(deal, own).size > 0;
          expect(total).toBeCloseTo(touched ? deal.amount : 0, 6);
          for (const item of items) expect(item.influencedRevenue).toBeCloseTo(deal.amount / items.length, 6);
        }
      }),
    );
  });

  it("first and last credit exactly one touching asset per touched won deal", () => {
    fc.assert(
      fc.property(scenario, ({ deals, touches }) => {
        for (const model of ["first", "last"] as const) {
          for (const deal of deals.filter((d) => d.status === "won")) {
            const own = touches.filter((t) => t.dealId === deal.id);
            const { items } = computeInfluence({ deals: [deal], touches: own, model });
            const credited = items.filter((i) => i.influencedRevenue !== 0);
            const touching = touchingAssets(deal, own);
            expect(credited).toHaveLength(touching.size > 0 ? 1 : 0);
            for (const item of credited) {
              expect(item.influencedRevenue).toBe(deal.amount);
              expect(touching.has(item.assetId)).toBe(true);
            }
          }
        }
      }),
    );
  });

  it("total won revenue is conserved by first, last and linear", () => {
    fc.assert(
      fc.property(scenario, ({ deals, touches }) => {
        const expected = deals
          .filter((d) => d.status === "won" && touchingAssets(d, touches).size > 0)
          .reduce((sum, d) => sum + d.amount, 0);
        for (const model of ["first", "last", "linear"] as const) {
          const { items } = computeInfluence({ deals, touches, model });
          expect(items.reduce((sum, i) => sum + i.influencedRevenue, 0)).toBeCloseTo(expected, 4);
        }
      }),
    );
  });

  it("any-touch credits each touching asset the full amount of every won deal it touched", () => {
    fc.assert(
      fc.property(scenario, ({ deals, touches }) => {
        const { items } = computeInfluence({ deals, touches, model: "any" });
        for (const id of ["a", "b", "c", "d", "e"]) {
          const expected = deals
            .filter((d) => d.status === "won" && touchingAssets(d, touches).has(id))
            .reduce((sum, d) => sum + d.amount, 0);
          expect(revenueOf(items, id)).toBe(expected);
        }
      }),
    );
  });

  it("counts match the reference rule and do not depend on the model", () => {
    fc.assert(
      fc.property(scenario, ({ deals, touches }) => {
        const reports = attributionModels.map((model) => computeInfluence({ deals, touches, model }));
        const counts = reports.map((r) => r.items.map(({ influencedRevenue: _, ...rest }) => rest));
        for (const other of counts) expect(other).toEqual(counts[0]);
        for (const item of reports[0]?.items ?? []) {
          const touched = deals.filter((d) => touchingAssets(d, touches).has(item.assetId));
          expect(item.dealsTouched).toBe(touched.length);
          expect(item.won).toBe(touched.filter((d) => d.status === "won").length);
          expect(item.lost).toBe(touched.filter((d) => d.status === "lost").length);
          expect(item.open).toBe(touched.filter((d) => d.status === "open").length);
          expect(item.won + item.lost + item.open).toBe(item.dealsTouched);
          if (item.avgDaysToClose !== null) expect(item.avgDaysToClose).toBeGreaterThan(0);
        }
      }),
    );
  });

  it("a touch at or after close never counts", () => {
    fc.assert(
      fc.property(
        scenario,
        fc.array(fc.tuple(assetId, fc.integer({ min: 0, max: 24 * 30 })), { maxLength: 10 }),
        ({ deals, touches }, late) => {
          const closed = deals.filter((d) => d.closedAt !== null);
          const lateTouches = late.flatMap(([id, hoursAfter], i) => {
            const deal = closed[i % Math.max(1, closed.length)];
            if (!deal?.closedAt) return [];
            const at = new Date(Date.parse(deal.closedAt) + hoursAfter * 3_600_000).toISOString();
            return [{ assetId: id, dealId: deal.id, firstTouchAt: at, lastTouchAt: at }];
          });
          for (const model of attributionModels) {
            expect(computeInfluence({ deals, touches: [...touches, ...lateTouches], model })).toEqual(
              computeInfluence({ deals, touches, model }),
            );
          }
        },
      ),
    );
  });

  it("a deal with no touches changes only the baseline and the untouched side", () => {
    fc.assert(
      fc.property(scenario, dealArb, ({ deals, touches }, extra) => {
        const untouched = { ...extra, id: "untouched" };
        for (const model of attributionModels) {
          const before = computeInfluence({ deals, touches, model });
          const after = computeInfluence({ deals: [...deals, untouched], touches, model });
          const touchedSide = (items: AssetInfluence[]) =>
            items.map(
              ({ untouched: _u, lift: _l, liftPoints: _p, shrunkWinRate: _s, enoughDeals: _e, ...rest }) =>
                rest,
            );
          expect(touchedSide(after.items)).toEqual(touchedSide(before.items));
          const closedDelta = untouched.status === "open" ? 0 : 1;
          const wonDelta = untouched.status === "won" ? 1 : 0;
          expect(after.baseline.closed).toBe(before.baseline.closed + closedDelta);
          expect(after.baseline.won).toBe(before.baseline.won + wonDelta);
          after.items.forEach((item, n) => {
            expect(item.untouched.closed).toBe((before.items[n]?.untouched.closed ?? 0) + closedDelta);
            expect(item.untouched.won).toBe((before.items[n]?.untouched.won ?? 0) + wonDelta);
          });
        }
      }),
    );
  });

  it("splits the period's closed deals into touched and untouched, with rates inside their intervals", () => {
    fc.assert(
      fc.property(scenario, ({ deals, touches }) => {
        const { baseline, items } = computeInfluence({ deals, touches, model: "any" });
        for (const item of items) {
          expect(item.won + item.untouched.won).toBe(baseline.won);
          expect(item.lost + item.untouched.lost).toBe(baseline.lost);
          for (const side of [item, item.untouched]) {
            if (side.winRate === null) expect(side.interval).toBeNull();
            else {
              expect(side.interval?.low).toBeGreaterThanOrEqual(0);
              expect(side.interval?.low).toBeLessThanOrEqual(side.winRate + 1e-12);
              expect(side.interval?.high).toBeGreaterThanOrEqual(side.winRate - 1e-12);
              expect(side.interval?.high).toBeLessThanOrEqual(1);
            }
          }
          const expected =
            item.winRate !== null && item.untouched.winRate ? item.winRate / item.untouched.winRate : null;
          expect(item.lift).toBe(expected);
          // the shrunk rate lies between the item's own rate and the overall one
          if (item.winRate !== null && baseline.winRate !== null && item.shrunkWinRate !== null) {
            const [lo, hi] = [
              Math.min(item.winRate, baseline.winRate),
              Math.max(item.winRate, baseline.winRate),
            ];
            expect(item.shrunkWinRate).toBeGreaterThanOrEqual(lo - 1e-12);
            expect(item.shrunkWinRate).toBeLessThanOrEqual(hi + 1e-12);
          }
        }
      }),
    );
  });

  it("compares each owner's touched deals with the owner's own closed deals, under every model", () => {
    fc.assert(
      fc.property(scenario, fc.func(fc.constantFrom("o1", "o2", "o3")), ({ deals, touches }, owner) => {
        const ownerOf = (dealId: string) => owner(dealId);
        for (const model of attributionModels) {
          const report = computeOwnerInfluence({ deals, touches, model, ownerOf });
          expect(report.liftBaseline).toBe("owner_not_touched");
          for (const item of report.items) {
            const mine = deals.filter((d) => ownerOf(d.id) === item.assetId);
            expect(item.won + item.untouched.won).toBe(mine.filter((d) => d.status === "won").length);
            expect(item.lost + item.untouched.lost).toBe(mine.filter((d) => d.status === "lost").length);
          }
          // each touched deal sits in exactly one owner's row
          const touched = computeInfluence({ deals, touches, model: "any" });
          const dealsOf = report.items.reduce((sum, i) => sum + i.dealsTouched, 0);
          const anyTouch = deals.filter((d) => touchingAssets(d, touches).size > 0).length;
          expect(dealsOf).toBe(anyTouch);
          expect(touched.baseline).toEqual(report.baseline);
        }
      }),
    );
  });

  it("ignores the order of deals and touches", () => {
    fc.assert(
      fc.property(scenario, ({ deals, touches }) => {
        for (const model of attributionModels) {
          const forward = computeInfluence({ deals, touches, model });
          const reversed = computeInfluence({
            deals: [...deals].reverse(),
            touches: [...touches].reverse(),
            model,
          });
          expect(reversed.baseline).toEqual(forward.baseline);
          expect(reversed.items.length).toBe(forward.items.length);
          reversed.items.forEach((item, i) => {
            const { influencedRevenue, avgDaysToClose, ...rest } = forward.items[i] ?? item;
            expect(item).toMatchObject(rest);
            expect(item.influencedRevenue).toBeCloseTo(influencedRevenue, 6);
            if (avgDaysToClose !== null) expect(item.avgDaysToClose).toBeCloseTo(avgDaysToClose, 9);
          });
        }
      }),
    );
  });
});

it("uses whole-day units for avgDaysToClose", () => {
  const report = computeInfluence({
    deals: [{ id: "d", status: "won", amount: 1, closedAt: new Date(START + 3 * DAY).toISOString() }],
    touches: [{ assetId: "a", dealId: "d", firstTouchAt: iso(0), lastTouchAt: iso(0) }],
    model: "any",
  });
  expect(report.items[0]?.avgDaysToClose).toBe(3);
});
