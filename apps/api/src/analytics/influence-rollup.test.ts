import { randomUUID } from "node:crypto";
import { eq, sql, TransactionRollbackError } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectSharedAgreement } from "../../testing/influence-agreement";
import { bookRates, openInfluenceBook } from "../../testing/influence-fixture";
import type { TestServer } from "../../testing/server";
import { assets, deals } from "../db/schema";
import { ingestEvents } from "../tracking/events-service";
import { rowsOf } from "./sql-rows";

let server: TestServer;
let book: Book["book"];
let influence: Book["influence"];
const rates = bookRates;
type Book = Awaited<ReturnType<typeof openInfluenceBook>>;

beforeAll(async () => {
  ({ server, book, influence } = await openInfluenceBook());
});
afterAll(() => server?.close());

const use = (assetId: string, dealId: string, day: string) => ({
  id: randomUUID(),
  type: "link_inserted" as const,
  userId: book.reps.rep1.id,
  assetId,
  dealId,
  shareId: null,
  surface: "gmail" as const,
  at: new Date(`${day}T00:00:00Z`),
  props: {},
});

const rollups = {
  influence_touches: `select asset_id, deal_id, status, closed_at, owner_id, amount, currency, first_at, last_at,
    first_credit, last_credit, share_of from influence_touches order by 1, 2`,
  influence_groups: `select deal_id, kind, key, status, closed_at, owner_id, amount, currency, first_at,
    first_credit, last_credit, assets, share_of from influence_groups order by 1, 2, 3`,
};

/** influence_touches and influence_groups as the triggers left them, against a rebuild from scratch of every deal. */
async function expectRollupRebuilt() {
  const { db } = server.deps.database;
  const read = async (tx: Pick<typeof db, "execute">) =>
    Promise.all(Object.values(rollups).map(async (query) => rowsOf(await tx.execute(sql.raw(query)))));
  const kept = await read(db);
  let rebuilt: unknown[][] = [];
  // rebuilt inside a transaction that is rolled back, so the next test starts from the triggers' rows
  await db
    .transaction(async (tx) => {
      await tx.execute(sql`select refresh_influence_touches(array(select id from deals))`);
      rebuilt = await read(tx);
      tx.rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof TransactionRollbackError)) throw error;
    });
  expect(rebuilt.map((rows) => rows.length > 0)).toEqual([true, true]);
  expect(kept).toEqual(rebuilt);
}

describe("influence_touches follows deals and touches as they change", () => {
  it("counts an open deal's touches once it is won, at its new amount and owner", async () => {
    const { db } = server.deps.database;
    const { A } = book.assets;
    const { D6 } = book.deals;
    const before = (await influence({ model: "any" })).items.find((i) => i.key === A);
    expect(before?.open).toBe(1);
    await db
      .update(deals)
      .set({
        status: "won",
        closedAt: new Date("2026-10-01T00:00:00Z"),
        amount: "300000",
        currency: "JPY",
        ownerId: book.reps.rep1.id,
      })
      .where(eq(deals.id, D6));
    const after = (await influence({ model: "any" })).items.find((i) => i.key === A);
    expect(after).toMatchObject({ open: 0, won: (before?.won ?? 0) + 1 });
    expect(after?.influencedRevenue).toBeCloseTo((before?.influencedRevenue ?? 0) + 2000, 6);
    const byRep = await influence({ model: "any", groupBy: "rep" });
    expect(byRep.items.find((i) => i.key === book.reps.rep2.id)?.open ?? 0).toBe(0);
    await expectSharedAgreement(db, rates, influence);
    await expectRollupRebuilt();
  });

  it("takes a use recorded late, from before the close, into the credits", async () => {
    const { db } = server.deps.database;
    const { A, B } = book.assets;
    const revenue = async (assetId: string) =>
      (await influence({ model: "first" })).items.find((i) => i.key === assetId)?.influencedRevenue ?? 0;
    const [aBefore, bBefore] = [await revenue(A), await revenue(B)];
    // D3 (lost 05-01) gains B before its close; D1 (won 1,000 USD, 03-01) gains B on 01-15, now its first touch
    await ingestEvents(db, [use(B, book.deals.D3, "2026-04-15"), use(B, book.deals.D1, "2026-01-15")]);
    expect((await influence({ model: "any" })).items.find((i) => i.key === B)?.lost).toBe(1);
    expect(await revenue(A)).toBeCloseTo(aBefore - 1000, 6);
    expect(await revenue(B)).toBeCloseTo(bBefore + 1000, 6);
    await expectSharedAgreement(db, rates, influence);
    await expectRollupRebuilt();
  });

  it("moves a deal between groups when an asset's stages or type change", async () => {
    const { db } = server.deps.database;
    const { A } = book.assets;
    await db
      .update(assets)
      .set({ stages: ["negotiation", "discovery"], type: "deck" })
      .where(eq(assets.id, A));
    const stages = await influence({ model: "linear", groupBy: "stage" });
    expect(stages.items.map((i) => i.key)).toContain("negotiation");
    const types = await influence({ model: "any", groupBy: "type" });
    expect(types.items.find((i) => i.key === "deck")?.won).toBeGreaterThan(0);
    await expectSharedAgreement(db, rates, influence);
    await expectRollupRebuilt();
  });

  it("splits a deal again when an asset that touched it is deleted, and drops a deleted deal", async () => {
    const { db } = server.deps.database;
    const { B, C } = book.assets;
    await db.delete(assets).where(eq(assets.id, C));
    await db.delete(deals).where(eq(deals.id, book.deals.D8));
    // D2 (2,000 USD) was split over B, C and A; without C, B gets half
    const linear = await influence({ model: "linear" });
    expect(linear.items.map((i) => i.key)).not.toContain(C);
    await expectSharedAgreement(db, rates, influence);
    await expectRollupRebuilt();
    expect(linear.items.find((i) => i.key === B)?.influencedRevenue).toBeGreaterThan(0);
  });

  it("counts a reopened deal's touches after its old close as touches of an open deal", async () => {
    const { db } = server.deps.database;
    // D4 was won 06-01 with one use of C after the close; C is gone, so give it A after the close
    await ingestEvents(db, [use(book.assets.A, book.deals.D4, "2026-06-10")]);
    const closed = await influence({ model: "any" });
    await db.update(deals).set({ status: "open", closedAt: null }).where(eq(deals.id, book.deals.D4));
    const reopened = await influence({ model: "any" });
    expect(reopened.touched.open).toBe(closed.touched.open + 1);
    // a use of the open deal now updates its touch row in place
    await ingestEvents(db, [
      use(book.assets.A, book.deals.D4, "2026-07-01"),
      use(book.assets.B, book.deals.D4, "2026-07-02"),
    ]);
    await expectSharedAgreement(db, rates, influence);
    await expectRollupRebuilt();
  });
});
