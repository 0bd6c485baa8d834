import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnMeili } from "../src/search/meili-process";
import { startServerWith, type TestServer } from "./app-server";

/**
 * The real API on a Meilisearch of its own, both in a throwaway folder (`pitchside-<name>-…`), for the
 * browser tests and benchmarks that run outside the suite's shared Meilisearch; `close` stops and removes it all.
 */
export async function startServerOnOwnMeili(
  name: string,
  env: Record<string, string> = {},
): Promise<{ server: TestServer; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), `pitchside-${name}-`));
  const meili = await spawnMeili({ binary: process.env.MEILI_BINARY, dataDir: path.join(dir, "meili") });
  const server = await startServerWith(meili, env);
  return {
    server,
    close: async () => {
      await server.close();
      await meili.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
