/**
 * Search while Meilisearch is away: search.query latency over HTTP as a rep with Meilisearch
 * healthy, hung (SIGSTOP: it accepts connections and never answers) and stopped, with the API's
 * default search timeout (SEARCH_TIMEOUT_MS=500). Goal: p95 < 600 ms while degraded; before the
 * breaker every search waited the client's full 5 s when Meilisearch hung.
 *
 *   node --import tsx bench/search-degraded.ts [--size 2000] [--searches 200]
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { makeUser, spawnMeili, startServerWith } from "@pitchside/api/testing";
import { queries } from "./corpus";
import { insertCorpus } from "./corpus-db";
import { summary } from "./stats";

const { values: args } = parseArgs({
  options: { size: { type: "string", default: "2000" }, searches: { type: "string", default: "200" } },
});
const size = Number(args.size);
const searches = Number(args.searches);

const dir = mkdtempSync(path.join(tmpdir(), "pitchside-bench-degraded-"));
const meili = await spawnMeili({ binary: process.env.MEILI_BINARY, dataDir: path.join(dir, "meili") });
// the production default, not the test harness's relaxed one
const server = await startServerWith(meili, { LOG_LEVEL: "silent", SEARCH_TIMEOUT_MS: "500" });
const { db } = server.deps.database;
let paused: number | undefined;

try {
  await insertCorpus(db, 0, size);
  await server.deps.searchIndex.drain();
  const rep = await makeUser(db, { role: "rep" });
  const { token } = (await server
    .client()
    .auth.login.mutate({ email: rep.email, password: rep.password, client: "extension" })) as {
    token: string;
  };
  const headers = { authorization: `Bearer ${token}` };

  /** `searches` searches one after another; their latencies and how many came back degraded. */
  const run = async (label: string) => {
    const latencies: number[] = [];
    let degraded = 0;
    for (let i = 0; i < searches; i++) {
      const input = { q: queries[i % queries.length] ?? "pricing", limit: 20 };
      const started = performance.now();
      const res = await fetch(
        `${server.url}/trpc/search.query?input=${encodeURIComponent(JSON.stringify(input))}`,
        {
          headers,
        },
      );
      const body = (await res.json()) as { result?: { data?: { degraded?: boolean } } };
      latencies.push(performance.now() - started);
      if (!res.ok) throw new Error(`search failed: ${res.status}`);
      if (body.result?.data?.degraded) degraded++;
    }
    console.log(
      `${summary(label, latencies)}  max ${Math.max(...latencies).toFixed(0)} ms  degraded ${degraded}/${searches}`,
    );
  };

  console.log(`database: ${server.deps.database.kind}; ${size} assets; search timeout 500 ms`);
  await run("Meilisearch healthy");

  paused = await meili.processId();
  if (!paused) throw new Error("no Meilisearch process");
  process.kill(paused, "SIGSTOP");
  await run("Meilisearch hung (SIGSTOP)");
  process.kill(paused, "SIGCONT");
  paused = undefined;

  const back = Date.now();
  while (server.deps.searchIndex.breaker.isOpen) await new Promise((r) => setTimeout(r, 50));
  console.log(`breaker closed ${Date.now() - back} ms after SIGCONT`);
  await run("Meilisearch back");

  await meili.stop();
  await run("Meilisearch stopped");
} finally {
  if (paused) process.kill(paused, "SIGCONT");
  await server.close();
  await meili.stop();
  rmSync(dir, { recursive: true, force: true });
}
