import type { Redis } from "ioredis";
import type pg from "pg";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
} from "rate-limiter-flexible";
import type { Logger } from "../logger";

/** One limit's shape: `points` per `duration` seconds for each key, under `keyPrefix`. */
export interface LimiterOptions {
  keyPrefix: string;
  points: number;
  duration: number;
}

/**
 * Where every limit's counters live, chosen once at wiring: Redis (REDIS_URL), else Postgres (the
 * app's own database), else this process's memory (embedded PGlite: one process holds the data).
 * Two API processes on one Redis or one Postgres database count against one budget.
 */
export interface LimiterStore {
  readonly kind: "memory" | "postgres" | "redis";
  limiter(opts: LimiterOptions): RateLimiterAbstract;
  /** A limit could not reach its store; logged at most once a minute per limit. */
  failed(limit: string, err: unknown): void;
  /** Removes counters whose window ended over an hour ago (Postgres only: the others expire their own). */
  sweep(): Promise<number>;
  close(): Promise<void>;
}

/** The table of drizzle/0009_rate_limits.sql (db/schema.ts `rateLimits`): one for every limit. */
const TABLE = "rate_limits";
const FAILURE_LOG_EVERY_MS = 60_000;

function failureLog(logger: Logger | undefined, kind: LimiterStore["kind"]) {
  const lastLogged = new Map<string, number>();
  return (limit: string, err: unknown) => {
    const now = Date.now();
    if (now - (lastLogged.get(limit) ?? 0) < FAILURE_LOG_EVERY_MS) return;
    lastLogged.set(limit, now);
    logger?.warn(
      { limit, store: kind, err: err instanceof Error ? err.message : String(err) },
      "limit store failed",
    );
  };
}

/** Counters in this process: right for the embedded database, where one process serves. */
export function memoryLimiters(): LimiterStore {
  return {
    kind: "memory",
    limiter: (opts) => new RateLimiterMemory(opts),
    failed: () => undefined, // memory does not fail
    sweep: async () => 0,
    close: async () => undefined,
  };
}

/**
 * Counters in the app's Postgres database, on its pool (which the database closes, not this). The
 * table belongs to the deployment's database, so its keys need no namespace.
 */
export function postgresLimiters(pool: pg.Pool, opts: { logger?: Logger } = {}): LimiterStore {
  return {
    kind: "postgres",
    limiter: (limit) =>
      new RateLimiterPostgres({
        ...limit,
        storeClient: pool,
        storeType: "pool",
        tableName: TABLE,
        // made by our migration; and `sweep` (housekeeping) clears old rows once rather than per limiter
        tableCreated: true,
        clearExpiredByTimeout: false,
      }),
    failed: failureLog(opts.logger, "postgres"),
    sweep: async () => {
      const res = await pool.query(`delete from ${TABLE} where expire < $1`, [Date.now() - 3_600_000]);
      return res.rowCount ?? 0;
    },
    close: async () => undefined,
  };
}

/** Counters in Redis under `namespace` (default `pitchside:`); `close` ends the client. */
export function redisLimiters(
  client: Redis,
  opts: { namespace?: string; logger?: Logger } = {},
): LimiterStore {
  const namespace = opts.namespace ?? "pitchside:";
  const failed = failureLog(opts.logger, "redis");
  // without a listener ioredis reports each failed reconnection as an unhandled error
  client.on("error", (err: Error) => failed("redis connection", err));
  return {
    kind: "redis",
    limiter: (limit) =>
      new RateLimiterRedis({ ...limit, keyPrefix: `${namespace}${limit.keyPrefix}`, storeClient: client }),
    failed,
    sweep: async () => 0,
    close: async () => {
      // a client that never connected (lazyConnect, no limit used yet) has nothing to say goodbye to
      if (client.status === "wait" || client.status === "end") return void client.disconnect();
      await client.quit().catch(() => client.disconnect());
    },
  };
}
