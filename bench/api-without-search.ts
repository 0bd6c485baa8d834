import type { Server } from "node:http";
import { createApp, createLogger, type Database, loadConfig, wireDeps } from "@pitchside/api/testing";

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
