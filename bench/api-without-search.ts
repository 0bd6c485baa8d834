import type { Server } from "node:http";
import { createApp } from "../apps/api/src/app";
import { loadConfig } from "../apps/api/src/config";
import type { Database } from "../apps/api/src/db/client";
import { createLogger } from "../apps/api/src/logger";
import { wireDeps } from "../apps/api/src/wiring";

/**
 * The API on `database`, listening on a free port, for benchmarks of calls that never search:
 * no Meilisearch is started, and none is asked at the address it is given.
 */
export async function serveWithoutSearch(database: Database, dataDir: string) {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent" });
  const deps = wireDeps({
    config,
    database,
    meili: { url: "http://127.0.0.1:9", masterKey: "unused" },
    indexPrefix: "bench_",
    logger: createLogger("silent"),
  });
  const server: Server = await new Promise((resolve) => {
    const s = createApp(deps).listen(0, "127.0.0.1", () => resolve(s));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return { url, server };
}
