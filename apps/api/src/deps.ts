import type { ClusterBus } from "./cluster/cluster-bus";
import type { Config } from "./config";
import type { Database } from "./db/client";
import type { FileStorage } from "./files/storage";
import type { LoginThrottle } from "./identity/login-throttle";
import type { JobRunner } from "./jobs/runner";
import type { Logger } from "./logger";
import type { SearchIndex } from "./search/search-index";
import type { WriteBehind } from "./tracking/write-behind";

/** Everything the app needs, built by services.ts or by the test harness. */
export interface AppDeps {
  config: Config;
  database: Database;
  searchIndex: SearchIndex;
  storage: FileStorage;
  jobs: JobRunner;
  logger: Logger;
  loginThrottle: LoginThrottle;
  /** Messages to the other API processes: what a change made stale in their caches. */
  bus: ClusterBus;
  /** Searches and suggestions shown, recorded behind the answer. */
  writeBehind: WriteBehind;
}
