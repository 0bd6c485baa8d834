import { Meilisearch } from "meilisearch";
import { processVersionJob } from "./assets/process-version-job";
import { renderVersionJob } from "./assets/render-version-job";
import type { Config } from "./config";
import type { Database } from "./db/client";
import type { AppDeps } from "./deps";
import { openStorage } from "./files/open-storage";
import { LoginThrottle } from "./identity/login-throttle";
import { JobRunner } from "./jobs/runner";
import type { Logger } from "./logger";
import { meiliHttpClient } from "./search/meili-http";
import { SearchIndex } from "./search/search-index";
import { sendMailJob } from "./tracking/alert-mail";
import { WriteBehind } from "./tracking/write-behind";

/** Builds the app's parts from a database and a Meilisearch endpoint; starts nothing. */
export function wireDeps(opts: {
  config: Config;
  database: Database;
  meili: { url: string; masterKey: string };
  indexPrefix: string;
  logger: Logger;
}): AppDeps {
  const storage = openStorage(opts.config);
  const client = new Meilisearch({
    host: opts.meili.url,
    apiKey: opts.meili.masterKey,
    timeout: 5000,
    httpClient: meiliHttpClient(),
  });
  const { db } = opts.database;
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
    loginThrottle: new LoginThrottle(),
    writeBehind: new WriteBehind(db, opts.logger),
  };
}
