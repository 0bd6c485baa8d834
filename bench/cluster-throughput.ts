/**
 * Cluster throughput: search.query and suggest.forContext over HTTP against one API process, then
 * against two behind a round-robin client, at a fixed concurrency for a fixed time. Both processes
 * run throughout on the same Postgres database and Meilisearch (the harness of the cluster test),
 * so the only difference between the rows is where the requests go. The load comes from this
 * process, on the same machine: on a box with few cores it competes with the servers it measures.
 *
 *   node --import tsx bench/cluster-throughput.ts                      # 2,000 assets, 16 at once, 15 s a row in 3 turns
 *   node --import tsx bench/cluster-throughput.ts --size 10000 --concurrency 32 --seconds 30
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/cluster-throughput.ts
 */

import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import {
  type ClusterNode,
  clusterClient,
  clusterToken,
  demoTaxonomy,
  localBus,
  makeUser,
  meiliHttpClient,
  startCluster,
  upsertTerms,
} from "@pitchside/api/testing";
import { detectSignals } from "@pitchside/shared";
import { sql } from "drizzle-orm";
import { queries } from "./corpus";
import { insertCorpus } from "./corpus-db";
import { median, percentile } from "./stats";
import { evalContexts } from "./suggest-eval/contexts";

const { values: args } = parseArgs({
  options: {
    size: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "16" },
    seconds: { type: "string", default: "15" },
    rounds: { type: "string", default: "3" },
  },
});
const size = Number(args.size);
const concurrency = Number(args.concurrency);
const seconds = Number(args.seconds);
const rounds = Number(args.rounds);

/** Keep-alive node:http, the client the API itself uses for Meilisearch: the global fetch adds its own cost. */
const http = meiliHttpClient();

interface Phase {
  requests: number;
  errors: number;
  latencies: number[];
  seconds: number;
}

/** `concurrency` callers, each sending its next request as soon as the last is answered, for `ms`. */
async function drive(targets: ClusterNode[], paths: string[], headers: Record<string, string>, ms: number) {
  let next = 0;
  let errors = 0;
  const latencies: number[] = [];
  const until = performance.now() + ms;
  const started = performance.now();
  const caller = async () => {
    while (performance.now() < until) {
      const n = next++;
      // round robin over the processes, as a load balancer without sticky sessions would
      const target = targets[n % targets.length] as ClusterNode;
      const t = performance.now();
      try {
        await http(`${target.url}${paths[n % paths.length]}`, { headers });
        latencies.push(performance.now() - t);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, caller));
  const elapsed = (performance.now() - started) / 1000;
  return { requests: latencies.length, errors, latencies, seconds: elapsed } satisfies Phase;
}

const merge = (phases: Phase[]): Phase => ({
  requests: phases.reduce((n, p) => n + p.requests, 0),
  errors: phases.reduce((n, p) => n + p.errors, 0),
  latencies: phases.flatMap((p) => p.latencies),
  seconds: phases.reduce((n, p) => n + p.seconds, 0),
});

const line = (label: string, p: Phase) =>
  `${label.padEnd(26)} ${(p.requests / p.seconds).toFixed(1).padStart(8)} req/s  median ${median(p.latencies).toFixed(1).padStart(7)} ms  p95 ${percentile(p.latencies, 95).toFixed(1).padStart(7)} ms  errors ${p.errors}`;

const started = performance.now();
const cluster = await startCluster({
  processes: 2,
  env: { LOG_LEVEL: "warn" },
  seed: async ({ db }) => {
    await upsertTerms(db, localBus(), null, demoTaxonomy);
    await insertCorpus(db, 0, size);
  },
});
try {
  const { db } = cluster.database;
  const [a, b] = cluster.nodes as [ClusterNode, ClusterNode];
  // both processes index from the outbox the seed filled
  for (;;) {
    const result = await db.execute(sql`select count(*)::int as n from search_outbox`);
    if ((result as unknown as { rows: { n: number }[] }).rows[0]?.n === 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const rep = await makeUser(db, { role: "rep" });
  const token = await clusterToken(a, rep);
  const headers = { authorization: `Bearer ${token}` };
  const taxonomy = await clusterClient(a, token).taxonomy.list.query();

  const trpcGet = (procedure: string, input: unknown) =>
    `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
  const searches = queries.map((q) => trpcGet("search.query", { q }));
  // what the extension sends: signals detected in the browser, never the message
  const suggestions = evalContexts.map((c) => {
    const s = detectSignals(c.text ?? "", taxonomy);
    return trpcGet("suggest.forContext", {
      surface: "gmail",
      signals: { competitors: s.competitors, objections: s.objections, keywords: s.keywords },
      language: s.language,
      ...(c.stage ? { stage: c.stage } : {}),
    });
  });

  console.log(
    `Postgres ${new URL(process.env.DATABASE_URL ?? "postgres://127.0.0.1:5432").host}, one Meilisearch, ${size.toLocaleString("en")} assets; ` +
      `ready in ${((performance.now() - started) / 1000).toFixed(1)} s; ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(2)} before the run`,
  );
  console.log(
    `${concurrency} callers at once, ${seconds} s per row in ${rounds} turns, keep-alive HTTP from this process\n`,
  );
  const ms = seconds * 1000;
  for (const [name, paths] of [
    ["search", searches],
    ["suggest", suggestions],
  ] as const) {
    // warm both processes (JIT, pools, caches) before measuring either layout
    await drive([a, b], paths, headers, 3000);
    // the layouts take turns (one, two, two, one, ...), so a neighbour's load falls on both alike
    const ones: Phase[] = [];
    const twos: Phase[] = [];
    for (let round = 0; round < rounds; round++) {
      const slice = ms / rounds;
      if (round % 2 === 0) ones.push(await drive([a], paths, headers, slice));
      twos.push(await drive([a, b], paths, headers, slice));
      if (round % 2 === 1) ones.push(await drive([a], paths, headers, slice));
    }
    const [one, two] = [merge(ones), merge(twos)];
    console.log(line(`${name}, one process`, one));
    console.log(line(`${name}, two (round robin)`, two));
    console.log(
      `${name}: two / one = ${(two.requests / two.seconds / (one.requests / one.seconds)).toFixed(2)}x throughput\n`,
    );
  }
  console.log(`load average after the run: ${loadavg()[0]?.toFixed(2)}`);
} finally {
  await cluster.stop();
}
