import { Meilisearch } from "meilisearch";
import { processVersionJob } from "./assets/process-version-job";
import { renderVersionJob } from "./assets/render-version-job";
import { listenForChanges } from "./cluster/change-notices";
import { type ClusterBus, localBus } from "./cluster/cluster-bus";
import { PostgresBus } from "./cluster/postgres-bus";
import { RedisBus } from "./cluster/redis-bus";
import type { Config } from "./config";
import type { Database } from "./db/client";
import type { AppDeps } from "./deps";
import { localStorage } from "./files/storage";
import { LoginThrottle } from "./identity/login-throttle";
import { JobRunner } from "./jobs/runner";
import type { Logger } from "./logger";
import { meiliHttpClient } from "./search/meili-http";
import { SearchIndex } from "./search/search-index";
import { sendMailJob } from "./tracking/alert-mail";
import { WriteBehind } from "./tracking/write-behind";

/**
 * Redis when REDIS_URL is set; else Postgres LISTEN/NOTIFY; on the embedded database messages stay
 * in this process, the only one that can open it.
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
}): AppDeps {
  if (opts.config.storage.kind !== "local") throw new Error("Only local storage is supported");
  const storage = localStorage(opts.config.storage.dir);
  const client = new Meilisearch({
    host: opts.meili.url,
    apiKey: opts.meili.masterKey,
    timeout: 5000,
    httpClient: meiliHttpClient(),
  });
  const { db } = opts.database;
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
      {
        process_version: processVersionJob(db, storage),
        render_version: renderVersionJob(db, storage, opts.config.tools, opts.logger),
        send_mail: sendMailJob(db, opts.config),
      },
      opts.logger,
      // a deck in LibreOffice never holds up the text of the next upload, nor a slow mail server either
      { lanes: [["process_version"], ["render_version"], ["send_mail"]], leaseMs: opts.config.jobLeaseMs },
    ),
    logger: opts.logger,
    bus,
    loginThrottle: new LoginThrottle(),
    writeBehind: new WriteBehind(db, opts.logger),
  };
}
