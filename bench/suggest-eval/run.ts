/**
 * Suggestion and search quality through the real server (HTTP, PGlite, Meilisearch), on three judged sets:
 * the short contexts (contexts.ts), the long emails (contexts-long.ts) and the search queries (search-set.ts).
 * Suggestions: hit@1, hit@3, MRR, top suggestion in the message's language, latency p50/p95.
 * Search: hit@3, precision, top hit in the query's language, latency p50/p95.
 * Equal suggestion scores count against the expected asset (metrics.ts, rankOf), so a run is repeatable.
 *
 *   node --import tsx bench/suggest-eval/run.ts [--verbose]
 *   node --import tsx bench/suggest-eval/run.ts --check           # exit 1 when a figure drops below floors.json
 *   node --import tsx bench/suggest-eval/run.ts --update-floors   # write today's figures to floors.json
 *   node --import tsx bench/suggest-eval/run.ts --json figures.json
 */

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  dealContacts,
  deals,
  makeLinkAsset,
  makeUser,
  type RunningMeili,
  spawnMeili,
  startServerWith,
  type TestServer,
  upsertTerms,
} from "@pitchside/api/testing";
import type { Language } from "@pitchside/shared";
import { type EvalContext, evalContexts } from "./contexts";
import { type LongEvalContext, longEvalContexts } from "./contexts-long";
import { evalLibrary, evalTaxonomy } from "./library";
import {
  belowFloors,
  type Floors,
  floorsFrom,
  inTop3,
  isTied,
  rankOf,
  type SearchFigures,
  type SearchOutcome,
  type SuggestFigures,
  type SuggestOutcome,
  searchFigures,
  suggestFigures,
  topInLanguage,
} from "./metrics";
import { searchJudgements } from "./search-set";

const FLOORS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "floors.json");

/** The short set has no language field: its message is in the expected asset's language. */
const languageOfAsset = new Map(evalLibrary.map((a) => [a.key, a.language ?? "en"]));
const withLanguage = (c: EvalContext): LongEvalContext => ({
  ...c,
  language: languageOfAsset.get(c.expect) ?? "en",
});

/** Judgements that name an asset the library lacks, or repeat an id: a typo would silently count as a miss. */
function judgementErrors(): string[] {
  const keys = new Set(evalLibrary.map((a) => a.key));
  const errors: string[] = [];
  const ids = new Set<string>();
  for (const c of [...evalContexts.map(withLanguage), ...longEvalContexts]) {
    if (ids.has(c.id)) errors.push(`context id ${c.id} is used twice`);
    ids.add(c.id);
    const named = [c.expect, ...(c.acceptable ?? [])];
    for (const key of named) if (!keys.has(key)) errors.push(`context ${c.id}: no asset ${key}`);
  }
  for (const j of searchJudgements) {
    for (const key of j.expect)
      if (!keys.has(key)) errors.push(`query ${JSON.stringify(j.q)}: no asset ${key}`);
  }
  return errors;
}

/** What a boot has started so far, for stopping it even when interrupted half-way. */
export interface Started {
  meili?: RunningMeili;
  server?: TestServer;
}

/** Boots a server holding the evaluation library; returns the rep's token and the asset ids by key. */
export async function bootEvalServer(dir: string, started: Started = {}) {
  const meili = await spawnMeili({ binary: process.env.MEILI_BINARY, dataDir: path.join(dir, "meili") });
  started.meili = meili;
  const server: TestServer = await startServerWith(meili, { LOG_LEVEL: "silent" });
  started.server = server;
  const { db } = server.deps.database;
  await upsertTerms(db, server.deps.bus, null, evalTaxonomy);
  await server.deps.searchIndex.syncSynonyms();
  const marketer = await makeUser(db, { role: "marketer" });
  const rep = await makeUser(db, { role: "rep" });
  const idByKey = new Map<string, string>();
  for (const { key, ...meta } of evalLibrary) idByKey.set(key, await makeLinkAsset(db, marketer, meta));
  await server.deps.searchIndex.drain();
  const login = (await server
    .client()
    .auth.login.mutate({ email: rep.email, password: rep.password, client: "extension" })) as {
    token: string;
  };
  return { meili, server, repId: rep.id, token: login.token, idByKey };
}

type EvalServer = Awaited<ReturnType<typeof bootEvalServer>>;

async function runSuggestSet(
  s: EvalServer,
  set: string,
  contexts: LongEvalContext[],
  verbose: boolean,
): Promise<SuggestFigures> {
  const { server, repId, token, idByKey } = s;
  const { db } = server.deps.database;
  const keyById = new Map([...idByKey].map(([k, v]) => [v, k]));
  const client = server.client({ token });
  const outcomes: SuggestOutcome[] = [];
  for (const [i, c] of contexts.entries()) {
    let recipientEmails: string[] | undefined;
    if (c.deal) {
      const domain = `account-${set}-${i}.example`;
      const email = `contact${i}@${domain}`;
      const [deal] = await db
        .insert(deals)
        .values({
          name: `Deal ${c.id}`,
          accountDomain: domain,
          stage: c.deal.stage,
          industry: c.deal.industry,
          ownerId: repId,
        })
        .returning({ id: deals.id });
      await db.insert(dealContacts).values({ dealId: deal?.id ?? "", email, title: c.deal.contactTitle });
      recipientEmails = [email];
    }
    const started = performance.now();
    const result = await client.suggest.forContext.query({
      text: c.text,
      stage: c.stage,
      title: c.title,
      recipientEmails,
      limit: 10,
    });
    const ms = performance.now() - started;
    const ranked = result.items.map((item) => keyById.get(item.asset.id) ?? "?");
    const outcome: SuggestOutcome = {
      ranked,
      scores: result.items.map((item) => item.score),
      languages: result.items.map((item) => item.asset.language as Language),
      expect: c.expect,
      acceptable: c.acceptable ?? [],
      language: c.language,
      ms,
    };
    outcomes.push(outcome);
    const rank = rankOf(outcome);
    if (verbose || rank !== 1) {
      const tie = rank > 0 && isTied(outcome, ranked.indexOf(c.expect)) ? " (tie)" : "";
      const lang = topInLanguage(outcome) ? "" : `  top not in ${c.language}`;
      console.log(
        `${rank === 1 ? "✓" : inTop3(outcome) ? "~" : "✗"} ${c.id.padEnd(34)} want ${c.expect.padEnd(20)} rank ${`${rank || "-"}${tie}`.padEnd(8)} top: ${ranked.slice(0, 3).join(", ")}` +
          `  [stage ${result.context.stage}, persona ${result.context.persona}, comp ${result.context.competitors}, obj ${result.context.objections}]${lang}`,
      );
    }
  }
  return suggestFigures(outcomes);
}

async function runSearchSet(s: EvalServer, verbose: boolean): Promise<SearchFigures> {
  const keyById = new Map([...s.idByKey].map(([k, v]) => [v, k]));
  const client = s.server.client({ token: s.token });
  const outcomes: SearchOutcome[] = [];
  for (const j of searchJudgements) {
    const started = performance.now();
    const result = await client.search.query.query({ q: j.q, limit: 10 });
    const ms = performance.now() - started;
    const ranked = result.hits.map((hit) => keyById.get(hit.asset.id) ?? "?");
    outcomes.push({
      ranked,
      expect: j.expect,
      language: j.language,
      topLanguage: result.hits[0]?.asset.language as Language | undefined,
      ms,
    });
    const k = Math.min(3, j.expect.length);
    const perfect = j.expect.slice(0, k).every((key) => ranked.slice(0, k).includes(key));
    if (verbose || !perfect) {
      const best = ranked.slice(0, 3).includes(j.expect[0] ?? "");
      console.log(
        `${perfect ? "✓" : best ? "~" : "✗"} ${JSON.stringify(j.q).padEnd(26)} want ${j.expect.join(", ").padEnd(38)} top: ${ranked.slice(0, 3).join(", ") || "(nothing)"}`,
      );
    }
  }
  return searchFigures(outcomes);
}

/** A few unmeasured calls first, so the first set does not pay for the server's warm-up. */
async function warmUp(s: EvalServer) {
  const client = s.server.client({ token: s.token });
  for (const c of evalContexts.slice(0, 5)) {
    await client.suggest.forContext.query({ text: c.text, stage: c.stage, title: c.title, limit: 10 });
  }
  for (const j of searchJudgements.slice(0, 5)) await client.search.query.query({ q: j.q, limit: 10 });
}

const f3 = (x: number) => x.toFixed(3);
const ms = (x: number) => `${x.toFixed(1)} ms`;

function printTable(measured: { suggest: Record<string, SuggestFigures>; search: SearchFigures }) {
  console.log(
    `\n${"suggestions".padEnd(14)} ${"n".padStart(3)}  hit@1  hit@3  MRR    in-lang  ${"p50".padStart(9)}  ${"p95".padStart(9)}`,
  );
  for (const [set, f] of Object.entries(measured.suggest)) {
    console.log(
      `${set.padEnd(14)} ${String(f.n).padStart(3)}  ${f3(f.hit1)}  ${f3(f.hit3)}  ${f3(f.mrr)}  ${f3(f.inLanguage)}    ${ms(f.p50Ms).padStart(9)}  ${ms(f.p95Ms).padStart(9)}`,
    );
  }
  const s = measured.search;
  console.log(
    `\n${"search".padEnd(14)} ${"n".padStart(3)}  hit@3  prec.  in-lang  ${"p50".padStart(9)}  ${"p95".padStart(9)}`,
  );
  console.log(
    `${"queries".padEnd(14)} ${String(s.n).padStart(3)}  ${f3(s.hit3)}  ${f3(s.precision)}  ${f3(s.inLanguage)}    ${ms(s.p50Ms).padStart(9)}  ${ms(s.p95Ms).padStart(9)}`,
  );
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const { values } = parseArgs({
    options: {
      verbose: { type: "boolean", default: false },
      check: { type: "boolean", default: false },
      "update-floors": { type: "boolean", default: false },
      json: { type: "string" },
    },
  });
  const errors = judgementErrors();
  if (errors.length > 0) throw new Error(`judged sets name unknown assets:\n  ${errors.join("\n  ")}`);
  if (values.check && !existsSync(FLOORS_FILE)) {
    throw new Error(`${FLOORS_FILE} is missing: run with --update-floors`);
  }
  const began = performance.now();
  const dir = mkdtempSync(path.join(tmpdir(), "pitchside-eval-"));
  const started: Started = {};
  let cleaned: Promise<void> | null = null;
  const cleanup = () => {
    cleaned ??= (async () => {
      await started.server?.close();
      await started.meili?.stop();
      rmSync(dir, { recursive: true, force: true });
    })();
    return cleaned;
  };
  // An interrupted run (Ctrl-C, CI timeout) still stops the server and Meilisearch it started.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  }
  let failures: string[] = [];
  try {
    const booted = await bootEvalServer(dir, started);
    console.log(
      `${evalLibrary.length} assets; server ready in ${((performance.now() - began) / 1000).toFixed(1)} s`,
    );
    await warmUp(booted);
    console.log("\n— short contexts (contexts.ts) —");
    const old = await runSuggestSet(booted, "old", evalContexts.map(withLanguage), values.verbose);
    console.log("\n— long emails (contexts-long.ts) —");
    const long = await runSuggestSet(booted, "long", longEvalContexts, values.verbose);
    console.log("\n— search queries (search-set.ts) —");
    const search = await runSearchSet(booted, values.verbose);
    printTable({ suggest: { short: old, long: long }, search });
    const measured = { "suggest-short": old, "suggest-long": long, search };
    if (values.json) writeFileSync(values.json, `${JSON.stringify(measured, null, 2)}\n`);
    if (values["update-floors"]) {
      writeFileSync(FLOORS_FILE, `${JSON.stringify(floorsFrom(measured), null, 2)}\n`);
      console.log(`\nfloors written to ${path.relative(process.cwd(), FLOORS_FILE)}`);
    }
    if (values.check) {
      const floors = JSON.parse(readFileSync(FLOORS_FILE, "utf8")) as Floors;
      failures = belowFloors(measured, floors);
      console.log(
        failures.length === 0
          ? "\nall figures at or above their floors"
          : `\nBELOW FLOOR (bench/suggest-eval/floors.json):\n  ${failures.join("\n  ")}`,
      );
    }
  } finally {
    await cleanup();
    console.log(`evaluation took ${((performance.now() - began) / 1000).toFixed(1)} s`);
  }
  if (failures.length > 0) process.exitCode = 1;
}
