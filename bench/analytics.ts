/**
 * contentInfluence at scale: generated deals, events, assets and their
 * asset_deal_touches (all made with generate_series in the database) and the
 * influence rollups built from them (as migration 0002 builds them),
 * then the median time of a one-year report per attribution model and grouping.
 *
 *   cd /work/main && node --import tsx bench/analytics.ts
 *
 * Postgres: 100,000 deals, 5,000,000 events, 20,000 assets, in a database of
 * its own on DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/test),
 * created and dropped here. PGlite (in memory): a tenth of that.
 * Knobs (env): BENCH_TARGETS ("postgres,pglite"), BENCH_RUNS (5), BENCH_SCALE (1),
 * BENCH_KEEP_DB (a database name on that server: generated into once, kept, and
 * reused by later runs, to time changes against the same book).
 */

import { cpus, loadavg } from "node:os";
import { attributionModels } from "@pitchside/shared";
import { sql } from "drizzle-orm";
import { repAdoption } from "../apps/api/src/analytics/adoption-service";
import { saveCurrencySettings } from "../apps/api/src/analytics/currency-settings";
import { contentInfluence, type InfluenceInput } from "../apps/api/src/analytics/influence-service";
import { rowsOf } from "../apps/api/src/analytics/sql-rows";
import { usageOverTime } from "../apps/api/src/analytics/usage-service";
import { type Database, openPglite } from "../apps/api/src/db/client";
import { openNamedDatabase, openTestDatabase } from "../apps/api/src/test/app-server";
import { fmt, median } from "./stats";

const DAY_MS = 86_400_000;
/** Generated data is laid out around this instant, so every run sees the same book. */
const ANCHOR = new Date("2026-11-01T00:00:00Z");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SCALE = Number(process.env.BENCH_SCALE ?? 1);

interface Size {
  deals: number;
  events: number;
  assets: number;
  reps: number;
}

const KEEP_DB = process.env.BENCH_KEEP_DB;

async function openTarget(target: string): Promise<Database> {
  if (target === "pglite") {
    const database = await openPglite(undefined);
    await database.migrate();
    return database;
  }
  process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/test";
  return KEEP_DB ? openNamedDatabase(process.env.DATABASE_URL, KEEP_DB) : openTestDatabase();
}

/**
 * One transaction with foreign-key triggers off (session_replication_role),
 * since every id is made to exist. Deals close up to two years before the
 * anchor; each deal draws its events from eight assets of its own, spread
 * over the 180 days before its close and ten days past it (so some touches
 * come after the close and must not count). A fifth of the events have no deal.
 */
async function generate(database: Database, size: Size) {
  const anchor = ANCHOR.toISOString();
  await database.db.transaction(async (tx) => {
    const run = (query: ReturnType<typeof sql>) => tx.execute(query);
    await run(sql`set local session_replication_role = replica`);
    await run(sql`select setseed(0.42)`);
    await run(sql`insert into teams (id, name)
      select md5('team' || i)::uuid, 'Team ' || i from generate_series(1, 20) i`);
    await run(sql`insert into users (id, email, name, role, team_id, password_hash)
      select md5('user' || i)::uuid, 'rep' || i || '@bench.test', 'Rep ' || i, 'rep',
        md5('team' || (i % 20 + 1))::uuid, 'not-a-hash'
      from generate_series(1, ${size.reps}) i`);
    await run(sql`insert into assets (id, title, type, status, source, url, stages, personas)
      select md5('asset' || i)::uuid, 'Asset ' || i, (enum_range(null::asset_type))[i % 8 + 1], 'published',
        'link', 'https://example.com/' || i,
        array[(array['prospecting','discovery','demo','proposal','negotiation','closing'])[i % 6 + 1]],
        array[(array['finance','it','sales_leader','marketing','executive','procurement'])[i % 6 + 1]]
      from generate_series(1, ${size.assets}) i`);
    await run(sql`insert into deals (id, external_id, name, stage, status, amount, currency, closed_at, owner_id)
      select md5('deal' || i)::uuid, i::text, 'Deal ' || i, 'proposal', s.status,
        round((1000 + random() * 99000)::numeric, 2),
        (array['USD','USD','USD','USD','USD','USD','USD','JPY','JPY','EUR'])[i % 10 + 1],
        case when s.status = 'open' then null
          else ${anchor}::timestamptz - random() * interval '730 days' end,
        md5('user' || (i % ${size.reps} + 1))::uuid
      from generate_series(1, ${size.deals}) i,
        lateral (select (case when i % 5 = 0 then 'open' when i % 5 in (1, 2) then 'won' else 'lost' end)::deal_status
          as status) s`);
    await run(sql`insert into events (id, type, user_id, asset_id, deal_id, surface, at)
      select gen_random_uuid(), e.type, d.owner_id,
        md5('asset' || ((d.external_id::int * 7919 + e.k * 104729) % ${size.assets} + 1))::uuid,
        case when e.no_deal then null else d.id end,
        'gmail',
        coalesce(d.closed_at, ${anchor}::timestamptz) - e.back * interval '190 days' + interval '10 days'
      from (
        select g, 1 + g % ${size.deals} as deal_no, floor(random() * 8)::int as k, random() as back,
          random() < 0.2 as no_deal,
          (array['asset_viewed','link_inserted','shared','prospect_opened','prospect_page','asset_viewed',
            'link_copied','suggestion_clicked'])[1 + floor(random() * 8)::int] as type
        from generate_series(1, ${size.events}) g
      ) e join deals d on d.external_id = e.deal_no::text`);
    await run(sql`insert into asset_deal_touches (asset_id, deal_id, first_touch_at, last_touch_at, count)
      select asset_id, deal_id, min(at), max(at), count(*)::int from events
      where asset_id is not null and deal_id is not null and type <> 'suggestion_shown'
      group by asset_id, deal_id`);
    // triggers are off while loading (replica role): build the influence rollups as the migration does
    await run(sql`select refresh_influence_touches(array(select id from deals))`);
  });
  // autovacuum would set the rollups' visibility map in time (the report's index-only scans
  // need it); a benchmark cannot wait
  await database.db.execute(sql`vacuum analyze`);
  await saveCurrencySettings(database.db, null, {
    reportingCurrency: "USD",
    rates: { USD: 1, JPY: 150, EUR: 0.92 },
  });
}

async function count(database: Database, table: string) {
  const [row] = rowsOf<{ n: number }>(
    await database.db.execute(sql.raw(`select count(*)::int as n from ${table}`)),
  );
  return row?.n ?? 0;
}

async function time(run: () => Promise<unknown>): Promise<number[]> {
  await run(); // warm the cache and the plan
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times;
}

async function bench(target: string, size: Size) {
  const database = await openTarget(target);
  try {
    const started = performance.now();
    const kept = target !== "pglite" && KEEP_DB !== undefined && (await count(database, "deals")) > 0;
    if (!kept) await generate(database, size);
    const counts = await Promise.all(
      ["deals", "events", "assets", "asset_deal_touches"].map((t) => count(database, t)),
    );
    console.log(
      `\n${target}: ${counts[0]} deals, ${counts[1]} events, ${counts[2]} assets, ${counts[3]} touches` +
        (kept
          ? ` (kept in ${KEEP_DB})`
          : ` (generated in ${((performance.now() - started) / 1000).toFixed(1)} s)`),
    );
    // how busy the machine is: a plain scan of the touches, and the load average
    const scan = await time(() => count(database, "asset_deal_touches"));
    console.log(
      `  calibration: count(*) over asset_deal_touches median ${fmt(median(scan))}; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} on ${cpus().length} CPUs`,
    );
    const period = {
      from: new Date(ANCHOR.getTime() - 365 * DAY_MS).toISOString(),
      to: ANCHOR.toISOString(),
    };
    const cases: [string, InfluenceInput][] = [
      ...attributionModels.map((model): [string, InfluenceInput] => [
        `asset, ${model}`,
        { ...period, model },
      ]),
      ["type, linear", { ...period, model: "linear", groupBy: "type" }],
      ["stage, any", { ...period, model: "any", groupBy: "stage" }],
      ["persona, first", { ...period, model: "first", groupBy: "persona" }],
      ["team, linear", { ...period, model: "linear", groupBy: "team" }],
      ["rep, last", { ...period, model: "last", groupBy: "rep" }],
    ];
    const influence = cases.map(([label, input]): [string, () => Promise<number>] => [
      `contentInfluence ${label}`,
      async () => (await contentInfluence(database.db, input)).items.length,
    ]);
    const reports: [string, () => Promise<number>][] = [
      ...influence,
      [
        "usage, week by asset",
        async () => (await usageOverTime(database.db, { ...period, by: "asset" })).points.length,
      ],
      [
        "usage, day by rep",
        async () => (await usageOverTime(database.db, { ...period, bucket: "day", by: "rep" })).points.length,
      ],
      ["adoption", async () => (await repAdoption(database.db, period)).weeks.length],
    ];
    for (const [label, report] of reports) {
      let rows = 0;
      const times = await time(async () => {
        rows = await report();
      });
      console.log(
        `  ${label.padEnd(31)} median ${fmt(median(times)).padStart(10)}` +
          `  min ${fmt(Math.min(...times)).padStart(10)}  max ${fmt(Math.max(...times)).padStart(10)}  (${rows} rows, ${RUNS} runs)`,
      );
    }
  } finally {
    await database.close();
  }
}

const full: Size = { deals: 100_000, events: 5_000_000, assets: 20_000, reps: 200 };
const scaled = (size: Size, factor: number): Size => ({
  deals: Math.round(size.deals * factor),
  events: Math.round(size.events * factor),
  assets: Math.round(size.assets * factor),
  reps: size.reps,
});
const targets = (process.env.BENCH_TARGETS ?? "postgres,pglite").split(",").map((t) => t.trim());
for (const target of targets) {
  await bench(target, scaled(full, target === "pglite" ? SCALE / 10 : SCALE));
}
