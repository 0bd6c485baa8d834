/**
 * analytics.fieldSignals at scale: generated deals and suggestion requests with the signals a rep's
 * messages named, then the median time of a one-year report per grouping, for both kinds and each alone.
 *
 *   node --import tsx bench/field-signals.ts
 *
 * Shape (how reps use suggestions): 200 reps in 20 teams, 100,000 deals (40 % won, 40 % lost, 20 % open,
 * closed over the two years before the anchor), and 10 suggestion requests per deal over the 180 days
 * before its close (a rep asks each time they write to the buyer) plus a fifth more without a deal:
 * 1,200,000 requests. A third of them name a competitor (one of 10), two fifths an objection theme
 * (one or two of 8), the rest nothing. 20,000 published assets, a tenth tagged with a competitor and a
 * tenth with an objection, each with one stage; a quarter internal.
 * Loaded with triggers off, then field signals' rollups built (`rebuild_signal_rollups()`, migrations 0014
 * and 0016: the mentions with their deal and rep chains, the deals' first mentions, the weekly counts).
 * Postgres on DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/test), in a database of
 * its own, created and dropped here; PGlite (in memory) at a tenth.
 * Knobs (env): BENCH_TARGETS ("postgres,pglite"), BENCH_RUNS (5), BENCH_SCALE (1), BENCH_KEEP_DB (a name).
 */

import { cpus, loadavg } from "node:os";
import {
  type Database,
  demoTaxonomy,
  fieldSignals,
  fieldSignalsInputSchema,
  openNamedDatabase,
  openPglite,
  openTestDatabase,
  rowsOf,
} from "@pitchside/api/testing";
import { sql } from "drizzle-orm";
import { fmt, median } from "./stats";

const DAY_MS = 86_400_000;
const ANCHOR = new Date("2026-11-01T00:00:00Z");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
/** A database name on that server: generated into once, kept, and reused by later runs. */
const KEEP_DB = process.env.BENCH_KEEP_DB;
const COMPETITORS = 10;
const OBJECTIONS = 8;

process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/test";

/** PGlite in memory, or a database of its own on DATABASE_URL's server (dropped on close). */
async function openTarget(target: string): Promise<Database> {
  if (target !== "pglite")
    return KEEP_DB ? openNamedDatabase(process.env.DATABASE_URL as string, KEEP_DB) : openTestDatabase();
  const database = await openPglite(undefined);
  await database.migrate();
  return database;
}

async function generate(database: Database, deals: number) {
  const anchor = ANCHOR.toISOString();
  const requests = deals * 12;
  await database.db.transaction(async (tx) => {
    const run = (query: ReturnType<typeof sql>) => tx.execute(query);
    await run(sql`set local session_replication_role = replica`);
    await run(sql`select setseed(0.17)`);
    // the demo's stages and industries; competitors and objection themes c1..c10, o1..o8
    for (const term of demoTaxonomy.filter((t) => t.kind === "stage" || t.kind === "industry"))
      await run(sql`insert into taxonomy_terms (kind, key, label_en, label_ja, sort_order)
        values (${term.kind}::taxonomy_kind, ${term.key}, ${term.label.en}, ${term.label.ja}, ${term.order})`);
    await run(sql`insert into taxonomy_terms (kind, key, label_en, label_ja, sort_order)
      select 'competitor'::taxonomy_kind, 'c' || i, 'Competitor ' || i, '競合 ' || i, i from generate_series(1, ${COMPETITORS}) i
      union all
      select 'objection'::taxonomy_kind, 'o' || i, 'Objection ' || i, '懸念 ' || i, i from generate_series(1, ${OBJECTIONS}) i`);
    await run(sql`insert into teams (id, name)
      select md5('team' || i)::uuid, 'Team ' || i from generate_series(1, 20) i`);
    await run(sql`insert into users (id, email, name, role, team_id, password_hash)
      select md5('user' || i)::uuid, 'rep' || i || '@bench.test', 'Rep ' || i, 'rep',
        md5('team' || (i % 20 + 1))::uuid, 'not-a-hash'
      from generate_series(1, 200) i`);
    await run(sql`insert into assets (id, title, type, status, audience, source, url, stages, competitors, objections)
      select md5('asset' || i)::uuid, 'Asset ' || i, 'battle_card', 'published',
        (case when i % 4 = 0 then 'internal' else 'external' end)::audience, 'link', 'https://example.com/' || i,
        array[(array['prospecting','discovery','demo','proposal','negotiation','closing'])[i % 6 + 1]],
        case when i % 10 = 0 then array['c' || (i / 10 % ${COMPETITORS} + 1)] else '{}' end,
        case when i % 10 = 5 then array['o' || (i / 10 % ${OBJECTIONS} + 1)] else '{}' end
      from generate_series(1, ${Math.round(deals / 5)}) i`);
    await run(sql`insert into deals (id, external_id, name, stage, status, industry, closed_at, owner_id)
      select md5('deal' || i)::uuid, i::text, 'Deal ' || i, 'proposal',
        (case when i % 5 = 0 then 'open' when i % 5 in (1, 2) then 'won' else 'lost' end)::deal_status,
        (array['manufacturing','financial_services','healthcare','retail','software'])[i % 5 + 1],
        case when i % 5 = 0 then null else ${anchor}::timestamptz - random() * interval '730 days' end,
        md5('user' || (i % 200 + 1))::uuid
      from generate_series(1, ${deals}) i`);
    await run(sql`insert into suggestion_signals
        (id, at, user_id, team_id, deal_id, surface, stage, language, competitors, objections)
      select gen_random_uuid(),
        coalesce(d.closed_at, ${anchor}::timestamptz) - r.back * interval '180 days',
        coalesce(d.owner_id, md5('user' || (r.g % 200 + 1))::uuid),
        md5('team' || (r.g % 20 + 1))::uuid,
        d.id, 'gmail',
        (array['prospecting','discovery','demo','proposal','negotiation','closing'])[1 + floor(r.back * 6)::int],
        'en',
        case when r.c < 0.33 then array['c' || (1 + floor(r.c * 30)::int % ${COMPETITORS})] else '{}' end,
        case when r.o < 0.2 then array['o' || (1 + floor(r.o * 40)::int % ${OBJECTIONS})]
          when r.o < 0.4 then array['o' || (1 + floor(r.o * 40)::int % ${OBJECTIONS}),
            'o' || (1 + (floor(r.o * 40)::int + 3) % ${OBJECTIONS})]
          else '{}' end
      from (
        select g, random() as back, random() as c, random() as o,
          case when g % 6 = 0 then null else 1 + g % ${deals} end as deal_no
        from generate_series(1, ${requests}) g
      ) r left join deals d on d.external_id = r.deal_no::text`);
  });
  // the triggers were off: the rollups are built as migrations 0014 and 0016 build them
  await database.db.execute(sql`select rebuild_signal_rollups()`);
  await database.db.execute(sql`vacuum analyze`);
}

async function count(database: Database, table: string) {
  const [row] = rowsOf<{ n: number }>(
    await database.db.execute(sql.raw(`select count(*)::int as n from ${table}`)),
  );
  return row?.n ?? 0;
}

async function bench(target: string, deals: number) {
  const database = await openTarget(target);
  try {
    const started = performance.now();
    const kept = target !== "pglite" && KEEP_DB !== undefined && (await count(database, "deals")) > 0;
    if (!kept) await generate(database, deals);
    const [dealCount, requestCount] = await Promise.all([
      count(database, "deals"),
      count(database, "suggestion_signals"),
    ]);
    console.log(
      `\n${target}: ${dealCount} deals, ${requestCount} suggestion requests (generated in ${((performance.now() - started) / 1000).toFixed(1)} s); load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} on ${cpus().length} CPUs`,
    );
    // how busy the machine is: a plain scan of the requests (median of RUNS)
    const scan: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const start = performance.now();
      await count(database, "suggestion_signals");
      scan.push(performance.now() - start);
    }
    console.log(`  calibration: count(*) over suggestion_signals median ${fmt(median(scan))}`);
    const period = {
      from: new Date(ANCHOR.getTime() - 365 * DAY_MS).toISOString(),
      to: ANCHOR.toISOString(),
    };
    for (const groupBy of ["week", "stage", "industry", "team"] as const) {
      for (const kind of [undefined, "competitor", "objection"] as const) {
        const report = () =>
          fieldSignals(
            database.db,
            fieldSignalsInputSchema.parse({ ...period, groupBy, ...(kind ? { kind } : {}) }),
            ANCHOR,
          );
        const first = await report(); // warm the cache and the plan
        const times: number[] = [];
        for (let i = 0; i < RUNS; i += 1) {
          const start = performance.now();
          await report();
          times.push(performance.now() - start);
        }
        const mentions = first.rows.reduce((sum, r) => sum + r.mentions, 0);
        console.log(
          `  fieldSignals by ${groupBy.padEnd(9)}${(kind ?? "all").padEnd(11)} median ${fmt(median(times)).padStart(10)}` +
            `  min ${fmt(Math.min(...times)).padStart(10)}  max ${fmt(Math.max(...times)).padStart(10)}` +
            `  (${first.rows.length} signals, ${mentions} mentions, ${first.closed.won + first.closed.lost} closed deals, ${RUNS} runs; load ${loadavg()[0]?.toFixed(2)})`,
        );
      }
    }
  } finally {
    await database.close();
  }
}

const targets = (process.env.BENCH_TARGETS ?? "postgres,pglite").split(",").map((t) => t.trim());
for (const target of targets)
  await bench(target, Math.round(100_000 * SCALE * (target === "pglite" ? 0.1 : 1)));
