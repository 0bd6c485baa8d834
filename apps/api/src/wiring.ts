import { Redis } from "ioredis";
import { Meilisearch } from "meilisearch";
import { weeklySummaryJob } from "./analytics/weekly-summary";
import { processVersionJob } from "./assets/process-version-job";
import { renderVersionJob } from "./assets/render-version-job";
import { listenForChanges } from "./cluster/change-notices";
import { type ClusterBus, localBus } from "./cluster/cluster-bus";
import { PostgresBus } from "./cluster/postgres-bus";
import { RedisBus } from "./cluster/redis-bus";
import type { Config } from "./config";
import type { Database } from "./db/client";
import type { AppDeps } from "./deps";
import { openStorage } from "./files/open-storage";
import { LoginThrottle } from "./identity/login-throttle";
import { JobRunner } from "./jobs/runner";
import { type LimiterStore, memoryLimiters, postgresLimiters, redisLimiters } from "./limits/limiter-store";
import type { Logger } from "./logger";
import { Lifecycle } from "./operations/lifecycle";
import { AppMetrics } from "./operations/metrics";
import { meiliHttpClient } from "./search/meili-http";
import { SearchIndex } from "./search/search-index";
import { sendMailJob } from "./tracking/alert-mail";
import { WriteBehind } from "./tracking/write-behind";

/**
 * Where limits count: Redis when REDIS_URL is set; else the Postgres database the app runs on; else
 * (embedded PGlite, whose data lock admits one process) this process's memory. Redis keys start with
 * `namespace` (the index prefix), which keeps apart deployments, or test files, sharing one Redis.
 */
export function limiterStoreFor(opts: {
  config: Config;
  database: Database;
  logger: Logger;
  namespace?: string;
}): LimiterStore {
  const { config, database, logger, namespace } = opts;
  if (config.redisUrl) {
    // connects on its first command; one Redis has not answered within a second fails, so a lost
    // Redis costs a limit a second, not a hang
    const client = new Redis(config.redisUrl, {
      lazyConnect: true,
      commandTimeout: 1000,
      maxRetriesPerRequest: 1,
    });
    return redisLimiters(client, { logger, ...(namespace ? { namespace } : {}) });
  }
  if (database.pool) return postgresLimiters(database.pool, { logger });
  return memoryLimiters();
}

/**
 * Where messages between API processes travel (cache invalidation): Redis when REDIS_URL is set;
 * else Postgres LISTEN/NOTIFY; on the embedded database they stay in this process, the only one
 * that can open it.
 */
export function clusterBus(config: Config, database: Database, logger: Logger): ClusterBus {
  const log = logger.child({ part: "cluster-bus" });
  if (config.redisUrl) return new RedisBus(config.redisUrl, database.db, log);
  if (database.url) return new PostgresBus(database.url, database.db, log);
  return localBus((err, channel) => log.error({ err, channel }, "a cluster message handler failed"));
}

/** Builds the app's parts from a database and a Meilisearch endpoint; starts nothing. */
export function wireDeps(opts: {
  config: Config;
  database: Database;
  meili: { url: string; masterKey: string };
  indexPrefix: string;
  logger: Logger;
  /** Defaults to the store limiterStoreFor chooses; a test may hand two apps one of its own. */
  limiters?: LimiterStore;
}): AppDeps {
  const storage = openStorage(opts.config);
  const client = new Meilisearch({
    host: opts.meili.url,
    apiKey: opts.meili.masterKey,
    timeout: 5000,
    httpClient: meiliHttpClient(),
  });
  const { db } = opts.database;
  const handlers = {
    process_version: processVersionJob(db, storage),
    render_version: renderVersionJob(db, storage, opts.config.tools, opts.logger),
    send_mail: sendMailJob(db, opts.config),
    weekly_summary: weeklySummaryJob(db, opts.config),
  };
  const limiters = opts.limiters ?? limiterStoreFor({ ...opts, namespace: opts.indexPrefix });
  const bus = clusterBus(opts.config, opts.database, opts.logger);
  // the caches hear the bus from the start; `bus.start()` (services.ts, the tests) connects it
  listenForChanges(bus, db, opts.logger);
  return {
    config: opts.config,
    database: opts.database,
    searchIndex: new SearchIndex(db, client, opts.indexPrefix, opts.logger, {
      searchTimeoutMs: opts.config.searchTimeoutMs,
    }),
    storage,
    jobs: new JobRunner(
      db,
      handlers,
      opts.logger,
      // a deck in LibreOffice never holds up the text of the next upload, nor a slow mail server either
      {
        lanes: [["process_version"], ["render_version"], ["send_mail", "weekly_summary"]],
        leaseMs: opts.config.jobLeaseMs,
      },
    ),
    logger: opts.logger,
    limiters,
    bus,
    loginThrottle: new LoginThrottle(undefined, limiters),
    writeBehind: new WriteBehind(db, opts.logger),
    metrics: new AppMetrics(db, Object.keys(handlers), opts.logger),
    lifecycle: new Lifecycle(),
  };
}
