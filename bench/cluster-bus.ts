/**
 * How long a change notice takes from one API process to another: two buses over one Postgres
 * database (LISTEN/NOTIFY) and over Redis pub/sub, N notices sent one after another, each timed
 * from the publish call to its delivery on the other bus. Prints p50, p95 and the largest.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/cluster-bus.ts [--count 500]
 *
 * REDIS_URL defaults to redis://127.0.0.1:6379. A database of its own is made on DATABASE_URL's
 * server and dropped at the end.
 */

import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import {
  type ClusterBus,
  createLogger,
  openNamedDatabase,
  PostgresBus,
  RedisBus,
} from "@pitchside/api/testing";
import pg from "pg";

const { values: args } = parseArgs({ options: { count: { type: "string", default: "500" } } });
const count = Number(args.count);
const url = process.env.DATABASE_URL;
if (!url) throw new Error("set DATABASE_URL to a Postgres database");
const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";
const logger = createLogger("warn");

const name = `pitchside_bench_bus_${randomBytes(4).toString("hex")}`;
const database = await openNamedDatabase(url, name);
const busUrl = database.url ?? url;

async function measure(name: string, make: () => ClusterBus): Promise<void> {
  const [from, to] = [make(), make()];
  await Promise.all([from.start(), to.start()]);
  let arrived: (() => void) | null = null;
  to.subscribe("pitchside_bench", () => arrived?.());
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const heard = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const started = performance.now();
    await from.publish("pitchside_bench", String(i));
    await heard;
    times.push(performance.now() - started);
  }
  await Promise.all([from.stop(), to.stop()]);
  times.sort((x, y) => x - y);
  const at = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(2);
  console.log(`${name.padEnd(8)} ${count} notices: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
}

await measure("postgres", () => new PostgresBus(busUrl, database.db, logger));
await measure("redis", () => new RedisBus(redisUrl, database.db, logger));
await database.close();
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`drop database if exists ${name} with (force)`);
await admin.end();
