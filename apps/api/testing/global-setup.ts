import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { spawnMeili } from "../src/search/meili-process";
import "./provided-context";

/** One real Meilisearch for the whole run; each test file uses its own index prefix. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "pitchside-meili-"));
  const meili = await spawnMeili({ binary: process.env.MEILI_BINARY, dataDir: dir });
  project.provide("meiliUrl", meili.url);
  project.provide("meiliKey", meili.masterKey);
  return async () => {
    await meili.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
