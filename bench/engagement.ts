/**
 * Prospect engagement at scale: generated share links and prospect events
 * (opens and page beacons, as the viewer records them), the prospect_engagement
 * rollup built from them (as migration 0010 builds it), then the median time of
 * a one-year engagement report per asset and per link; and what the rollup's
 * trigger costs event ingestion (prospect batches of 100, trigger on and off).
 *
 *   cd /work/main && node --import tsx bench/engagement.ts
 *
 * Postgres (DATABASE_URL's server, default postgres://postgres@127.0.0.1:5432/test,
 * a database of its own, created and dropped here): 20,000 assets, 100,000 links,
 * 1,250,000 prospect events (the quarter of bench/analytics.ts's 5,000,000 that
 * are prospect_opened or prospect_page). Knobs (env): BENCH_RUNS (5), BENCH_SCALE (1).
 *
 * Shape: a link is read by one to three visitors (a pool of 150,000 browsers),
 * each visit an open and about four page beacons over pages 1-12 of a
 * 12-page document, on a day within two years of the anchor; a tenth of the
 * visitors send no id (a hashed client key stands in, as the viewer stores it).
 */

import { randomUUID } from "node:crypto";
import { cpus, loadavg } from "node:os";
import {
  type Database,
  engagementInputSchema,
  ingestEvents,
  linkEngagementInputSchema,
  linkEngagementReport,
  type NewEvent,
  openTestDatabase,
  prospectEngagement,
  rowsOf,
} from "@pitchside/api/testing";
import { sql } from "drizzle-orm";
import { fmt, median, summary } from "./stats";

const DAY_MS = 86_400_000;
const ANCHOR = new Date("2026-11-01T00:00:00Z");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const size = {
  assets: Math.round(20_000 * SCALE),
  links: Math.round(100_000 * SCALE),
  events: Math.round(1_250_000 * SCALE),
  visitors: Math.round(150_000 * SCALE),
};

async function generate(database: Database) {
  const anchor = ANCHOR.toISOString();
  await database.db.transaction(async (tx) => {
    const run = (query: ReturnType<typeof sql>) => tx.execute(query);
    await run(sql`set local session_replication_role = replica`);
    await run(sql`select setseed(0.42)`);
    await run(sql`insert into users (id, email, name, role, password_hash)
      select md5('user' || i)::uuid, 'rep' || i || '@bench.test', 'Rep ' || i, 'rep', 'not-a-hash'
      from generate_series(1, 200) i`);
    await run(sql`insert into assets (id, title, type, status, source, current_version_id)
      select md5('asset' || i)::uuid, 'Asset ' || i, 'case_study', 'published', 'file', md5('version' || i)::uuid
      from generate_series(1, ${size.assets}) i`);
    await run(sql`insert into asset_versions (id, asset_id, number, page_count)
      select md5('version' || i)::uuid, md5('asset' || i)::uuid, 1, 12 from generate_series(1, ${size.assets}) i`);
    await run(sql`insert into share_links (id, token, asset_id, version_id, created_by, created_at)
      select md5('link' || i)::uuid, md5('token' || i), md5('asset' || (i % ${size.assets} + 1))::uuid,
        md5('version' || (i % ${size.assets} + 1))::uuid, md5('user' || (i % 200 + 1))::uuid,
        ${anchor}::timestamptz - (i % 730) * interval '1 day'
      from generate_series(1, ${size.links}) i`);
    // a visit: a link, a visitor of its own few, a day; then its open (k = 0) and page beacons
    await run(sql`insert into events (id, type, asset_id, share_id, surface, at, props)
      select gen_random_uuid(), case when v.k = 0 then 'prospect_opened' else 'prospect_page' end,
        md5('asset' || (v.link % ${size.assets} + 1))::uuid, md5('link' || v.link)::uuid, 'viewer',
        v.at + v.k * interval '20 seconds',
        jsonb_build_object('visitorId', v.visitor) || case when v.k = 0 then '{}'::jsonb
          else jsonb_build_object('page', 1 + (v.visit + v.k * 3) % 12, 'activeMs', 1000 + (v.visit * 7919 + v.k) % 30000) end
      from (
        select g / 5 as visit, g % 5 as k, 1 + (g / 5) % ${size.links} as link,
          case when (g / 5) % 10 = 0 then 'c:' || md5('client' || ((g / 5) % ${size.visitors}))
            else 'visitor-' || (((g / 5) % ${size.links}) * 3 + (g / 5 / ${size.links}) % 3) % ${size.visitors} end as visitor,
          ${anchor}::timestamptz - (((g / 5) * 104729) % 730) * interval '1 day' as at
        from generate_series(0::bigint, ${size.events - 1}) g
      ) v`);
    await run(sql`select rebuild_prospect_engagement()`);
    await run(sql`select rebuild_engagement_daily()`);
  });
  await database.db.execute(sql`vacuum analyze`);
}

async function time(run: () => Promise<unknown>): Promise<number[]> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times;
}

/** 100 batches of 100 prospect events on the generated links, as the viewer route sends them. */
async function ingest(database: Database): Promise<number[]> {
  const times: number[] = [];
  for (let b = 0; b < 100; b += 1) {
    const batch: NewEvent[] = Array.from({ length: 100 }, (_, i) => {
      const link = 1 + ((b * 100 + i) % size.links);
      return {
        id: randomUUID(),
        type: i % 5 === 0 ? "prospect_opened" : "prospect_page",
        userId: null,
        assetId: null,
        dealId: null,
        shareId: null,
        surface: "viewer",
        at: new Date(),
        props: { visitorId: `ingest-${b}-${Math.floor(i / 5)}`, page: 1 + (i % 12), activeMs: 2000, link },
      };
    });
    // the ids the generator made: md5 of a string, as uuid
    const ids = rowsOf<{ asset: string; share: string }>(
      await database.db.execute(sql`select a.id as asset, s.id as share from share_links s
        join assets a on a.id = s.asset_id where s.id = md5('link' || ${batch[0]?.props.link as number})::uuid`),
    )[0];
    for (const e of batch) {
      e.assetId = ids?.asset ?? null;
      e.shareId = ids?.share ?? null;
    }
    const start = performance.now();
    await ingestEvents(database.db, batch);
    times.push(performance.now() - start);
  }
  return times;
}

async function main() {
  process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/test";
  const database = await openTestDatabase();
  try {
    const started = performance.now();
    await generate(database);
    const [counts] = rowsOf<{ events: number; rollup: number }>(
      await database.db.execute(sql`select (select count(*) from events)::int as events,
        (select count(*) from prospect_engagement)::int as rollup`),
    );
    console.log(
      `postgres: ${size.assets} assets, ${size.links} links, ${counts?.events} prospect events, ` +
        `${counts?.rollup} rollup rows (generated in ${((performance.now() - started) / 1000).toFixed(1)} s); ` +
        `load average ${loadavg()
          .map((l) => l.toFixed(2))
          .join(" ")} on ${cpus().length} CPUs`,
    );
    const period = {
      from: new Date(ANCHOR.getTime() - 365 * DAY_MS).toISOString(),
      to: ANCHOR.toISOString(),
    };
    const reports: [string, () => Promise<number>][] = [
      [
        "engagement per asset",
        async () => (await prospectEngagement(database.db, engagementInputSchema.parse(period))).items.length,
      ],
      [
        "engagement per asset, limit 500",
        async () =>
          (await prospectEngagement(database.db, engagementInputSchema.parse({ ...period, limit: 500 })))
            .items.length,
      ],
      [
        "engagement per link",
        async () =>
          (await linkEngagementReport(database.db, linkEngagementInputSchema.parse(period))).items.length,
      ],
    ];
    for (const [label, report] of reports) {
      let rows = 0;
      const times = await time(async () => {
        rows = await report();
      });
      console.log(
        `  ${label.padEnd(34)} median ${fmt(median(times)).padStart(10)}  min ${fmt(Math.min(...times)).padStart(10)}` +
          `  max ${fmt(Math.max(...times)).padStart(10)}  (${rows} rows, ${RUNS} runs)`,
      );
    }
    console.log(summary("  ingest 100 prospect events, trigger", await ingest(database)));
    await database.db.execute(sql`alter table events disable trigger prospect_engagement_on_event_insert`);
    console.log(summary("  ingest 100 prospect events, no trigger", await ingest(database)));
  } finally {
    await database.close();
  }
}

await main();
