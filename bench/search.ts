/**
 * Search benchmark: search.query over HTTP versus the same request sent straight
 * to Meilisearch, at each library size; indexing throughput through the real
 * outbox indexer; and upload-to-searchable for a 20-page PDF. Both paths of the comparison use
 * the same HTTP client (node:http with kept-alive connections, what the API itself uses for
 * Meilisearch); the global fetch, which adds a few milliseconds of its own, is shown beside.
 * Language preference (a preferred-language tier, one hit per language family) is timed against
 * the same requests without it, straight to Meilisearch.
 *
 *   node --import tsx bench/search.ts                  # 10,000 and 100,000 assets
 *   node --import tsx bench/search.ts --sizes 2000     # a quick run
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/search.ts
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  assetVersions,
  demoTaxonomy,
  makePdf,
  makeUser,
  meiliHttpClient,
  meiliSearchParams,
  type SearchInput,
  spawnMeili,
  startServerWith,
  uploadFile,
  upsertTerms,
} from "@pitchside/api/testing";
import { eq } from "drizzle-orm";
import { generateAsset, queries, stages } from "./corpus";
import { insertCorpus } from "./corpus-db";
import { median, percentile, summary } from "./stats";

const { values: args } = parseArgs({
  options: { sizes: { type: "string", default: "10000,100000" }, rounds: { type: "string", default: "10" } },
});
const sameClient = meiliHttpClient();
const sizes = (args.sizes ?? "")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const rounds = Number(args.rounds);

const dir = mkdtempSync(path.join(tmpdir(), "pitchside-bench-"));
const meili = await spawnMeili({ binary: process.env.MEILI_BINARY, dataDir: path.join(dir, "meili") });
const server = await startServerWith(meili, { LOG_LEVEL: "silent" });
const { db } = server.deps.database;

try {
  console.log(
    `database: ${server.deps.database.kind}; Meilisearch spawned (1.21); ${rounds} rounds of ${queries.length * 2} queries`,
  );
  await upsertTerms(db, server.deps.bus, null, demoTaxonomy);
  await server.deps.searchIndex.syncSynonyms();
  const marketer = await makeUser(db, { role: "marketer" });
  const rep = await makeUser(db, { role: "rep" });
  const { token } = (await server
    .client()
    .auth.login.mutate({ email: rep.email, password: rep.password, client: "extension" })) as {
    token: string;
  };
  const marketerLogin = (await server.client().auth.login.mutate({
    email: marketer.email,
    password: marketer.password,
    client: "extension",
  })) as { token: string };

  let inserted = 0;
  for (const size of sizes) {
    const insertStart = performance.now();
    await insertCorpus(db, inserted, size);
    const insertMs = performance.now() - insertStart;
    // … then let the real indexer take them from the outbox.
    const indexStart = performance.now();
    const indexed = await server.deps.searchIndex.drain();
    const indexMs = performance.now() - indexStart;
    console.log(
      `\n== ${size.toLocaleString("en")} assets ==\n` +
        `inserted ${size - inserted} in ${(insertMs / 1000).toFixed(1)} s; indexed ${indexed} outbox rows in ${(indexMs / 1000).toFixed(1)} s ` +
        `= ${Math.round(indexed / (indexMs / 1000))} assets/s through the outbox indexer`,
    );
    inserted = size;

    const user = {
      id: rep.id,
      email: rep.email,
      name: rep.name,
      role: rep.role,
      teamId: rep.teamId,
      locale: null,
    };
    const inputs: SearchInput[] = queries.flatMap((q, i) => [
      { q, filters: {}, sort: "relevance" as const, limit: 20, offset: 0 },
      {
        q,
        filters: { stages: [stages[i % stages.length] ?? "demo"] },
        sort: "relevance" as const,
        limit: 20,
        offset: 0,
      },
    ]);
    // an empty query from a Japanese portal, as a rep opening the library
    inputs.push({ q: "", filters: {}, sort: "relevance", limit: 20, offset: 0, uiLanguage: "ja" });
    const http: number[] = [];
    const plain: number[] = [];
    const viaFetch: number[] = [];
    const direct: number[] = [];
    const searchUrl = (input: SearchInput) =>
      `${server.url}/trpc/search.query?input=${encodeURIComponent(JSON.stringify(input))}`;
    const headers = { authorization: `Bearer ${token}` };
    // the same client as the direct path (node:http, kept-alive connections; it throws on a non-2xx)
    const viaHttp = async (input: SearchInput) => {
      const t = performance.now();
      await sameClient(searchUrl(input), { headers });
      return performance.now() - t;
    };
    // the global fetch, as a browser-like caller: it adds its own cost on the client side
    const withFetch = async (input: SearchInput) => {
      const t = performance.now();
      const res = await fetch(searchUrl(input), { headers });
      await res.json();
      if (!res.ok) throw new Error(`search failed: ${res.status}`);
      return performance.now() - t;
    };
    const viaMeili = async (input: SearchInput) => {
      const t = performance.now();
      await server.deps.searchIndex.index.search(input.q, meiliSearchParams(user, input));
      return performance.now() - t;
    };
    // the same request without the language tier (the first sort) and without one hit per family
    const withoutLanguagePreference = async (input: SearchInput) => {
      const { distinct: _distinct, sort, ...rest } = meiliSearchParams(user, input);
      const params = sort && sort.length > 1 ? { ...rest, sort: sort.slice(1) } : rest;
      const t = performance.now();
      await server.deps.searchIndex.index.search(input.q, params);
      return performance.now() - t;
    };
    for (const input of inputs.slice(0, 10)) {
      await viaHttp(input);
      await viaMeili(input);
    }
    for (let round = 0; round < rounds; round++) {
      for (const input of inputs) {
        // alternate which goes first so neither always enjoys a warm cache
        if (round % 2 === 0) {
          http.push(await viaHttp(input));
          direct.push(await viaMeili(input));
        } else {
          direct.push(await viaMeili(input));
          http.push(await viaHttp(input));
        }
        viaFetch.push(await withFetch(input));
        plain.push(await withoutLanguagePreference(input));
      }
    }
    console.log(summary("search.query over HTTP (rep)", http));
    console.log(summary("  the same through fetch", viaFetch));
    console.log(summary("same request straight to Meilisearch", direct));
    console.log(summary("  without language preference", plain));
    console.log(
      `language preference: median ${(median(direct) / median(plain)).toFixed(2)}x, p95 ${(percentile(direct, 95) / percentile(plain, 95)).toFixed(2)}x`,
    );
    console.log(
      `API overhead: median ${(median(http) / median(direct)).toFixed(2)}x, p95 ${(percentile(http, 95) / percentile(direct, 95)).toFixed(2)}x ` +
        `(+${(median(http) - median(direct)).toFixed(1)} ms median)`,
    );
  }

  // Upload to searchable: a 20-page PDF through POST /api/uploads, the job and the indexer.
  server.deps.jobs.start();
  server.deps.searchIndex.start();
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    // unrelated made-up words: typo tolerance would let one run's word find the previous run's PDF
    const word = ["quokkafjord", "vexillumbrae", "pangolinquartz"][run] ?? "";
    const english = Array.from({ length: 60 }, (_, i) => generateAsset(i)).filter((a) => a.language === "en");
    const pdf = await makePdf({
      pages: Array.from(
        { length: 20 },
        // lines of about 70 characters, so every word lands on the page (one long line runs off it)
        (_, p) =>
          `Page ${p + 1}. ${english[p]?.body.slice(0, 600)} ${p === 13 ? word : ""}`
            .replace(/(.{1,70})(\s+|$)/g, "$1\n")
            .trim(),
      ),
    });
    const t = performance.now();
    const up = await uploadFile(
      server.url,
      { token: marketerLogin.token },
      { name: `report-${run}.pdf`, data: pdf, meta: { title: `Report ${run}` } },
    );
    if (up.status !== 201) throw new Error(`upload failed: ${JSON.stringify(up.body)}`);
    for (;;) {
      const found = await server.client({ token: marketerLogin.token }).search.query.query({ q: word });
      if (found.hits.some((h) => h.asset.id === up.body.assetId)) break;
      if (performance.now() - t > 120_000) {
        const state = await db
          .select({ state: assetVersions.processingState, error: assetVersions.processingError })
          .from(assetVersions)
          .where(eq(assetVersions.assetId, up.body.assetId ?? ""));
        throw new Error(
          `PDF never became searchable: ${JSON.stringify(state)}, ${await server.deps.searchIndex.pending()} pending in the outbox`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    times.push(performance.now() - t);
  }
  console.log(
    `\n20-page PDF, upload to searchable: ${times.map((t) => `${Math.round(t)} ms`).join(", ")} (median ${Math.round(median(times))} ms)`,
  );
} finally {
  await server.close();
  await meili.stop();
  rmSync(dir, { recursive: true, force: true });
}
