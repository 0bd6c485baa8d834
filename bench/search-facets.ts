/**
 * Faceted search latency: search.query over HTTP (as a rep) with no filter, one active facet (two
 * types) and two active facets (two types and a stage), on the same queries and library. Beside it,
 * what the API asks Meilisearch, sent directly and interleaved so the machine's load falls on both:
 * the single search it sent before disjunctive faceting, and the multi-search (one count-only query
 * more per filtered facet) it sends now.
 *
 *   node --import tsx bench/search-facets.ts                 # 10,000 assets, 10 rounds
 *   node --import tsx bench/search-facets.ts --size 2000 --rounds 3
 */

import { parseArgs } from "node:util";
import {
  meiliHttpClient,
  meiliMultiSearch,
  meiliSearchParams,
  type SearchInput,
} from "@pitchside/api/testing";
import { assetTypes } from "@pitchside/shared";
import { bearerFor, startBenchServer } from "./bench-server";
import { queries, stages } from "./corpus";
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
  const { user, headers } = await bearerFor(server, "rep");
  await insertCorpus(db, 0, size);
  await server.deps.searchIndex.drain();
  console.log(
    `database: ${server.deps.database.kind}; ${size.toLocaleString("en")} assets; ${rounds} rounds of ${queries.length + 1} queries per case`,
  );

  const pick = <T>(list: readonly T[], i: number) => list[i % list.length] as T;
  const cases: { label: string; filters: (i: number) => SearchInput["filters"] }[] = [
    { label: "no active facet", filters: () => ({}) },
    {
      label: "one active facet (type)",
      filters: (i) => ({ type: [pick(assetTypes, i), pick(assetTypes, i + 1)] }),
    },
    {
      label: "two active facets (type, stage)",
      filters: (i) => ({ type: [pick(assetTypes, i), pick(assetTypes, i + 1)], stages: [pick(stages, i)] }),
    },
  ];
  const viaApi = async (input: SearchInput) => {
    const url = `${server.url}/trpc/search.query?input=${encodeURIComponent(JSON.stringify(input))}`;
    const t = performance.now();
    await client(url, { headers });
    return performance.now() - t;
  };
  // what the API asks Meilisearch: one search before disjunctive faceting, a multi-search now
  const { index } = server.deps.searchIndex;
  const singleSearch = async (input: SearchInput) => {
    const t = performance.now();
    await index.search(input.q, meiliSearchParams(user, input));
    return performance.now() - t;
  };
  const multiSearch = async (input: SearchInput) => {
    const t = performance.now();
    await server.deps.searchIndex.client.multiSearch(meiliMultiSearch(index.uid, user, input));
    return performance.now() - t;
  };
  const ways = [viaApi, singleSearch, multiSearch];
  const inputs = (filters: (i: number) => SearchInput["filters"]) =>
    ["", ...queries].map(
      (q, i): SearchInput => ({ q, filters: filters(i), sort: "relevance", limit: 20, offset: 0 }),
    );
  const times = cases.map(() => ways.map(() => [] as number[]));
  for (const c of cases)
    for (const input of inputs(c.filters).slice(0, 5)) for (const way of ways) await way(input);
  for (let round = 0; round < rounds; round++) {
    // cases and ways take turns on each query so none always runs on a warmer cache
    for (let i = 0; i <= queries.length; i++) {
      for (let k = 0; k < cases.length; k++) {
        const c = (k + round) % cases.length;
        const input = inputs(cases[c]?.filters ?? (() => ({})))[i];
        for (let w = 0; w < ways.length; w++) {
          const way = (w + round + i) % ways.length;
          if (input) times[c]?.[way]?.push(await (ways[way] ?? viaApi)(input));
        }
      }
    }
  }
  const base = median(times[0]?.[0] ?? []);
  cases.forEach((c, k) => {
    const [api = [], single = [], multi = []] = times[k] ?? [];
    console.log(
      `\n${c.label}\n${summary("  search.query over HTTP", api)}  ${(median(api) / base).toFixed(2)}x unfiltered\n` +
        `${summary("  Meilisearch, one search (before)", single)}\n` +
        `${summary("  Meilisearch, multi-search (now)", multi)}  ${(median(multi) / median(single)).toFixed(2)}x before`,
    );
  });
} finally {
  await close();
}
