import type { ClusterBus } from "./cluster/cluster-bus";
import type { Config } from "./config";
import type { Database } from "./db/client";
import type { FileStorage } from "./files/storage";
import type { LoginThrottle } from "./identity/login-throttle";
import type { JobRunner } from "./jobs/runner";
import type { LimiterStore } from "./limits/limiter-store";
import type { Logger } from "./logger";
import type { Lifecycle } from "./operations/lifecycle";
import type { AppMetrics } from "./operations/metrics";
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
  /** Where every rate limit counts: Redis, Postgres or memory (wiring.ts chooses). */
  limiters: LimiterStore;
  loginThrottle: LoginThrottle;
  /** Messages to the other API processes: what a change made stale in their caches. */
  bus: ClusterBus;
  /** Searches and suggestions shown, recorded behind the answer. */
  writeBehind: WriteBehind;
  /** Prometheus instruments, in this app's own registry. */
  metrics: AppMetrics;
  /** Draining once a shutdown begins: readiness turns 503. */
  lifecycle: Lifecycle;
}
