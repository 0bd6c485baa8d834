/**
 * Faceted search latency: search.query over HTTP (as a rep) with no filter, one active facet
 * (a type) and two active facets (a type and a stage), on the same queries and library. Each
 * filtered facet costs one more facet count (disjunctive faceting), so this shows what it adds.
 *
 *   node --import tsx bench/search-facets.ts                 # 10,000 assets, 10 rounds
 *   node --import tsx bench/search-facets.ts --size 2000 --rounds 3
 */
import { parseArgs } from "node:util";
import { meiliHttpClient } from "../apps/api/src/search/meili-http";
import type { SearchInput } from "../apps/api/src/search/search-service";
import { bearerFor, startBenchServer } from "./bench-server";
import { queries, stages, types } from "./corpus";
import { insertCorpus } from "./corpus-db";
import { median, summary } from "./stats";

const { values: args } = parseArgs({
  options: { size: { type: "string", default: "10000" }, rounds: { type: "string", default: "10" } },
});
const size = Number(args.size);
const rounds = Number(args.rounds);
const client = meiliHttpClient();
const { server, close } = await startBenchServer("facets");
const { db } = server.deps.database;

try {
  const headers = await bearerFor(server, "rep");
  await insertCorpus(db, 0, size);
  await server.deps.searchIndex.drain();
  console.log(
    `database: ${server.deps.database.kind}; ${size.toLocaleString("en")} assets; ${rounds} rounds of ${queries.length + 1} queries per case`,
  );

  const pick = <T>(list: readonly T[], i: number) => list[i % list.length] as T;
  const cases: { label: string; filters: (i: number) => SearchInput["filters"] }[] = [
    { label: "no active facet", filters: () => ({}) },
    { label: "one active facet (type)", filters: (i) => ({ type: [pick(types, i), pick(types, i + 1)] }) },
    {
      label: "two active facets (type, stage)",
      filters: (i) => ({ type: [pick(types, i), pick(types, i + 1)], stages: [pick(stages, i)] }),
    },
  ];
  const timed = async (input: SearchInput) => {
    const url = `${server.url}/trpc/search.query?input=${encodeURIComponent(JSON.stringify(input))}`;
    const t = performance.now();
    await client(url, { headers });
    return performance.now() - t;
  };
  const inputs = (filters: (i: number) => SearchInput["filters"]) =>
    ["", ...queries].map(
      (q, i): SearchInput => ({ q, filters: filters(i), sort: "relevance", limit: 20, offset: 0 }),
    );
  const times = cases.map(() => [] as number[]);
  for (const c of cases) for (const input of inputs(c.filters).slice(0, 5)) await timed(input);
  for (let round = 0; round < rounds; round++) {
    // the cases take turns on each query so none always runs on a warmer cache
    for (let i = 0; i <= queries.length; i++) {
      for (let k = 0; k < cases.length; k++) {
        const c = (k + round) % cases.length;
        const input = inputs(cases[c]?.filters ?? (() => ({})))[i];
        if (input) times[c]?.push(await timed(input));
      }
    }
  }
  const base = median(times[0] ?? []);
  cases.forEach((c, k) => {
    const values = times[k] ?? [];
    console.log(`${summary(c.label, values)}  ${(median(values) / base).toFixed(2)}x the unfiltered median`);
  });
} finally {
  await close();
}
