import { attributionModels } from "@pitchside/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../test/server";
import { expectSharedAgreement } from "./influence-agreement";
import { bookRates, openInfluenceBook } from "./influence-fixture";
import type { InfluenceItem } from "./influence-service";
import { codeOf } from "./trpc-error-code";

let server: TestServer;
let book: Book["book"];
let marketer: string;
let admin: string;
let rep: string;
let influence: Book["influence"];
const rates = bookRates;
type Book = Awaited<ReturnType<typeof openInfluenceBook>>;

beforeAll(async () => {
  ({
    server,
    book,
    influence,
    tokens: { marketer, admin, rep },
  } = await openInfluenceBook());
});
afterAll(() => server?.close());

const byKey = (items: InfluenceItem[]) => new Map(items.map((i) => [i.key, i]));

describe("contentInfluence on a hand-computed book", () => {
  it("counts deals touched before close, whatever the model, against the baseline of the period", async () => {
    for (const model of attributionModels) {
      const report = await influence({ model });
      expect(report.baseline).toEqual({ closed: 6, won: 4, lost: 2, winRate: 4 / 6 });
      expect(report.currency).toBe("USD");
      expect(report.touched).toEqual({
        dealsTouched: 5,
        won: 2,
        lost: 2,
        open: 1,
        winRate: 0.5,
        lift: 0.75,
        wonRevenue: 3000,
      });
      const items = byKey(report.items);
      const { A, B, C } = book.assets;
      // D4 (touched after it closed), D5 (no touch) and D7 (closed in 2025) count for no asset
      expect([...items.keys()].sort()).toEqual([A, B, C].sort());
      expect(items.get(A)).toMatchObject({
        title: "Asset A",
        type: "case_study",
        dealsTouched: 4,
        won: 2,
        lost: 1,
        open: 1,
      });
      expect(items.get(A)?.winRate).toBeCloseTo(2 / 3, 12);
      expect(items.get(A)?.lift).toBeCloseTo(1, 12);
      expect(items.get(A)?.avgDaysToClose).toBeCloseTo(20, 9);
      expect(items.get(B)).toMatchObject({
        type: "battle_card",
        dealsTouched: 2,
        won: 2,
        lost: 0,
        open: 0,
        winRate: 1,
      });
      expect(items.get(B)?.lift).toBeCloseTo(1.5, 12);
      expect(items.get(B)?.avgDaysToClose).toBeCloseTo(27.5, 9);
      expect(items.get(C)).toMatchObject({ dealsTouched: 2, won: 1, lost: 1, open: 0, winRate: 0.5 });
      expect(items.get(C)?.lift).toBeCloseTo(0.75, 12);
      expect(items.get(C)?.avgDaysToClose).toBeCloseTo(22, 9);
    }
  });

  it("credits won revenue (JPY converted at the settings' rate) under each model", async () => {
    const { A, B, C } = book.assets;
    const expected = {
      any: { [A]: 3000, [B]: 3000, [C]: 2000 },
      first: { [A]: 1000, [B]: 2000, [C]: 0 },
      last: { [A]: 2000, [B]: 1000, [C]: 0 },
      linear: { [A]: 500 + 2000 / 3, [B]: 500 + 2000 / 3, [C]: 2000 / 3 },
    };
    for (const model of attributionModels) {
      const items = byKey((await influence({ model })).items);
      for (const [assetId, revenue] of Object.entries(expected[model])) {
        expect(items.get(assetId)?.influencedRevenue, `${model} ${assetId}`).toBeCloseTo(revenue, 6);
      }
    }
  });

  it("groups by type, rep and team with the same definitions", async () => {
    const { B } = book.assets;
    const revenue = { any: 3000, first: 1000, last: 2000, linear: 500 + (2 * 2000) / 3 };
    for (const model of attributionModels) {
      const types = byKey((await influence({ model, groupBy: "type" })).items);
      const caseStudies = types.get("case_study");
      expect(caseStudies).toMatchObject({ dealsTouched: 5, won: 2, lost: 2, open: 1, winRate: 0.5 });
      expect(caseStudies?.influencedRevenue).toBeCloseTo(revenue[model], 6);
      expect(caseStudies?.avgDaysToClose).toBeCloseTo(25, 9);
      const assetsOnly = byKey((await influence({ model })).items);
      // battle_card holds only B: the group equals the asset's row
      const {
        key: _k,
        assetId: _a,
        title: _t,
        titleJa: _j,
        type: _ty,
        ...battle
      } = types.get("battle_card") ?? {};
      const {
        key: _k2,
        assetId: _a2,
        title: _t2,
        titleJa: _j2,
        type: _ty2,
        ...assetB
      } = assetsOnly.get(B) ?? {};
      expect(battle).toEqual(assetB);

      const reps = byKey((await influence({ model, groupBy: "rep" })).items);
      expect(reps.get(book.reps.rep1.id)).toMatchObject({
        title: "Rep One",
        dealsTouched: 3,
        won: 2,
        lost: 1,
      });
      expect(reps.get(book.reps.rep1.id)?.influencedRevenue).toBeCloseTo(3000, 6);
      expect(reps.get(book.reps.rep2.id)).toMatchObject({
        dealsTouched: 2,
        won: 0,
        lost: 1,
        open: 1,
        influencedRevenue: 0,
      });
      const teams = byKey((await influence({ model, groupBy: "team" })).items);
      expect(teams.get(book.teams.team1.id)).toMatchObject({ title: "Influence East", dealsTouched: 3 });
    }
  });

  it("keeps group totals consistent with the per-asset table", async () => {
    for (const model of attributionModels) {
      const perAsset = (await influence({ model })).items;
      const perType = (await influence({ model, groupBy: "type" })).items;
      const sum = (items: InfluenceItem[], pick: (i: InfluenceItem) => number) =>
        items.reduce((total, i) => total + pick(i), 0);
      // each asset has one type: credits that split (first, last, linear) add up the same either way
      if (model !== "any") {
        expect(sum(perType, (i) => i.influencedRevenue)).toBeCloseTo(
          sum(perAsset, (i) => i.influencedRevenue),
          6,
        );
      } else {
        expect(sum(perType, (i) => i.influencedRevenue)).toBeLessThanOrEqual(
          sum(perAsset, (i) => i.influencedRevenue),
        );
      }
      // a group counts each deal once, so never more than its assets' rows together
      for (const group of perType) {
        const members = perAsset.filter((i) => i.type === group.key);
        expect(group.dealsTouched).toBeLessThanOrEqual(sum(members, (i) => i.dealsTouched));
        expect(group.dealsTouched).toBeGreaterThanOrEqual(Math.max(...members.map((i) => i.dealsTouched)));
      }
    }
  });

  it("agrees with computeInfluence and computeGroupInfluence of packages/shared under every model", async () => {
    await expectSharedAgreement(server.deps.database.db, rates, influence);
  });

  it("narrows by asset and deal filters", async () => {
    const { A, C } = book.assets;
    const onlyC = await influence({ filters: { assetIds: [C] } });
    expect(onlyC.items.map((i) => i.key)).toEqual([C]);
    expect(onlyC.baseline.closed).toBe(6);
    // C touched D2 (won, 2,000 USD) and D8 (lost) before they closed; D4 only after
    expect(onlyC.touched).toEqual({
      dealsTouched: 2,
      won: 1,
      lost: 1,
      open: 0,
      winRate: 0.5,
      lift: 0.75,
      wonRevenue: 2000,
    });
    // team West is rep2's: D3 (lost) and D6 (open), both touched by A, a case study
    const west = await influence({ groupBy: "type", filters: { teamIds: [book.teams.team2.id] } });
    expect(
      west.items.map(({ key, dealsTouched, won, lost, open }) => ({ key, dealsTouched, won, lost, open })),
    ).toEqual([{ key: "case_study", dealsTouched: 2, won: 0, lost: 1, open: 1 }]);
    const rep2 = await influence({ filters: { repIds: [book.reps.rep2.id] } });
    expect(rep2.baseline).toEqual({ closed: 2, won: 1, lost: 1, winRate: 0.5 });
    expect(rep2.items.map((i) => i.key)).toEqual([A]);
    const cfo = await influence({ groupBy: "persona", filters: { personas: ["cto"] } });
    expect(cfo.items.map((i) => i.key)).toEqual(["cto"]);
  });

  it("refuses to report revenue in a currency without a rate", async () => {
    await server
      .client({ token: admin })
      .analytics.settings.update.mutate({ reportingCurrency: "USD", rates: { USD: 1 } });
    await expect(influence({})).rejects.toThrow(/JPY/);
    await server
      .client({ token: admin })
      .analytics.settings.update.mutate({ reportingCurrency: "USD", rates });
  });

  it("reports in another currency when an admin changes it", async () => {
    const admins = server.client({ token: admin });
    await admins.analytics.settings.update.mutate({ reportingCurrency: "jpy", rates });
    expect(await admins.analytics.settings.get.query()).toEqual({ reportingCurrency: "JPY", rates });
    const report = await influence({ model: "any" });
    expect(report.currency).toBe("JPY");
    expect(byKey(report.items).get(book.assets.A)?.influencedRevenue).toBeCloseTo(3000 * 150, 4);
    await admins.analytics.settings.update.mutate({ reportingCurrency: "USD", rates });
  });
});

describe("who may read analytics", () => {
  it("gives a rep FORBIDDEN for the marketer reports and the settings", async () => {
    const reps = server.client({ token: rep });
    expect(await codeOf(reps.analytics.contentInfluence.query({}))).toBe("FORBIDDEN");
    expect(await codeOf(reps.analytics.settings.get.query())).toBe("FORBIDDEN");
    expect(
      await codeOf(
        server
          .client({ token: marketer })
          .analytics.settings.update.mutate({ reportingCurrency: "USD", rates }),
      ),
    ).toBe("FORBIDDEN");
    expect(await codeOf(server.client().analytics.contentInfluence.query({}))).toBe("UNAUTHORIZED");
  });

  it("rejects a bad settings payload with the field path", async () => {
    const admins = server.client({ token: admin });
    await expect(
      admins.analytics.settings.update.mutate({ reportingCurrency: "EUR", rates }),
    ).rejects.toThrow(/rates/);
    await expect(
      admins.analytics.settings.update.mutate({ reportingCurrency: "USD", rates: { USD: -1 } }),
    ).rejects.toThrow(/rates/);
  });
});
