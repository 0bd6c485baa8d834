import path from "node:path";
import { closeProcessingWorkers } from "./assets/processing/run-processing";
import { queueMissingRenditions } from "./assets/rendition-backlog";
import type { Config } from "./config";
import { acquireDataLock } from "./data-lock";
import { type Database, openDatabase } from "./db/client";
import type { AppDeps } from "./deps";
import { clearUploadStaging, STAGED_UPLOAD_QUIET_MS } from "./files/upload-staging";
import { startHousekeeping } from "./housekeeping";
import { sharedSessionSecret } from "./identity/session-secret";
import { requeueRunningJobs } from "./jobs/queue";
import type { Logger } from "./logger";
import { type RunningMeili, spawnMeili } from "./search/meili-process";
import { wireDeps } from "./wiring";

export interface Services {
  deps: AppDeps;
  meili: RunningMeili | null;
  stop(): Promise<void>;
}

/** Opens the database (migrated) and Meilisearch (spawned or external), then starts the workers. */
export async function startServices(
  given: Config,
  logger: Logger,
  opts: { workers?: boolean } = {},
): Promise<Services> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  };
  try {
    if (!given.databaseUrl) cleanups.push(acquireDataLock(given.dataDir, "server"));
    const database: Database = await openDatabase({
      databaseUrl: given.databaseUrl,
      dataDir: path.join(given.dataDir, "db"),
      onIdleError: (err) =>
        logger.warn({ err: err.message }, "a database connection dropped; the pool opens another"),
    });
    cleanups.push(() => database.close());
    await database.migrate();
    // processes of one database sign alike, whichever data directory each has
    const config =
      given.databaseUrl && given.sessionSecretGenerated
        ? { ...given, sessionSecret: await sharedSessionSecret(database.db, given.sessionSecret) }
        : given;
    await recoverFromCrash(config, database, logger);

    let meili: RunningMeili | null = null;
    if (!("url" in config.meili)) {
      const spawned = await spawnMeili({
        binary: config.meili.binary,
        dataDir: config.meili.dataDir,
        indexing: config.meili.indexing,
        log: logger.child({ part: "meilisearch" }),
      });
      meili = spawned;
      cleanups.push(() => spawned.stop());
      logger.info({ url: spawned.url, pid: spawned.pid }, "meilisearch started");
    }
    const deps = wireDeps({
      config,
      database,
      meili: meili ?? (config.meili as { url: string; masterKey: string }),
      indexPrefix: "pitchside_",
      logger,
    });
    cleanups.push(() => deps.writeBehind.stop());
    cleanups.push(() => deps.limiters.close());
    cleanups.push(() => deps.storage.close());
    await deps.storage.check();
    cleanups.push(() => deps.bus.stop());
    await deps.bus.start();
    await deps.searchIndex.ensure();
    if (opts.workers !== false) {
      // the backlog: files from before renditions existed, or from before LibreOffice was installed
      const queued = await queueMissingRenditions(database.db, {
        unavailable: config.tools.soffice !== null,
      });
      if (queued > 0) logger.info({ queued }, "queued renditions and thumbnails that were missing");
      deps.jobs.start();
      deps.searchIndex.start();
      cleanups.push(startHousekeeping(deps));
      cleanups.push(() => closeProcessingWorkers());
      cleanups.push(() => deps.jobs.stop());
      cleanups.push(() => deps.searchIndex.stop());
    }
    return { deps, meili, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * What a crash (kill -9, power loss) leaves behind. On the embedded database this process holds
 * the data directory's lock, so every running job and every staged upload belonged to a process
 * that is gone: they are requeued and removed at once. On Postgres other processes may be at work;
 * their leases and the upload files they are writing are left alone.
 */
async function recoverFromCrash(config: Config, database: Database, logger: Logger): Promise<void> {
  const embedded = !config.databaseUrl;
  const requeued = embedded ? await requeueRunningJobs(database.db) : 0;
  if (requeued > 0)
    logger.warn({ requeued }, "jobs that were running when the server stopped are queued again");
  const staged = await clearUploadStaging(config.dataDir, embedded ? 0 : STAGED_UPLOAD_QUIET_MS);
  if (staged.files > 0) logger.info(staged, "removed partial uploads left by an earlier run");
}
