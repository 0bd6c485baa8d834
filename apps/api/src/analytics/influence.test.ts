import { attributionModels } from "@pitchside/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectSharedAgreement } from "../../testing/influence-agreement";
import { bookRates, openInfluenceBook } from "../../testing/influence-fixture";
import { codeOf } from "../../testing/refusal";
import type { TestServer } from "../../testing/server";
import type { InfluenceItem } from "./influence-service";

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

type Figures = Pick<
  InfluenceItem,
  "winRate" | "interval" | "untouched" | "lift" | "liftPoints" | "shrunkWinRate" | "enoughDeals"
>;
/** Hand-computed figures of one row: touched won/lost, untouched won/lost, the rest to 6+ decimals. */
interface Expected {
  won: number;
  lost: number;
  untouchedWon: number;
  untouchedLost: number;
  interval: [number, number] | null;
  untouchedInterval: [number, number] | null;
  lift: number | null;
  liftPoints: number | null;
  shrunk: number | null;
  enough: boolean;
}
const closeOrNull = (actual: number | null | undefined, expected: number | null, what: string) => {
  if (expected === null) expect(actual, what).toBeNull();
  else expect(actual, what).toBeCloseTo(expected, 6);
};
function expectFigures(
  row: (Figures & { won: number; lost: number }) | undefined,
  want: Expected,
  what: string,
) {
  expect(row, what).toBeDefined();
  if (!row) return;
  expect([row.won, row.lost, row.untouched.won, row.untouched.lost], what).toEqual([
    want.won,
    want.lost,
    want.untouchedWon,
    want.untouchedLost,
  ]);
  expect(row.untouched.closed, what).toBe(want.untouchedWon + want.untouchedLost);
  const rate = (w: number, l: number) => (w + l > 0 ? w / (w + l) : null);
  closeOrNull(row.winRate, rate(want.won, want.lost), `${what} winRate`);
  closeOrNull(row.untouched.winRate, rate(want.untouchedWon, want.untouchedLost), `${what} untouched`);
  for (const [interval, bounds, side] of [
    [row.interval, want.interval, "touched"],
    [row.untouched.interval, want.untouchedInterval, "untouched"],
  ] as const) {
    closeOrNull(interval?.low ?? null, bounds?.[0] ?? null, `${what} ${side} low`);
    closeOrNull(interval?.high ?? null, bounds?.[1] ?? null, `${what} ${side} high`);
  }
  closeOrNull(row.lift, want.lift, `${what} lift`);
  closeOrNull(row.liftPoints, want.liftPoints, `${what} liftPoints`);
  closeOrNull(row.shrunkWinRate, want.shrunk, `${what} shrunk`);
  expect(row.enoughDeals, `${what} enoughDeals`).toBe(want.enough);
}

// 95 % Wilson bounds, hand-computed (z = 1.959963984540054) to 10 decimals
const wilson = {
  "0/1": [0, 0.7934506856],
  "1/1": [0.2065493144, 1],
  "2/2": [0.3423802275, 1],
  "1/2": [0.0945312057, 0.9054687943],
  "2/3": [0.2076596008, 0.9385080553],
  "2/4": [0.1500389892, 0.8499610108],
  "3/4": [0.3006418426, 0.9544127392],
  "4/5": [0.3755346298, 0.9637758914],
  "2/5": [0.1176207742, 0.7692757187],
  "5/6": [0.4364971778, 0.9699466303],
  "1/4": [0.0455872608, 0.6993581574],
  "5/9": [0.2666512935, 0.8112214789],
} satisfies Record<string, [number, number]>;

describe("contentInfluence on a hand-computed book", () => {
  it("counts deals touched before close, whatever the model, against the baseline of the period", async () => {
    for (const model of attributionModels) {
      const report = await influence({ model });
      expect(report.baseline).toEqual({ closed: 6, won: 4, lost: 2, winRate: 4 / 6 });
      expect(report.currency).toBe("USD");
      expect(report.touched).toMatchObject({ dealsTouched: 5, won: 2, lost: 2, open: 1, wonRevenue: 3000 });
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
      expect(items.get(A)?.avgDaysToClose).toBeCloseTo(20, 9);
      expect(items.get(B)).toMatchObject({
        type: "battle_card",
        dealsTouched: 2,
        won: 2,
        lost: 0,
        open: 0,
        winRate: 1,
      });
      expect(items.get(B)?.avgDaysToClose).toBeCloseTo(27.5, 9);
      expect(items.get(C)).toMatchObject({ dealsTouched: 2, won: 1, lost: 1, open: 0, winRate: 0.5 });
      expect(items.get(C)?.avgDaysToClose).toBeCloseTo(22, 9);
    }
  });

  it("measures lift against the closed deals the content did not touch, with Wilson intervals, under every model", async () => {
    const { A, B, C } = book.assets;
    // 2026: closed D1, D2, D4, D5 won; D3, D8 lost → overall 4 / 6; shrunk = (won + 5 · 2/3) / (closed + 5)
    const prior = (5 * 2) / 3;
    for (const model of attributionModels) {
      const report = await influence({ model });
      expect(report.liftBaseline).toBe("not_touched");
      // touched by any content: D1, D2 won, D3, D8 lost; untouched: D4 (used only after close), D5
      expectFigures(
        report.touched,
        {
          won: 2,
          lost: 2,
          untouchedWon: 2,
          untouchedLost: 0,
          interval: wilson["2/4"],
          untouchedInterval: wilson["2/2"],
          lift: 0.5,
          liftPoints: -50,
          shrunk: (2 + prior) / 9,
          enough: false,
        },
        `${model} totals`,
      );
      const items = byKey(report.items);
      // A: D1, D2 won, D3 lost; untouched D4, D5 won, D8 lost
      expectFigures(
        items.get(A),
        {
          won: 2,
          lost: 1,
          untouchedWon: 2,
          untouchedLost: 1,
          interval: wilson["2/3"],
          untouchedInterval: wilson["2/3"],
          lift: 1,
          liftPoints: 0,
          shrunk: (2 + prior) / 8,
          enough: false,
        },
        `${model} A`,
      );
      // B: D1, D2 won; untouched D4, D5 won, D3, D8 lost
      expectFigures(
        items.get(B),
        {
          won: 2,
          lost: 0,
          untouchedWon: 2,
          untouchedLost: 2,
          interval: wilson["2/2"],
          untouchedInterval: wilson["2/4"],
          lift: 2,
          liftPoints: 50,
          shrunk: (2 + prior) / 7,
          enough: false,
        },
        `${model} B`,
      );
      // C: D2 won, D8 lost; untouched D1, D4, D5 won, D3 lost
      expectFigures(
        items.get(C),
        {
          won: 1,
          lost: 1,
          untouchedWon: 3,
          untouchedLost: 1,
          interval: wilson["1/2"],
          untouchedInterval: wilson["3/4"],
          lift: 2 / 3,
          liftPoints: -25,
          shrunk: (1 + prior) / 7,
          enough: false,
        },
        `${model} C`,
      );
    }
  });

  it("measures groups of assets against the deals none of their assets touched, and owners against their own untouched deals", async () => {
    const prior = (5 * 2) / 3;
    const sameAsTotals: Expected = {
      won: 2,
      lost: 2,
      untouchedWon: 2,
      untouchedLost: 0,
      interval: wilson["2/4"],
      untouchedInterval: wilson["2/2"],
      lift: 0.5,
      liftPoints: -50,
      shrunk: (2 + prior) / 9,
      enough: false,
    };
    // discovery (A, B): D1, D2 won, D3 lost vs D4, D5 won, D8 lost; proposal (B, C): D1, D2, D8 vs D3, D4, D5
    const even: Expected = {
      won: 2,
      lost: 1,
      untouchedWon: 2,
      untouchedLost: 1,
      interval: wilson["2/3"],
      untouchedInterval: wilson["2/3"],
      lift: 1,
      liftPoints: 0,
      shrunk: (2 + prior) / 8,
      enough: false,
    };
    for (const model of attributionModels) {
      const types = await influence({ model, groupBy: "type" });
      expect(types.liftBaseline).toBe("not_touched");
      // case studies (A, C) touched D1, D2, D3, D8 (and open D6): as all content together
      expectFigures(byKey(types.items).get("case_study"), sameAsTotals, `${model} case_study`);
      const personas = byKey((await influence({ model, groupBy: "persona" })).items);
      expectFigures(personas.get("cfo"), sameAsTotals, `${model} cfo`);
      const stages = byKey((await influence({ model, groupBy: "stage" })).items);
      expectFigures(stages.get("discovery"), even, `${model} discovery`);
      expectFigures(stages.get("proposal"), even, `${model} proposal`);

      const reps = await influence({ model, groupBy: "rep" });
      expect(reps.liftBaseline).toBe("owner_not_touched");
      const byRep = byKey(reps.items);
      // rep1 closed D1, D2, D5 won, D8 lost; content touched all but D5
      const rep1: Expected = {
        won: 2,
        lost: 1,
        untouchedWon: 1,
        untouchedLost: 0,
        interval: wilson["2/3"],
        untouchedInterval: wilson["1/1"],
        lift: 2 / 3,
        liftPoints: -100 / 3,
        shrunk: (2 + prior) / 8,
        enough: false,
      };
      // rep2 closed D3 lost (touched) and D4 won (used only after close)
      const rep2: Expected = {
        won: 0,
        lost: 1,
        untouchedWon: 1,
        untouchedLost: 0,
        interval: wilson["0/1"],
        untouchedInterval: wilson["1/1"],
        lift: 0,
        liftPoints: -100,
        shrunk: prior / 6,
        enough: false,
      };
      expectFigures(byRep.get(book.reps.rep1.id), rep1, `${model} rep1`);
      expectFigures(byRep.get(book.reps.rep2.id), rep2, `${model} rep2`);
      const teams = await influence({ model, groupBy: "team" });
      expect(teams.liftBaseline).toBe("owner_not_touched");
      expectFigures(byKey(teams.items).get(book.teams.team1.id), rep1, `${model} team1`);
      expectFigures(byKey(teams.items).get(book.teams.team2.id), rep2, `${model} team2`);
    }
  });

  it("flags lifts under the minimum sample and ranks one lucky win below a solid record (2024)", async () => {
    const { E, F } = book.assets;
    const year = { from: "2024-01-01", to: "2024-12-31" };
    // 2024: P1–P4, Q1, Q2 won; P5, Q3–Q5 lost → overall 6 / 10; shrunk = (won + 3) / (closed + 5)
    for (const model of attributionModels) {
      const report = await influence({ ...year, model });
      expect(report.baseline).toEqual({ closed: 10, won: 6, lost: 4, winRate: 0.6 });
      const items = byKey(report.items);
      // E touched P1–P5: 5 closed on each side, enough to show its lift
      expectFigures(
        items.get(E),
        {
          won: 4,
          lost: 1,
          untouchedWon: 2,
          untouchedLost: 3,
          interval: wilson["4/5"],
          untouchedInterval: wilson["2/5"],
          lift: 2,
          liftPoints: 40,
          shrunk: 0.7,
          enough: true,
        },
        `${model} E`,
      );
      // F touched one won deal: 100 %, but not enough deals, and shrunk below E
      expectFigures(
        items.get(F),
        {
          won: 1,
          lost: 0,
          untouchedWon: 5,
          untouchedLost: 4,
          interval: wilson["1/1"],
          untouchedInterval: wilson["5/9"],
          lift: 1.8,
          liftPoints: 400 / 9,
          shrunk: 4 / 6,
          enough: false,
        },
        `${model} F`,
      );
      expect(items.get(E)?.shrunkWinRate ?? 0).toBeGreaterThan(items.get(F)?.shrunkWinRate ?? 1);
      // all content: P1–P5 and Q1 (6 closed) against Q2–Q5 (4: under the minimum)
      expectFigures(
        report.touched,
        {
          won: 5,
          lost: 1,
          untouchedWon: 1,
          untouchedLost: 3,
          interval: wilson["5/6"],
          untouchedInterval: wilson["1/4"],
          lift: 10 / 3,
          liftPoints: 175 / 3,
          shrunk: 8 / 11,
          enough: false,
        },
        `${model} totals 2024`,
      );
      const types = byKey((await influence({ ...year, model, groupBy: "type" })).items);
      expect(types.get("one_pager")?.enoughDeals).toBe(true);
      expect(types.get("one_pager")?.lift).toBeCloseTo(2, 12);
      expect(types.get("other")?.enoughDeals).toBe(false);
      // rep2 closed Q1–Q5: Q1 touched (won) against Q2 won, Q3–Q5 lost
      const reps = byKey((await influence({ ...year, model, groupBy: "rep" })).items);
      expectFigures(
        reps.get(book.reps.rep2.id),
        {
          won: 1,
          lost: 0,
          untouchedWon: 1,
          untouchedLost: 3,
          interval: wilson["1/1"],
          untouchedInterval: wilson["1/4"],
          lift: 4,
          liftPoints: 75,
          shrunk: 4 / 6,
          enough: false,
        },
        `${model} rep2 2024`,
      );
      // rep1's closed deals were all touched: nothing to compare with
      expect(reps.get(book.reps.rep1.id)?.untouched.closed).toBe(0);
      expect(reps.get(book.reps.rep1.id)?.lift).toBeNull();
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

  it("agrees with computeInfluence, computeGroupInfluence and computeOwnerInfluence of packages/shared under every model", async () => {
    await expectSharedAgreement(server.deps.database.db, rates, influence);
    await expectSharedAgreement(server.deps.database.db, rates, influence, 2024);
  });

  it("narrows by asset and deal filters", async () => {
    const { A, C } = book.assets;
    const onlyC = await influence({ filters: { assetIds: [C] } });
    expect(onlyC.items.map((i) => i.key)).toEqual([C]);
    expect(onlyC.baseline.closed).toBe(6);
    // C touched D2 (won, 2,000 USD) and D8 (lost) before they closed; D4 only after
    expect(onlyC.touched).toMatchObject({ dealsTouched: 2, won: 1, lost: 1, open: 0, wonRevenue: 2000 });
    // untouched by C: D1, D4, D5 won, D3 lost
    expect(onlyC.touched.untouched).toMatchObject({ closed: 4, won: 3, lost: 1, winRate: 0.75 });
    expect(onlyC.touched.lift).toBeCloseTo(2 / 3, 12);
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
