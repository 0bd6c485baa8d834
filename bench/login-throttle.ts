/**
 * Sign-in throttling on each limit store: memory (embedded PGlite), Postgres and Redis.
 *
 * 1. What one attempt costs the throttle itself, called directly (no HTTP, no password check):
 *    a failed attempt (admit, then failed) and a successful one (admit, then succeeded), each on an
 *    account and address of its own so nothing blocks; mean, p50 and p95 in microseconds.
 * 2. Parallel guessing against the real server: N wrong passwords for one account sent at once from
 *    one address. Prints how many were checked (401) and refused before checking (429), then
 *    whether the right password works from that address (it must not) and from an address that never
 *    failed (it must). The goal: at most 5 × 401 whatever N, on every store.
 *
 *   node --import tsx bench/login-throttle.ts                       # all three stores, 30 and 200 in parallel
 *   node --import tsx bench/login-throttle.ts --stores redis --counts 30,200,1000 --attempts 5000
 *
 * Postgres: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; a database of its own is
 * created and dropped). Redis: REDIS_URL (default redis://127.0.0.1:6379; keys under a prefix of the
 * run's own, deleted at the end). The server trusts X-Forwarded-For from loopback (TRUST_PROXY=loopback),
 * so each run can stand for an attacker's and a real user's address; every run uses an account of its own.
 */

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  createLogger,
  type Database,
  defaultLoginLimits,
  deleteRedisKeys,
  dropNamedDatabase,
  type LimiterStore,
  LoginThrottle,
  limiterStoreFor,
  loadConfig,
  makeUser,
  openNamedDatabase,
  openPglite,
  spawnMeili,
  startServerWith,
} from "@pitchside/api/testing";

const { values: args } = parseArgs({
  options: {
    counts: { type: "string", default: "30,200" },
    attempts: { type: "string", default: "2000" },
    stores: { type: "string", default: "memory,postgres,redis" },
  },
});
const counts = (args.counts ?? "")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const attempts = Number(args.attempts);
const kinds = (args.stores ?? "").split(",").filter(Boolean);
const POSTGRES_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

const dir = mkdtempSync(path.join(tmpdir(), "pitchside-bench-"));
const meili = await spawnMeili({ binary: process.env.MEILI_BINARY, dataDir: path.join(dir, "meili") });
const logger = createLogger("silent");
const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent", SOFFICE_PATH: "off", FFMPEG_PATH: "off" });

/** A database and a limit store of the kind asked for, as wiring.ts would choose them. */
async function open(
  kind: string,
): Promise<{ database: Database; store: () => LimiterStore; close(): Promise<void> }> {
  if (kind === "postgres") {
    const name = `pitchside_bench_${randomBytes(6).toString("hex")}`;
    const database = await openNamedDatabase(POSTGRES_URL, name);
    return {
      database,
      store: () => limiterStoreFor({ config, database, logger }),
      close: async () => {
        await database.close();
        await dropNamedDatabase(POSTGRES_URL, name);
      },
    };
  }
  const database = await openPglite(undefined);
  await database.migrate();
  if (kind === "memory") {
    return {
      database,
      store: () => limiterStoreFor({ config, database, logger }),
      close: () => database.close(),
    };
  }
  const namespace = `bench${randomBytes(5).toString("hex")}:`;
  const redisConfig = { ...config, redisUrl: REDIS_URL };
  return {
    database,
    store: () => limiterStoreFor({ config: redisConfig, database, logger, namespace }),
    close: async () => {
      await database.close();
      await deleteRedisKeys(REDIS_URL, namespace);
    },
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

/** Microseconds per attempt: each on an account and address of its own, one after another. */
async function perAttempt(store: LimiterStore, outcome: "failed" | "succeeded", run: string) {
  const throttle = new LoginThrottle(defaultLoginLimits, store);
  const micros: number[] = [];
  for (let i = 0; i < attempts; i += 1) {
    const started = performance.now();
    const admission = await throttle.admit(
      `${run}-${i}@bench.test`,
      `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    );
    if (!admission.admitted) throw new Error("a fresh account and address were refused");
    await admission.attempt[outcome]();
    micros.push((performance.now() - started) * 1000);
  }
  micros.sort((a, b) => a - b);
  const mean = micros.reduce((a, b) => a + b, 0) / micros.length;
  return `${Math.round(mean)} / ${Math.round(percentile(micros, 0.5))} / ${Math.round(percentile(micros, 0.95))}`;
}

try {
  console.log(`per attempt, µs (mean / p50 / p95) over ${attempts} attempts, throttle only`);
  console.log("store    | failed attempt        | successful attempt");
  for (const kind of kinds) {
    const opened = await open(kind);
    const store = opened.store();
    try {
      const failed = await perAttempt(store, "failed", `f${randomBytes(3).toString("hex")}`);
      const succeeded = await perAttempt(store, "succeeded", `s${randomBytes(3).toString("hex")}`);
      console.log(`${kind.padEnd(8)} | ${failed.padEnd(21)} | ${succeeded}`);
    } finally {
      await store.close();
      await opened.close();
    }
  }

  console.log(
    "\nstore    | parallel wrong passwords | 401 (checked) | 429 (refused) | other |   ms | right password: same address / new address",
  );
  for (const kind of kinds) {
    const opened = await open(kind);
    const server = await startServerWith(
      meili,
      { LOG_LEVEL: "silent", TRUST_PROXY: "loopback" },
      { database: opened.database, limiters: opened.store() },
    );
    const signIn = async (email: string, password: string, address: string): Promise<number> => {
      const res = await fetch(`${server.url}/trpc/auth.login`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: server.url, "x-forwarded-for": address },
        body: JSON.stringify({ email, password }),
      });
      await res.arrayBuffer();
      return res.status;
    };
    try {
      for (const [run, n] of counts.entries()) {
        const victim = await makeUser(server.deps.database.db, { role: "admin" });
        const attacker = `203.0.113.${run + 1}`;
        const started = performance.now();
        const statuses = await Promise.all(
          Array.from({ length: n }, (_, i) => signIn(victim.email, `wrong-password-${i}`, attacker)),
        );
        const ms = Math.round(performance.now() - started);
        const checked = statuses.filter((s) => s === 401).length;
        const refused = statuses.filter((s) => s === 429).length;
        const sameAddress = await signIn(victim.email, victim.password, attacker);
        const newAddress = await signIn(victim.email, victim.password, `198.51.100.${run + 1}`);
        console.log(
          `${kind.padEnd(8)} | ${String(n).padStart(24)} | ${String(checked).padStart(13)} | ${String(refused).padStart(13)} | ${String(n - checked - refused).padStart(5)} | ${String(ms).padStart(4)} | ${sameAddress} / ${newAddress}`,
        );
      }
    } finally {
      await server.close();
      await opened.close();
    }
  }
} finally {
  await meili.stop();
  rmSync(dir, { recursive: true, force: true });
}
