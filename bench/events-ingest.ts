/**
 * Sustained ingestion of `events.track` batches over HTTP against one API
 * process, on PGlite and on Postgres. Prints events per second and the
 * median / p95 / p99 latency of a batch.
 *
 *   cd /work/main && node --import tsx bench/events-ingest.ts
 *
 * Two runs per database: the most it takes (BENCH_CONCURRENCY clients sending
 * back to back), and the latency at a steady offered load (BENCH_RATE events/s,
 * batches sent on a fixed schedule whether or not earlier ones have returned).
 * The open loop prints the rate offered and the rate sustained: the events
 * completed divided by the time until the last of them completed, so a server
 * that falls behind shows its own pace (and its backlog at the end of the
 * sending window), not the offered one.
 *
 * Each pass runs twice, without usage_daily's insert trigger and with it
 * (migration 0011), on the same server: the ingest cost of the usage rollup.
 *
 * Knobs (env): BENCH_ROLLUP ("on" or "off": that pass only), BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONCURRENCY (8),
 * BENCH_RATE (5000), BENCH_BATCH (100), BENCH_TARGETS ("pglite,postgres"),
 * DATABASE_URL (postgres://postgres@127.0.0.1:5432/test; a database of its own is created and dropped).
 *
 * The server runs in a child process (this file with --serve) so the load
 * generator does not share its event loop.
 */

import { fork } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  assets,
  assetVersions,
  createUser,
  type Database,
  deals,
  openPglite,
  openPostgres,
} from "@pitchside/api/testing";
import { sql } from "drizzle-orm";
import pg from "pg";
import { serveWithoutSearch } from "./api-without-search";

interface Ready {
  url: string;
  token: string;
  assetIds: string[];
  dealIds: string[];
  kind: string;
}

const POSTGRES_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function openBenchDatabase(target: string, dataDir: string): Promise<Database> {
  if (target === "pglite") {
    const database = await openPglite(path.join(dataDir, "db"));
    await database.migrate();
    return database;
  }
  const name = `pitchside_bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString());
  await database.migrate();
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: POSTGRES_URL });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/** Child: one API process with a rep, 50 published assets and 200 of the rep's deals. */
async function serve(target: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "pitchside-bench-"));
  const database = await openBenchDatabase(target, dataDir);
  const { db } = database;
  const rep = await createUser(db, {
    email: "bench@example.test",
    name: "Bench",
    role: "rep",
    password: "velvet-tractor-orbit-77",
  });
  const assetIds: string[] = [];
  for (let i = 0; i < 50; i += 1) {
    const versionId = randomUUID();
    const [a] = await db
      .insert(assets)
      .values({
        title: `Asset ${i}`,
        type: "case_study",
        status: "published",
        source: "link",
        url: "https://example.com",
        currentVersionId: versionId,
      })
      .returning({ id: assets.id });
    if (!a) throw new Error("no asset");
    await db
      .insert(assetVersions)
      .values({ id: versionId, assetId: a.id, number: 1, processingState: "ready" });
    assetIds.push(a.id);
  }
  const dealRows = await db
    .insert(deals)
    .values(
      Array.from({ length: 200 }, (_, i) => ({ name: `Deal ${i}`, stage: "discovery", ownerId: rep.id })),
    )
    .returning({ id: deals.id });
  // events never touch search
  const { url, server } = await serveWithoutSearch(database, dataDir);
  const login = await fetch(`${url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: rep.email, password: "velvet-tractor-orbit-77", client: "extension" }),
  });
  const token = ((await login.json()) as { result: { data: { token: string } } }).result.data.token;
  const ready: Ready = { url, token, assetIds, dealIds: dealRows.map((d) => d.id), kind: database.kind };
  process.send?.(ready);
  process.on("message", async (msg) => {
    if (msg === "rollup off" || msg === "rollup on") {
      // before and after usage_daily (migration 0011) on one server: its insert trigger dropped or made again
      await db.execute(sql`drop trigger if exists usage_daily_on_event_insert on events`);
      if (msg === "rollup on") {
        await db.execute(sql`create trigger usage_daily_on_event_insert after insert on events
          referencing new table as new_rows for each statement execute function usage_daily_follow_insert()`);
      }
      process.send?.(msg);
      return;
    }
    if (msg !== "stop") return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
}

const types = [
  "asset_viewed",
  "link_inserted",
  "link_copied",
  "suggestion_clicked",
  "suggestion_shown",
  "shared",
] as const;
const surfacesList = ["portal", "gmail", "linkedin"] as const;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;

function batchOf(size: number, ready: Ready) {
  return {
    events: Array.from({ length: size }, () => ({
      id: randomUUID(),
      type: pick(types),
      assetId: pick(ready.assetIds),
      ...(Math.random() < 0.9 ? { dealId: pick(ready.dealIds) } : {}),
      surface: pick(surfacesList),
      props: { rank: 1 },
    })),
  };
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function drive(target: string) {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const warmup = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
  const size = Number(process.env.BENCH_BATCH ?? 100);
  const rate = Number(process.env.BENCH_RATE ?? 5000);
  // before and after usage_daily in one run: its insert trigger off, then on (BENCH_ROLLUP=on|off for one)
  const modes = process.env.BENCH_ROLLUP ? [process.env.BENCH_ROLLUP] : ["off", "on"];
  const child = fork(fileURLToPath(import.meta.url), ["--serve", target], {
    execArgv: [
      "--import",
      "tsx",
      ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const ready = await Promise.race([
    new Promise<Ready>((resolve) => child.once("message", (m) => resolve(m as Ready))),
    exited.then((code) => {
      throw new Error(`the ${target} server exited (${code}) before it was ready`);
    }),
  ]);
  const send = async () => {
    const body = JSON.stringify(batchOf(size, ready));
    const t0 = performance.now();
    const res = await fetch(`${ready.url}/trpc/events.track`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${ready.token}` },
      body,
    });
    const json = (await res.json()) as { result?: { data?: { accepted: number } } };
    return { t0, t1: performance.now(), accepted: res.ok ? (json.result?.data?.accepted ?? 0) : -1 };
  };
  const report = (
    label: string,
    latencies: number[],
    events: number,
    failures: number,
    elapsedS = seconds,
  ) => {
    latencies.sort((a, b) => a - b);
    console.log(
      `${ready.kind.padEnd(8)}  ${label.padEnd(40)} ${Math.round(events / elapsedS)
        .toLocaleString("en-US")
        .padStart(7)} events/s  ` +
        `${String(latencies.length).padStart(5)} batches  median ${quantile(latencies, 0.5).toFixed(1).padStart(6)} ms  ` +
        `p95 ${quantile(latencies, 0.95).toFixed(1).padStart(6)} ms  p99 ${quantile(latencies, 0.99).toFixed(1).padStart(6)} ms  failures ${failures}`,
    );
  };
  try {
    for (const mode of modes) {
      child.send(`rollup ${mode}`);
      await new Promise((resolve) => child.once("message", resolve));
      const label = (what: string) => `${what}, usage_daily ${mode}`;
      // 1. closed loop: `concurrency` clients send back to back — the most the process takes
      {
        const latencies: number[] = [];
        let events = 0;
        let failures = 0;
        const measureFrom = performance.now() + warmup * 1000;
        const stopAt = measureFrom + seconds * 1000;
        const worker = async () => {
          while (performance.now() < stopAt) {
            const r = await send();
            if (r.accepted !== size) failures += 1;
            if (r.t0 >= measureFrom && r.t1 <= stopAt) {
              latencies.push(r.t1 - r.t0);
              events += Math.max(0, r.accepted);
            }
          }
        };
        await Promise.all(Array.from({ length: concurrency }, worker));
        report(label(`max, ${concurrency} clients`), latencies, events, failures);
      }
      // 2. open loop: batches sent on a fixed schedule at the target rate — latency at that load
      {
        const interval = (1000 * size) / rate;
        const latencies: number[] = [];
        let events = 0;
        let failures = 0;
        const start = performance.now();
        const total = Math.round((seconds * 1000) / interval);
        const inflight: Promise<void>[] = [];
        let lastDone = start;
        for (let i = 0; i < total; i += 1) {
          const due = start + i * interval;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          inflight.push(
            send().then((r) => {
              if (r.accepted !== size) failures += 1;
              // measured from when the batch was due, so a backlog shows up as latency
              latencies.push(r.t1 - Math.min(r.t0, due));
              events += Math.max(0, r.accepted);
              lastDone = Math.max(lastDone, r.t1);
            }),
          );
        }
        const scheduleEnd = start + total * interval;
        // the backlog: what the server had not answered when the last batch was due plus one interval
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, scheduleEnd - performance.now())));
        const doneBySchedule = events;
        await Promise.all(inflight);
        const sustainedS = (lastDone - start) / 1000;
        report(label(`${rate.toLocaleString("en-US")}/s offered`), latencies, events, failures, sustainedS);
        console.log(
          `${ready.kind.padEnd(8)}  usage_daily ${mode}: offered ${rate.toLocaleString("en-US")} events/s for ${seconds} s; ` +
            `sustained ${Math.round(events / sustainedS).toLocaleString("en-US")} events/s ` +
            `(${events.toLocaleString("en-US")} events, the last done ${sustainedS.toFixed(2)} s after the first was sent); ` +
            `backlog when sending ended: ${(total * size - doneBySchedule).toLocaleString("en-US")} events`,
        );
      }
    }
  } finally {
    child.send("stop");
    await exited;
  }
}

if (process.argv[2] === "--serve") {
  serve(process.argv[3] ?? "pglite").catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  const targets = (process.env.BENCH_TARGETS ?? "pglite,postgres").split(",").map((t) => t.trim());
  console.log(
    `events.track ingestion, ${process.env.BENCH_BATCH ?? 100} events per batch, one API process over HTTP`,
  );
  for (const target of targets) {
    try {
      await drive(target);
    } catch (err) {
      console.log(`${target.padEnd(8)}  skipped: ${(err as Error).message}`);
    }
  }
}
