import {
  type AssetDealTouch,
  type AttributionDeal,
  attributionModels,
  computeGroupInfluence,
  computeInfluence,
  computeOwnerInfluence,
  convertAmount,
} from "@pitchside/shared";
import { expect } from "vitest";
import type { InfluenceItem, InfluenceRequest, InfluenceResult } from "../src/analytics/influence-service";
import type { Db } from "../src/db/client";
import { assetDealTouches, assets, deals } from "../src/db/schema";

/**
 * Holds contentInfluence (through `influence`, over one calendar `year`) to
 * computeInfluence, computeGroupInfluence and computeOwnerInfluence of
 * packages/shared, computed here from the raw deals and asset_deal_touches,
 * under every model, per asset, per stage and per rep: counts, revenue, lift
 * against untouched deals, Wilson intervals, shrunk rates and the minimum-sample flag.
 */
export async function expectSharedAgreement(
  db: Db,
  rates: Record<string, number>,
  influence: (input: InfluenceRequest) => Promise<InfluenceResult>,
  year = 2026,
) {
  const from = Date.parse(`${year}-01-01T00:00:00Z`);
  const to = Date.parse(`${year + 1}-01-01T00:00:00Z`);
  const range = { from: `${year}-01-01`, to: `${year}-12-31` };
  const dealRows = await db.select().from(deals);
  const touchRows = await db.select().from(assetDealTouches);
  const assetRows = await db.select().from(assets);
  const inPeriod = (d: (typeof dealRows)[number]) =>
    d.status === "open" || (d.closedAt !== null && d.closedAt.getTime() >= from && d.closedAt.getTime() < to);
  const scoped = dealRows.filter(inPeriod);
  const openIds = new Set(scoped.filter((d) => d.status === "open").map((d) => d.id));
  const input: { deals: AttributionDeal[]; touches: AssetDealTouch[] } = {
    deals: scoped.map((d) => ({
      id: d.id,
      status: d.status,
      amount: d.status === "won" ? convertAmount(Number(d.amount ?? 0), d.currency, rates, "USD") : 0,
      closedAt: d.closedAt?.toISOString() ?? null,
    })),
    touches: touchRows
      .filter(
        (t) => !openIds.has(t.dealId) || (t.firstTouchAt.getTime() < to && t.lastTouchAt.getTime() >= from),
      )
      .map((t) => ({
        assetId: t.assetId,
        dealId: t.dealId,
        firstTouchAt: t.firstTouchAt.toISOString(),
        lastTouchAt: t.lastTouchAt.toISOString(),
      })),
  };
  const stagesOf = new Map(assetRows.map((a) => [a.id, a.stages]));
  const ownerOf = new Map(dealRows.map((d) => [d.id, d.ownerId ?? "none"]));
  const strip = ({ key, assetId: _a, title: _t, titleJa: _j, type: _ty, ...figures }: InfluenceItem) => ({
    assetId: key ?? "none",
    ...figures,
  });
  const close = (
    actual: ReturnType<typeof strip>[],
    expected: ReturnType<typeof computeInfluence>["items"],
  ) => {
    expect(actual.map((i) => i.assetId)).toEqual(expected.map((i) => i.assetId));
    actual.forEach((item, n) => {
      const want = expected[n];
      expect({ ...item, influencedRevenue: 0, avgDaysToClose: 0, winRate: 0, lift: 0 }).toEqual({
        ...want,
        influencedRevenue: 0,
        avgDaysToClose: 0,
        winRate: 0,
        lift: 0,
      });
      expect(item.influencedRevenue).toBeCloseTo(want?.influencedRevenue ?? Number.NaN, 6);
      for (const field of ["avgDaysToClose", "winRate", "lift"] as const) {
        if (want?.[field] === null) expect(item[field]).toBeNull();
        else expect(item[field]).toBeCloseTo(want?.[field] ?? Number.NaN, 9);
      }
    });
  };
  for (const model of attributionModels) {
    const shared = computeInfluence({ ...input, model });
    const report = await influence({ ...range, model });
    expect(report.baseline).toEqual(shared.baseline);
    expect(report.liftBaseline).toBe(shared.liftBaseline);
    close(report.items.map(strip), shared.items);
    const sharedStages = computeGroupInfluence({
      ...input,
      model,
      groupOf: (id) => stagesOf.get(id) ?? [],
    });
    close((await influence({ ...range, model, groupBy: "stage" })).items.map(strip), sharedStages.items);
    const sharedReps = computeOwnerInfluence({ ...input, model, ownerOf: (id) => ownerOf.get(id) ?? "none" });
    const reps = await influence({ ...range, model, groupBy: "rep" });
    expect(reps.liftBaseline).toBe(sharedReps.liftBaseline);
    close(reps.items.map(strip), sharedReps.items);
  }
}
