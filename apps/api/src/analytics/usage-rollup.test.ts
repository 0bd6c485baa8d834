import { randomUUID } from "node:crypto";
import { surfaces } from "@pitchside/shared";
import { eq, inArray, sql, TransactionRollbackError } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { seededRandom } from "../../testing/seeded-random";
import { openTestDatabase } from "../../testing/server";
import type { Database } from "../db/client";
import { assets, assetVersions, deals, events, shareLinks, teams, users } from "../db/schema";
import { type EventType, eventTypes, ingestEvents, type NewEvent } from "../tracking/events-service";
import { REP_USE_TYPES, repAdoption } from "./adoption-service";
import { contentGaps, gapsInputSchema } from "./gaps-service";
import { instants, type PeriodInput, resolvePeriod } from "./report-period";
import { rowsOf } from "./sql-rows";
import { usageGroups, usageInputSchema, usageOverTime } from "./usage-service";

type UsageRequest = z.input<typeof usageInputSchema>;

/**
 * usage_daily against the raw events: the reports that read it (usage, adoption, the gaps report's
 * unused assets) give what the same reports gave when they counted the events themselves — the
 * statements below are those reports' former SQL — on a random book, after inserts through every
 * path and after the cascades that change events (asset, user, link and deal deleted, a link's new
 * maker, events deleted by hand).
 */

let database: Database;
const db = () => database.db;
const NOW = new Date("2026-03-20T15:30:00Z");

const rand = seededRandom(18);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

const book = {
  teams: [] as string[],
  reps: [] as string[],
  marketer: "",
  assets: [] as string[],
  deals: [] as string[],
  links: [] as { id: string; assetId: string; createdBy: string }[],
};

async function makeBook() {
  const { db } = database;
  book.teams = (
    await db
      .insert(teams)
      .values([{ name: "East" }, { name: "West" }])
      .returning()
  ).map((t) => t.id);
  const person = (i: number, role: "rep" | "marketer") => ({
    email: `u${i}@rollup.test`,
    name: `Person ${i}`,
    role,
    teamId: book.teams[i % 2] ?? null,
    passwordHash: "not-a-hash",
  });
  const people = await db
    .insert(users)
    .values([0, 1, 2, 3, 4].map((i) => person(i, i === 4 ? "marketer" : "rep")))
    .returning({ id: users.id });
  book.reps = people.slice(0, 4).map((p) => p.id);
  book.marketer = people[4]?.id ?? "";
  for (let i = 0; i < 7; i += 1) {
    const versionId = randomUUID();
    const [a] = await db
      .insert(assets)
      .values({
        title: `Asset ${i}`,
        type: "case_study",
        status: i === 6 ? "archived" : "published",
        source: "link",
        url: "https://example.com",
        currentVersionId: versionId,
        publishedAt: new Date(`2026-01-0${i + 1}T00:00:00Z`),
      })
      .returning({ id: assets.id });
    if (!a) throw new Error("no asset");
    await db
      .insert(assetVersions)
      .values({ id: versionId, assetId: a.id, number: 1, processingState: "ready" });
    book.assets.push(a.id);
  }
  book.deals = (
    await db
      .insert(deals)
      .values([0, 1, 2].map((i) => ({ name: `Deal ${i}`, stage: "discovery", ownerId: book.reps[i] })))
      .returning({ id: deals.id })
  ).map((d) => d.id);
  for (let i = 0; i < 8; i += 1) {
    const assetId = book.assets[i % 6] as string;
    const createdBy = pick(book.reps);
    const [version] = await db.select().from(assetVersions).where(eq(assetVersions.assetId, assetId));
    const [link] = await db
      .insert(shareLinks)
      .values({ token: `t${i}-${randomUUID()}`, assetId, versionId: version?.id ?? "", createdBy })
      .returning({ id: shareLinks.id });
    book.links.push({ id: link?.id ?? "", assetId, createdBy });
  }
}

/** A random event in the three weeks up to NOW, at any hour: prospects' events come through a link. */
function randomEvent(): NewEvent {
  const type = pick(eventTypes);
  const prospect = type === "prospect_opened" || type === "prospect_page";
  const link = rand() < (prospect ? 0.9 : 0.3) ? pick(book.links) : null;
  const userId = prospect ? null : rand() < 0.85 ? pick(book.reps) : book.marketer;
  return {
    id: randomUUID(),
    type,
    userId,
    assetId: link?.assetId ?? (rand() < 0.95 ? pick(book.assets) : null),
    dealId: rand() < 0.7 ? pick(book.deals) : null,
    shareId: link?.id ?? null,
    surface: prospect ? "viewer" : pick(surfaces),
    at: new Date(NOW.getTime() - Math.floor(rand() * 21 * 86_400_000)),
    props: {},
  };
}

// the reports' former statements, over the raw events
const counted = {
  views: ["asset_viewed"],
  shares: ["shared", "link_copied"],
  inserts: ["link_inserted"],
  opens: ["prospect_opened"],
};
const countOf = (types: string[]) =>
  sql`count(*) filter (where e.type = any(${sql.param(types)}::text[]))::int`;

async function rawUsage(input: UsageRequest & { bucket: "day" | "week"; by: (typeof usageGroups)[number] }) {
  const { from, to } = instants(resolvePeriod(input, NOW));
  const key = {
    none: [sql`null::text`, sql`null::text`],
    asset: [sql`e.asset_id::text`, sql`max(a.title)`],
    rep: [sql`e.rep_id::text`, sql`max(u.name)`],
    team: [sql`u.team_id::text`, sql`max(t.name)`],
    surface: [sql`e.surface::text`, sql`e.surface::text`],
  }[input.by];
  const where = [sql`e.type = any(${sql.param(Object.values(counted).flat())}::text[])`];
  if (input.filters?.repIds) where.push(sql`e.rep_id = any(${sql.param(input.filters.repIds)}::uuid[])`);
  if (input.filters?.teamIds) where.push(sql`u.team_id = any(${sql.param(input.filters.teamIds)}::uuid[])`);
  return rowsOf(
    await db().execute(sql`
    with e as (
      select ev.type, ev.asset_id, ev.surface, ev.at, coalesce(ev.user_id, s.created_by) as rep_id
      from events ev left join share_links s on s.id = ev.share_id
      where ev.at >= ${from} and ev.at < ${to}
    )
    select to_char(date_trunc(${input.bucket}, e.at at time zone 'UTC'), 'YYYY-MM-DD') as bucket,
      ${key?.[0]} as key, ${key?.[1]} as label,
      ${countOf(counted.views)} as views, ${countOf(counted.shares)} as shares,
      ${countOf(counted.inserts)} as inserts, ${countOf(counted.opens)} as opens
    from e left join assets a on a.id = e.asset_id
      left join users u on u.id = e.rep_id left join teams t on t.id = u.team_id
    where ${sql.join(where, sql` and `)}
    group by 1, 2 ${input.by === "surface" ? sql`, e.surface` : sql``}
    order by 1, 2`),
  );
}

interface RawPoint {
  bucket: string;
  key: string | null;
  label: string | null;
  views: number;
  shares: number;
  inserts: number;
  opens: number;
}
const measuresOf = ({ views, shares, inserts, opens }: RawPoint) => ({ views, shares, inserts, opens });
/** Keys in byte order, no key last. */
const byKey = (a: { key: string | null }, b: { key: string | null }) =>
  a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1;

/**
 * What usageOverTime must answer, from every (bucket, key) of the raw events: by asset, rep or team the
 * `limit` keys of the largest period total (views + shares + inserts + opens, ties by key) one by one
 * and the rest summed per bucket; without a split or by surface every key.
 */
function expectedUsage(raw: unknown[], by: (typeof usageGroups)[number], limit: number) {
  const points = raw as RawPoint[];
  const sum = (rows: RawPoint[], bucket: string | null = null) =>
    rows.reduce(
      (s, p) => ({
        ...(bucket === null ? {} : { bucket }),
        views: s.views + p.views,
        shares: s.shares + p.shares,
        inserts: s.inserts + p.inserts,
        opens: s.opens + p.opens,
      }),
      { views: 0, shares: 0, inserts: 0, opens: 0 },
    );
  const keys = [...new Set(points.map((p) => p.key))];
  const totals = keys
    .map((key) => {
      const rows = points.filter((p) => p.key === key);
      return { key, label: rows[0]?.label ?? null, ...sum(rows) };
    })
    .sort(
      (a, b) =>
        b.views + b.shares + b.inserts + b.opens - (a.views + a.shares + a.inserts + a.opens) || byKey(a, b),
    );
  const top = by === "none" || by === "surface" ? totals : totals.slice(0, limit);
  const shown = new Set(top.map((t) => t.key));
  const bucketsOf = (rows: RawPoint[]) =>
    [...new Set(rows.map((p) => p.bucket))].sort().map((b) =>
      sum(
        rows.filter((p) => p.bucket === b),
        b,
      ),
    );
  const rest = points.filter((p) => !shown.has(p.key));
  return {
    period: expect.any(Object),
    bucket: expect.any(String),
    keyCount: keys.length,
    buckets: bucketsOf(points),
    points: points
      .filter((p) => shown.has(p.key))
      .map((p) => ({ bucket: p.bucket, key: p.key, label: p.label, ...measuresOf(p) })),
    others: bucketsOf(rest),
    totals: top,
    otherTotal: rest.length === 0 ? null : { ...sum(rest), keys: keys.length - top.length },
  };
}

async function rawAdoption(input: PeriodInput) {
  const { from, to } = instants(resolvePeriod(input, NOW));
  const uses = sql`from events e join users u on u.id = e.user_id
    where u.role = 'rep' and e.at >= ${from} and e.at < ${to} and e.type = any(${sql.param([...REP_USE_TYPES])}::text[])`;
  const weeks = rowsOf(
    await db().execute(sql`select to_char(date_trunc('week', e.at at time zone 'UTC'), 'YYYY-MM-DD') as week,
      count(distinct e.user_id)::int as "activeReps" ${uses} group by 1 order by 1`),
  );
  const [active] = rowsOf<{ n: number }>(
    await db().execute(sql`select count(distinct e.user_id)::int as n ${uses}`),
  );
  return { weeks, activeReps: active?.n };
}

async function rawUnused(input: PeriodInput) {
  const { from, to } = instants(resolvePeriod(input, NOW));
  return rowsOf<{ id: string }>(
    await db().execute(sql`select a.id from assets a
      where a.status = 'published' and not exists (
        select 1 from events e where e.asset_id = a.id and e.at >= ${from} and e.at < ${to}
          and e.type = any(${sql.param([...REP_USE_TYPES])}::text[]))
      order by a.published_at nulls first, a.title`),
  ).map((r) => r.id);
}

/** Day-aligned, from and to at odd instants, inside one day, a date-only `to`, the default year. */
const periods: PeriodInput[] = [
  { from: "2026-03-01", to: "2026-03-19" },
  { from: "2026-03-03T07:45:00Z", to: "2026-03-17T13:05:00+09:00" },
  { from: "2026-03-10T01:00:00Z", to: "2026-03-10T23:00:00Z" },
  { from: "2026-03-10T12:00:00Z", to: "2026-03-11T12:00:00Z" },
  {},
];

/** Every report that reads usage_daily equals its raw-event statement, and the rollup equals a rebuild. */
async function expectRawAgreement() {
  let compared = 0;
  let others = 0;
  for (const period of periods) {
    for (const bucket of ["day", "week"] as const) {
      for (const by of usageGroups) {
        const input = { ...period, bucket, by };
        const raw = await rawUsage(input);
        // the default top (10) holds every key of this book; a top of 2 leaves some keys to "other"
        for (const limit of by === "none" || by === "surface" ? [undefined] : [undefined, 2]) {
          const kept = await usageOverTime(db(), usageInputSchema.parse({ ...input, limit }), NOW);
          expect(kept, JSON.stringify({ ...input, limit })).toEqual(expectedUsage(raw, by, limit ?? 10));
          others += kept.others.length;
        }
        compared += raw.length;
      }
    }
    const rep = book.reps[1] as string;
    const team = book.teams[0] as string;
    for (const filters of [{ repIds: [rep] }, { teamIds: [team] }]) {
      const input = { ...period, bucket: "week" as const, by: "asset" as const, filters, limit: 3 };
      const kept = await usageOverTime(db(), usageInputSchema.parse(input), NOW);
      expect(kept).toEqual(expectedUsage(await rawUsage(input), "asset", 3));
    }
    const adoption = await repAdoption(db(), period, NOW);
    expect({ weeks: adoption.weeks, activeReps: adoption.activeReps }).toEqual(await rawAdoption(period));
    const gaps = await contentGaps(db(), gapsInputSchema.parse(period), NOW);
    expect(gaps.unusedAssets.map((a) => a.assetId)).toEqual(await rawUnused(period));
  }
  // the comparisons compared something
  expect(compared).toBeGreaterThan(100);
  expect(others).toBeGreaterThan(10);
  await expectRollupRebuilt();
}

const rollupRows = sql`select day::text, asset_id, rep_id, surface, rep_acted, viewed, downloaded, shared,
  inserted, copied, clicked, opened from usage_daily order by 1, 2, 3, 4, 5`;

async function expectRollupRebuilt() {
  const kept = rowsOf(await db().execute(rollupRows));
  let rebuilt: unknown[] = [];
  await db()
    .transaction(async (tx) => {
      await tx.execute(sql`select rebuild_usage_daily()`);
      rebuilt = rowsOf(await tx.execute(rollupRows));
      tx.rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof TransactionRollbackError)) throw error;
    });
  expect(rebuilt.length).toBeGreaterThan(0);
  expect(kept).toEqual(rebuilt);
}

beforeAll(async () => {
  database = await openTestDatabase();
  await makeBook();
});
afterAll(() => database?.close());

describe("usage_daily", () => {
  it("counts a rep's and their prospects' events per day, asset and surface (hand-counted)", async () => {
    const link = book.links[0];
    if (!link) throw new Error("no book");
    const rep = link.createdBy;
    const at = (hour: number) => new Date(`2026-02-02T${String(hour).padStart(2, "0")}:10:00Z`);
    const event = (type: EventType, hour: number, over: Partial<NewEvent> = {}): NewEvent => ({
      id: randomUUID(),
      type,
      userId: link.createdBy,
      assetId: link.assetId,
      dealId: null,
      shareId: null,
      surface: "portal",
      at: at(hour),
      props: {},
      ...over,
    });
    await ingestEvents(db(), [
      event("asset_viewed", 8),
      event("asset_viewed", 9),
      event("asset_viewed", 23),
      event("link_inserted", 10, { surface: "gmail" }),
      event("suggestion_shown", 10, { surface: "gmail" }),
      event("prospect_opened", 11, { userId: null, shareId: link.id, surface: "viewer" }),
      event("prospect_opened", 12, { userId: null, shareId: link.id, surface: "viewer" }),
      event("prospect_page", 12, { userId: null, shareId: link.id, surface: "viewer" }),
    ]);
    const rows = rowsOf(
      await db().execute(sql`select surface, rep_acted, viewed, inserted, opened from usage_daily
        where day = '2026-02-02' order by surface`),
    );
    expect(rows).toEqual([
      { surface: "portal", rep_acted: true, viewed: 3, inserted: 0, opened: 0 },
      { surface: "gmail", rep_acted: true, viewed: 0, inserted: 1, opened: 0 },
      { surface: "viewer", rep_acted: false, viewed: 0, inserted: 0, opened: 2 },
    ]);
    const usage = await usageOverTime(
      db(),
      usageInputSchema.parse({ from: "2026-02-02", to: "2026-02-02", by: "rep", bucket: "day" }),
    );
    expect(usage.points).toEqual([
      {
        bucket: "2026-02-02",
        key: rep,
        label: `Person ${book.reps.indexOf(rep)}`,
        views: 3,
        shares: 0,
        inserts: 1,
        opens: 2,
      },
    ]);
    // 09:00 to 23:00: the part day is counted from the events
    const part = await usageOverTime(
      db(),
      usageInputSchema.parse({ from: "2026-02-02T09:00:00Z", to: "2026-02-02T23:00:00Z" }),
    );
    expect(part.totals).toEqual([{ key: null, label: null, views: 1, shares: 0, inserts: 1, opens: 2 }]);
  });

  it("agrees with the raw events after inserts through the ingest statement and plain inserts", async () => {
    for (let batch = 0; batch < 6; batch += 1) {
      await ingestEvents(
        db(),
        Array.from({ length: 80 }, () => randomEvent()),
      );
    }
    // the write-behind and the download route insert rows without the ingest statement
    await db()
      .insert(events)
      .values(Array.from({ length: 60 }, () => randomEvent()))
      .onConflictDoNothing();
    await expectRawAgreement();
  }, 120_000);

  it("agrees after events are deleted and after the cascades that change them", async () => {
    const some = rowsOf<{ id: string }>(
      await db().execute(sql`select id from events order by id limit 40`),
    ).map((r) => r.id);
    await db().delete(events).where(inArray(events.id, some));
    await expectRawAgreement();

    // a link's maker changes: its prospects' events move to the new maker
    const link = book.links[2];
    if (!link) throw new Error("no link");
    const other = book.reps.find((r) => r !== link.createdBy) as string;
    await db().update(shareLinks).set({ createdBy: other }).where(eq(shareLinks.id, link.id));
    await expectRawAgreement();

    // a link deleted: its events lose it (and their rep, for a prospect's)
    const gone = book.links.splice(3, 1);
    await db()
      .delete(shareLinks)
      .where(eq(shareLinks.id, gone[0]?.id ?? ""));
    await expectRawAgreement();

    // an asset deleted: its links go, its events keep no asset
    const [asset] = book.assets.splice(1, 1);
    book.links = book.links.filter((l) => l.assetId !== asset);
    await db()
      .delete(assets)
      .where(eq(assets.id, asset ?? ""));
    await expectRawAgreement();

    // a deal deleted: nothing the rollup counts changes
    const [deal] = book.deals.splice(0, 1);
    await db()
      .delete(deals)
      .where(eq(deals.id, deal ?? ""));
    await expectRawAgreement();

    // a rep deleted: their events and their links' prospects lose them
    const [rep] = book.reps.splice(0, 1);
    await db()
      .delete(users)
      .where(eq(users.id, rep ?? ""));
    await expectRawAgreement();

    // and new events on top, through the ingest statement
    await ingestEvents(
      db(),
      Array.from({ length: 80 }, () => randomEvent()),
    );
    await expectRawAgreement();
    // seven rounds of some sixty report comparisons: minutes on a busy machine
  }, 240_000);
});
