import { randomUUID } from "node:crypto";
import { eq, inArray, sql, TransactionRollbackError } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../testing/seeded-random";
import { openTestDatabase } from "../../testing/server";
import type { Database } from "../db/client";
import { deals, suggestionSignals, teams, users } from "../db/schema";
import { fieldSignals, fieldSignalsInputSchema } from "./field-signals-service";
import { rowsOf } from "./sql-rows";

/**
 * Field signals' rollups (migrations 0014 and 0016: signal_mentions with its deal and rep chains,
 * signal_deal_firsts with the deal's close, signal_weeks) kept by triggers, against a rebuild from the
 * requests, and the report's figures against the same figures counted straight from the requests and deals
 * — on a random book, after requests are inserted (also out of time order), moved and deleted, and after
 * deals close, reopen, change industry or go, and reps move team or go.
 */

let database: Database;
const db = () => database.db;
const DAY_MS = 86_400_000;
const NOW = new Date("2026-06-17T15:30:00Z");

const rand = seededRandom(14);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const some = <T>(xs: readonly T[]): T[] => xs.filter(() => rand() < 0.3);

const competitors = ["c1", "c2", "c3"];
const objections = ["o1", "o2"];
const industries = ["manufacturing", "software", null];
const book = { teams: [] as string[], reps: [] as string[], deals: [] as string[] };

async function makeBook() {
  await db().execute(sql`insert into taxonomy_terms (kind, key, label_en, label_ja, sort_order)
    values ('competitor', 'c1', 'C1', 'C1', 1), ('competitor', 'c2', 'C2', 'C2', 2),
      ('competitor', 'c3', 'C3', 'C3', 3), ('objection', 'o1', 'O1', 'O1', 1), ('objection', 'o2', 'O2', 'O2', 2)`);
  book.teams = (
    await db()
      .insert(teams)
      .values([{ name: "East" }, { name: "West" }])
      .returning()
  ).map((t) => t.id);
  book.reps = (
    await db()
      .insert(users)
      .values(
        [0, 1, 2, 3].map((i) => ({
          email: `s${i}@signals.test`,
          name: `Rep ${i}`,
          role: "rep" as const,
          teamId: book.teams[i % 2] ?? null,
          passwordHash: "not-a-hash",
        })),
      )
      .returning({ id: users.id })
  ).map((u) => u.id);
  book.deals = (
    await db()
      .insert(deals)
      .values(
        Array.from({ length: 10 }, (_, i) => {
          const status = pick(["open", "won", "lost"] as const);
          return {
            name: `Deal ${i}`,
            stage: "discovery",
            industry: pick(industries),
            status,
            closedAt: status === "open" ? null : new Date(NOW.getTime() - rand() * 150 * DAY_MS),
            ownerId: pick(book.reps),
          };
        }),
      )
      .returning({ id: deals.id })
  ).map((d) => d.id);
}

/** A request over the 160 days before NOW, on a deal most times, naming some signals. */
function randomRequest(): typeof suggestionSignals.$inferInsert {
  const rep = pick(book.reps);
  return {
    id: randomUUID(),
    at: new Date(NOW.getTime() - rand() * 160 * DAY_MS),
    userId: rep,
    teamId: pick(book.teams),
    dealId: rand() < 0.8 ? pick(book.deals) : null,
    surface: "gmail",
    stage: pick(["discovery", "proposal", null]),
    competitors: some(competitors),
    objections: some(objections),
  };
}

const rollupRows = {
  mentions: sql`select request_id, kind, key, at, deal_id, user_id, team_id, stage, industry, deal_prev_at,
    deal_last, user_prev_at, user_last from signal_mentions order by 1, 2, 3`,
  firsts: sql`select deal_id, kind, key, first_at, closed_at, won from signal_deal_firsts order by 1, 2, 3`,
  weeks: sql`select dim, week::text, kind, key, grp, n from signal_weeks where n <> 0 order by 1, 2, 3, 4, 5`,
};

async function snapshot(run: (q: ReturnType<typeof sql>) => Promise<unknown>) {
  const out: Record<string, unknown[]> = {};
  for (const [name, query] of Object.entries(rollupRows)) out[name] = rowsOf(await run(query));
  return out;
}

/** The rollups the triggers kept are the ones rebuild_signal_rollups() builds from the requests. */
async function expectRollupsRebuilt() {
  const kept = await snapshot((q) => db().execute(q));
  let rebuilt: Record<string, unknown[]> = {};
  await db()
    .transaction(async (tx) => {
      await tx.execute(sql`select rebuild_signal_rollups()`);
      rebuilt = await snapshot((q) => tx.execute(q));
      tx.rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof TransactionRollbackError)) throw error;
    });
  expect(rebuilt.mentions?.length).toBeGreaterThan(0);
  expect(kept).toEqual(rebuilt);
}

type Figures = {
  mentions: number;
  deals: number;
  reps: number;
  wonWith: number;
  lostWith: number;
  groups: string[];
};

/** The figures counted from the requests and deals, as the report counted them before its rollups. */
async function rawFigures(from: Date, to: Date): Promise<Map<string, Figures>> {
  const f = sql`${from.toISOString()}::timestamptz`;
  const t = sql`${to.toISOString()}::timestamptz`;
  const m = sql`(select distinct s.id, k.kind, k.key, s.at, s.deal_id, s.user_id, s.team_id
    from suggestion_signals s cross join lateral (
      select 'competitor' as kind, x as key from unnest(s.competitors) x
      union all select 'objection', x from unnest(s.objections) x) k)`;
  const counts = rowsOf<{ kind: string; key: string; mentions: number; deals: number; reps: number }>(
    await db().execute(sql`select kind, key, count(*)::int as mentions, count(distinct deal_id)::int as deals,
      count(distinct user_id)::int as reps from ${m} m where at >= ${f} and at < ${t} group by 1, 2`),
  );
  const groups = rowsOf<{ kind: string; key: string; grp: string | null; n: number }>(
    await db().execute(sql`select kind, key, team_id::text as grp, count(*)::int as n from ${m} m
      where at >= ${f} and at < ${t} group by 1, 2, 3`),
  );
  const closed = rowsOf<{ kind: string; key: string; won: number; lost: number }>(
    await db().execute(sql`select m.kind, m.key, count(distinct d.id) filter (where d.status = 'won')::int as won,
      count(distinct d.id) filter (where d.status = 'lost')::int as lost
      from deals d join ${m} m on m.deal_id = d.id and m.at < d.closed_at
      where d.status in ('won', 'lost') and d.closed_at >= ${f} and d.closed_at < ${t} group by 1, 2`),
  );
  const out = new Map<string, Figures>();
  const of = (kind: string, key: string) => {
    const id = `${kind}:${key}`;
    const row = out.get(id) ?? { mentions: 0, deals: 0, reps: 0, wonWith: 0, lostWith: 0, groups: [] };
    out.set(id, row);
    return row;
  };
  for (const r of counts)
    Object.assign(of(r.kind, r.key), { mentions: r.mentions, deals: r.deals, reps: r.reps });
  for (const r of groups) of(r.kind, r.key).groups.push(`${r.grp}=${r.n}`);
  for (const r of closed) Object.assign(of(r.kind, r.key), { wonWith: r.won, lostWith: r.lost });
  return out;
}

/** Whole days, partial weeks at both ends, a period ending in the past (gaps over it), one inside a week. */
const periods = [
  { from: new Date(NOW.getTime() - 365 * DAY_MS), to: NOW },
  { from: new Date(NOW.getTime() - 97.3 * DAY_MS), to: new Date(NOW.getTime() - 31.6 * DAY_MS) },
  { from: new Date(NOW.getTime() - 45 * DAY_MS), to: new Date(NOW.getTime() - 38 * DAY_MS) },
  { from: new Date("2026-06-02T06:00:00Z"), to: new Date("2026-06-04T18:00:00Z") },
];

/** The report agrees with the raw figures for each period, grouped by team. */
async function expectReportAgrees() {
  let compared = 0;
  for (const period of periods) {
    const raw = await rawFigures(period.from, period.to);
    const report = await fieldSignals(
      db(),
      fieldSignalsInputSchema.parse({
        from: period.from.toISOString(),
        to: period.to.toISOString(),
        groupBy: "team",
      }),
      NOW,
    );
    for (const row of report.rows) {
      const expected = raw.get(`${row.kind}:${row.key}`) ?? {
        mentions: 0,
        deals: 0,
        reps: 0,
        wonWith: 0,
        lostWith: 0,
        groups: [],
      };
      expect({
        signal: row.key,
        mentions: row.mentions,
        deals: row.deals,
        reps: row.reps,
        wonWith: row.wonWith,
        lostWith: row.lostWith,
        groups: row.groups.map((g) => `${g.key}=${g.mentions}`).sort(),
      }).toEqual({ signal: row.key, ...expected, groups: [...expected.groups].sort() });
      compared += row.mentions;
    }
  }
  expect(compared).toBeGreaterThan(50);
}

async function expectConsistent() {
  await expectRollupsRebuilt();
  await expectReportAgrees();
}

beforeAll(async () => {
  database = await openTestDatabase();
  await makeBook();
}, 120_000);
afterAll(() => database?.close());

describe("field signals' rollups", () => {
  it("agree with a rebuild and the raw requests after inserts, also out of time order", async () => {
    for (let batch = 0; batch < 4; batch += 1)
      await db()
        .insert(suggestionSignals)
        .values(Array.from({ length: 60 }, () => randomRequest()));
    // one at a time, as a single request's write
    for (let i = 0; i < 5; i += 1) await db().insert(suggestionSignals).values(randomRequest());
    await expectConsistent();
  }, 240_000);

  it("agree after requests are moved, changed and deleted", async () => {
    const ids = rowsOf<{ id: string }>(
      await db().execute(sql`select id from suggestion_signals order by id limit 30`),
    ).map((r) => r.id);
    await db()
      .update(suggestionSignals)
      .set({ at: sql`${suggestionSignals.at} - interval '9 days'` })
      .where(inArray(suggestionSignals.id, ids.slice(0, 10)));
    await db()
      .update(suggestionSignals)
      .set({ dealId: book.deals[0], competitors: ["c1", "c2"] })
      .where(inArray(suggestionSignals.id, ids.slice(10, 20)));
    await db()
      .delete(suggestionSignals)
      .where(inArray(suggestionSignals.id, ids.slice(20, 30)));
    await expectConsistent();
  }, 240_000);

  it("agree after deals close, reopen and change industry, and after a deal is deleted", async () => {
    const [first, second, third, fourth] = book.deals;
    const closedAt = new Date(NOW.getTime() - 60 * DAY_MS);
    await db()
      .update(deals)
      .set({ status: "won", closedAt })
      .where(eq(deals.id, first ?? ""));
    await db()
      .update(deals)
      .set({ status: "lost", closedAt: new Date(NOW.getTime() - 2 * DAY_MS) })
      .where(eq(deals.id, second ?? ""));
    await expectConsistent();
    // reopened: no longer closed in any period
    await db()
      .update(deals)
      .set({ status: "open", closedAt: null })
      .where(eq(deals.id, first ?? ""));
    await db()
      .update(deals)
      .set({ industry: "healthcare" })
      .where(inArray(deals.id, [second ?? "", third ?? ""]));
    await expectConsistent();
    // deleted: its requests keep their mentions without it, its firsts go
    book.deals = book.deals.filter((d) => d !== fourth);
    await db()
      .delete(deals)
      .where(eq(deals.id, fourth ?? ""));
    await expectConsistent();
  }, 480_000);

  it("agree after a rep moves team and after a rep is deleted, and with new requests on top", async () => {
    const [moved, gone] = book.reps;
    await db()
      .update(users)
      .set({ teamId: book.teams[1] })
      .where(eq(users.id, moved ?? ""));
    await expectConsistent();
    book.reps = book.reps.filter((r) => r !== gone);
    await db()
      .delete(users)
      .where(eq(users.id, gone ?? ""));
    await expectConsistent();
    await db()
      .insert(suggestionSignals)
      .values(Array.from({ length: 40 }, () => randomRequest()));
    await expectConsistent();
  }, 480_000);
});
