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
import {
  assetDeals,
  contentGaps,
  contentInfluence,
  type Database,
  dealTimeline,
  engagementInputSchema,
  gapsInputSchema,
  type InfluenceRequest,
  influenceInputSchema,
  linkEngagementInputSchema,
  linkEngagementReport,
  openNamedDatabase,
  openPglite,
  openTestDatabase,
  prospectEngagement,
  repAdoption,
  rowsOf,
  saveCurrencySettings,
  usageInputSchema,
  usageOverTime,
} from "@pitchside/api/testing";
import { attributionModels } from "@pitchside/shared";
import { sql } from "drizzle-orm";
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

/** Mean events in one work session (a rep, an asset, a deal, a day). */
const EVENTS_PER_SESSION = 8;
/** Event types in a session, with their weights (of 100). */
const EVENT_MIX: [string, number][] = [
  ["asset_viewed", 16],
  ["asset_downloaded", 3],
  ["suggestion_shown", 20],
  ["suggestion_clicked", 4],
  ["link_inserted", 8],
  ["shared", 5],
  ["link_copied", 3],
  ["prospect_opened", 12],
  ["prospect_page", 29],
];

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
 * anchor. Events come in work sessions, shaped like a real book's: a session
 * is one rep working one asset on one deal on one working day (Monday to
 * Friday) — viewing and downloading it in the portal, the suggestions panel
 * showing it, inserting or sharing it in Gmail, LinkedIn or Outlook — and the
 * prospects opening the link the rep made and reading its pages. Sessions per
 * deal spread over the 180 days before its close and ten days past it (so
 * some touches come after the close and must not count); each deal works
 * eight assets of its own, drawn with a popular head (a few assets are used
 * everywhere, most rarely). A fifth of the sessions are on no deal. Searches:
 * a tenth of an event per event, 8 % of them finding nothing.
 */
/** Rep n's id: an md5 made a version-4 UUID, so the API's inputs (z.uuid()) take it. */
const repId = (n: ReturnType<typeof sql>) =>
  sql`overlay(overlay(md5('user' || (${n})) placing '4' from 13) placing '8' from 17)::uuid`;

async function generate(database: Database, size: Size) {
  const anchor = ANCHOR.toISOString();
  await database.db.transaction(async (tx) => {
    const run = (query: ReturnType<typeof sql>) => tx.execute(query);
    await run(sql`set local session_replication_role = replica`);
    await run(sql`select setseed(0.42)`);
    await run(sql`insert into teams (id, name)
      select md5('team' || i)::uuid, 'Team ' || i from generate_series(1, 20) i`);
    await run(sql`insert into users (id, email, name, role, team_id, password_hash)
      select ${repId(sql`i`)}, 'rep' || i || '@bench.test', 'Rep ' || i, 'rep',
        md5('team' || (i % 20 + 1))::uuid, 'not-a-hash'
      from generate_series(1, ${size.reps}) i`);
    await run(sql`insert into assets (id, title, type, status, source, url, stages, personas, published_at)
      select md5('asset' || i)::uuid, 'Asset ' || i, (enum_range(null::asset_type))[i % 8 + 1], 'published',
        'link', 'https://example.com/' || i,
        array[(array['prospecting','discovery','demo','proposal','negotiation','closing'])[i % 6 + 1]],
        array[(array['finance','it','sales_leader','marketing','executive','procurement'])[i % 6 + 1]],
        ${anchor}::timestamptz - interval '3 years'
      from generate_series(1, ${size.assets}) i`);
    await run(sql`insert into deals (id, external_id, name, stage, status, amount, currency, closed_at, owner_id)
      select md5('deal' || i)::uuid, i::text, 'Deal ' || i, 'proposal', s.status,
        round((1000 + random() * 99000)::numeric, 2),
        (array['USD','USD','USD','USD','USD','USD','USD','JPY','JPY','EUR'])[i % 10 + 1],
        case when s.status = 'open' then null
          else ${anchor}::timestamptz - random() * interval '730 days' end,
        ${repId(sql`i % ${size.reps} + 1`)}
      from generate_series(1, ${size.deals}) i,
        lateral (select (case when i % 5 = 0 then 'open' when i % 5 in (1, 2) then 'won' else 'lost' end)::deal_status
          as status) s`);
    // a session: (deal, one of its 8 assets, a working day), with its channel and its link
    // 15 % over (the floor makes the mean a little under EVENTS_PER_SESSION): the events stop at size.events
    await run(sql`create temp table bench_sessions on commit drop as
      select g as session, d.id as deal_id, d.owner_id as rep_id,
        -- which of the deal's eight assets: the first ones more often
        floor(power(random(), 1.5) * 8)::int as k, null::uuid as asset_id,
        random() < 0.2 as no_deal,
        (array['gmail','gmail','gmail','linkedin','outlook'])[1 + floor(random() * 5)::int]::surface as channel,
        date_trunc('day', coalesce(d.closed_at, ${anchor}::timestamptz) - random() * interval '190 days'
          + interval '10 days', 'UTC') as day,
        -- events in the session: 1 + exponential, mean EVENTS_PER_SESSION
        1 + floor(-ln(1 - random()) * ${EVENTS_PER_SESSION - 1})::int as n
      from generate_series(1, ${Math.ceil((size.events / EVENTS_PER_SESSION) * 1.15)}) g join deals d on d.external_id = (1 + g % ${size.deals})::text`);
    // the asset a deal works is one of its eight: re-draw the session's asset from the deal's own
    await run(sql`create temp table bench_deal_assets on commit drop as
      select d.id as deal_id, k, md5('asset' || (floor(power(random(), 2.5) * ${size.assets})::int + 1))::uuid as asset_id
      from deals d, generate_series(0, 7) k`);
    await run(sql`update bench_sessions s set asset_id = a.asset_id,
        -- working days: a weekend session moves to the Friday before
        day = s.day - (case extract(isodow from s.day at time zone 'UTC') when 6 then 1 when 7 then 2 else 0 end) * interval '1 day'
      from bench_deal_assets a where a.deal_id = s.deal_id and a.k = s.k`);
    await run(sql`insert into share_links (id, token, asset_id, version_id, deal_id, created_by, created_at)
      select md5('link' || session)::uuid, md5('link' || session), asset_id, md5('version' || session)::uuid,
        case when no_deal then null else deal_id end, rep_id, day
      from bench_sessions`);
    await run(sql`insert into events (id, type, user_id, asset_id, deal_id, share_id, surface, at, props)
      select gen_random_uuid(), e.type,
        case when e.prospect then null else s.rep_id end, s.asset_id,
        case when s.no_deal then null else s.deal_id end,
        case when e.prospect or e.type = 'shared' then md5('link' || s.session)::uuid end,
        case when e.prospect then 'viewer'::surface
          when e.type in ('asset_viewed', 'asset_downloaded', 'link_copied') then 'portal'::surface
          else s.channel end,
        s.day + interval '8 hours' + random() * interval '10 hours',
        case e.type
          when 'suggestion_shown' then jsonb_build_object('rank', 1 + floor(random() * 5)::int,
            'topScore', round((random() * 8)::numeric, 2),
            'stage', (array['discovery','demo','proposal','negotiation'])[1 + floor(random() * 4)::int],
            'persona', (array['finance','it','executive'])[1 + floor(random() * 3)::int])
          when 'prospect_page' then jsonb_build_object('visitorId', md5('visitor' || s.session || floor(random() * 3)),
            'page', 1 + floor(random() * 12)::int, 'activeMs', floor(random() * 20000)::int)
          when 'prospect_opened' then jsonb_build_object('visitorId', md5('visitor' || s.session || floor(random() * 3)))
          else '{}'::jsonb end
      from bench_sessions s, generate_series(1, s.n) i,
        lateral (select t.type, t.type like 'prospect%' as prospect from (select
          (array[${sql.raw(EVENT_MIX.map(([type, n]) => `${`'${type}',`.repeat(n).slice(0, -1)}`).join(","))}])
            [1 + floor(random() * ${EVENT_MIX.reduce((sum, [, n]) => sum + n, 0)})::int] || left(i::text, 0) as type) t) e
      limit ${size.events}`);
    await run(sql`insert into searches (user_id, query, result_count, at)
      select ${repId(sql`1 + g % ${size.reps}`)}, 'query ' || floor(power(random(), 2) * 3000)::int,
        case when random() < 0.08 then 0 else 1 + floor(random() * 40)::int end,
        ${anchor}::timestamptz - random() * interval '920 days'
      from generate_series(1, ${Math.round(size.events / 10)}) g`);
    await run(sql`insert into asset_deal_touches (asset_id, deal_id, first_touch_at, last_touch_at, count)
      select asset_id, deal_id, min(at), max(at), count(*)::int from events
      where asset_id is not null and deal_id is not null and type <> 'suggestion_shown'
      group by asset_id, deal_id`);
    // triggers are off while loading (replica role): build the rollups as the migrations do
    await run(sql`select refresh_influence_touches(array(select id from deals))`);
    await run(sql`select rebuild_usage_daily()`);
    await run(sql`select rebuild_prospect_engagement()`);
    await run(sql`select rebuild_engagement_daily()`);
  });
  // autovacuum would set the rollups' visibility map in time (the report's index-only scans
  // need it); a benchmark cannot wait
  // a live table holds its events in the order they arrived (time); the sessions were generated in
  // no order, which would scatter a period's rows over the whole heap
  await database.db.execute(sql`cluster events using events_at_idx`);
  await database.db.execute(sql`vacuum analyze`);
  await saveCurrencySettings(database.db, null, {
    reportingCurrency: "USD",
    rates: { USD: 1, JPY: 150, EUR: 0.92 },
  });
}

/** The book's shape: what one rep-asset-day holds (see docs/analytics.md, "Benchmark book"). */
async function describeBook(database: Database) {
  const [shape] = rowsOf<Record<string, string>>(
    await database.db.execute(sql`
      with rep_days as (
        select coalesce(e.user_id, s.created_by) as rep, (e.at at time zone 'UTC')::date as day,
          count(*) as events, count(distinct e.asset_id) as assets
        from events e left join share_links s on s.id = e.share_id group by 1, 2
      ), cells as (select count(*) as n from usage_daily)
      select round(avg(events), 1)::text as "events per rep-day", round(avg(assets), 1)::text as "assets per rep-day",
        round(sum(events) / sum(assets), 1)::text as "events per rep-asset-day",
        (select n from cells)::text as "usage_daily rows",
        round((select count(*) from events e where e.type in ('asset_viewed', 'asset_downloaded', 'shared',
          'link_inserted', 'link_copied', 'suggestion_clicked', 'prospect_opened'))::numeric
          / (select n from cells), 2)::text as "counted events per usage_daily row"
      from rep_days`),
  );
  console.log(
    `  book: ${Object.entries(shape ?? {})
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
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
    await describeBook(database);
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
    const cases: [string, InfluenceRequest][] = [
      ...attributionModels.map((model): [string, InfluenceRequest] => [
        `asset, ${model}`,
        { ...period, model },
      ]),
      ["type, linear", { ...period, model: "linear", groupBy: "type" }],
      ["stage, any", { ...period, model: "any", groupBy: "stage" }],
      ["persona, first", { ...period, model: "first", groupBy: "persona" }],
      ["team, linear", { ...period, model: "linear", groupBy: "team" }],
      ["rep, last", { ...period, model: "last", groupBy: "rep" }],
    ];
    const { db } = database;
    const influence = cases.map(([label, input]): [string, () => Promise<number>] => [
      `contentInfluence ${label}`,
      async () => (await contentInfluence(database.db, influenceInputSchema.parse(input))).items.length,
    ]);
    const [sample] = rowsOf<{ asset: string; deal: string; rep: string }>(
      await database.db.execute(sql`select t.asset_id as asset, t.deal_id as deal, d.owner_id as rep
        from asset_deal_touches t join deals d on d.id = t.deal_id
        where d.closed_at >= ${period.from}::timestamptz order by t.count desc limit 1`),
    );
    if (!sample) throw new Error("no touches");
    // every analytics page's queries, one line each: [label, what the page calls, returning its row count]
    const reports: [string, () => Promise<number>][] = [
      ...influence,
      [
        "usage, week by asset",
        async () =>
          (await usageOverTime(db, usageInputSchema.parse({ ...period, by: "asset" }))).points.length,
      ],
      [
        "usage, day by rep",
        async () =>
          (await usageOverTime(db, usageInputSchema.parse({ ...period, bucket: "day", by: "rep" }))).points
            .length,
      ],
      [
        "usage, week by surface",
        async () =>
          (await usageOverTime(db, usageInputSchema.parse({ ...period, by: "surface" }))).points.length,
      ],
      ["adoption", async () => (await repAdoption(db, period)).weeks.length],
      [
        "engagement",
        async () => (await prospectEngagement(db, engagementInputSchema.parse(period))).items.length,
      ],
      [
        "engagement by link",
        async () => (await linkEngagementReport(db, linkEngagementInputSchema.parse(period))).items.length,
      ],
      ["gaps", async () => (await contentGaps(db, gapsInputSchema.parse(period))).unusedAssets.length],
      ["asset drill-down", async () => (await assetDeals(db, sample.asset, period)).deals.length],
      ["deal timeline", async () => (await dealTimeline(db, sample.deal)).entries.length],
      [
        "myUsage, week by asset",
        async () =>
          (
            await usageOverTime(
              db,
              usageInputSchema.parse({ ...period, by: "asset", filters: { repIds: [sample.rep] } }),
            )
          ).points.length,
      ],
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
