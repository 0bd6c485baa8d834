import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeLinkAsset, makeUser } from "../../testing/factories";
import { loginToken, startTestServer, type TestServer } from "../../testing/server";
import { demoTaxonomy } from "../demo/demo-taxonomy";
import { upsertTerms } from "../taxonomy/taxonomy-service";
import { type RunningMeili, spawnMeili } from "./meili-process";

// Its own Meilisearch, stopped at the end to count facets on the database path too.
let meili: RunningMeili;
let server: TestServer;
let rep: string;
let marketer: string;
const dataDir = mkdtempSync(path.join(tmpdir(), "pitchside-facets-"));
const ids: Record<string, string> = {};

beforeAll(async () => {
  meili = await spawnMeili({ binary: process.env.MEILI_BINARY, dataDir });
  server = await startTestServer({}, { meili });
  const { db } = server.deps.database;
  await upsertTerms(db, server.deps.bus, null, demoTaxonomy);
  const m = await makeUser(db, { role: "marketer" });
  const r = await makeUser(db, { role: "rep" });
  marketer = await loginToken(server, m.email, m.password);
  rep = await loginToken(server, r.email, r.password);
  const actor = { ...m, locale: null };
  for (const [key, type, stage, language, status] of [
    ["caseProposal", "case_study", "proposal", "en", "published"],
    ["cardProposal", "battle_card", "proposal", "en", "published"],
    ["guideDiscovery", "objection_guide", "discovery", "ja", "published"],
    ["caseDiscovery", "case_study", "discovery", "en", "published"],
    ["caseDraft", "case_study", "proposal", "en", "draft"],
  ] as const) {
    ids[key] = await makeLinkAsset(db, actor, {
      title: `Falcon ${key}`,
      type,
      stages: [stage],
      language,
      status,
    });
  }
  await server.settle();
}, 120_000);
afterAll(async () => {
  await server?.close();
  await meili?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const search = (token: string, q: string, filters: Record<string, string[]>) =>
  server.client({ token }).search.query.query({ q, filters });

/** Two types and a stage ticked: each facet counted as if its own values were not yet chosen. */
async function expectTwoTypesAndAStage(degraded: boolean) {
  const res = await search(rep, "falcon", { type: ["case_study", "battle_card"], stages: ["proposal"] });
  expect(res.degraded).toBe(degraded);
  expect(res.hits.map((h) => h.asset.id).sort()).toEqual([ids.caseProposal, ids.cardProposal].sort());
  // types among proposal assets, stages among case studies and battle cards
  expect(res.facets.type).toEqual({ case_study: 1, battle_card: 1 });
  expect(res.facets.stages).toEqual({ proposal: 2, discovery: 1 });
  // a facet without a selection counts what is shown
  expect(res.facets.language).toEqual({ en: 2 });
}

describe("disjunctive facet counts", () => {
  it("keep the other values of a ticked facet on offer, with what each would add", async () => {
    const res = await search(rep, "", { type: ["case_study"] });
    expect(res.hits.map((h) => h.asset.id).sort()).toEqual([ids.caseProposal, ids.caseDiscovery].sort());
    expect(res.total).toBe(2);
    expect(res.facets.type).toEqual({ case_study: 2, battle_card: 1, objection_guide: 1 });
    expect(res.facets.stages).toEqual({ proposal: 1, discovery: 1 });
  });

  it("OR within a facet, AND across facets", () => expectTwoTypesAndAStage(false));

  it("still count the values of a search with no results", async () => {
    const res = await search(rep, "falcon", { type: ["objection_guide"], stages: ["proposal"] });
    expect(res.total).toBe(0);
    // the way out: the stage that has guides, the types that have proposal assets
    expect(res.facets.stages).toEqual({ discovery: 1 });
    expect(res.facets.type).toEqual({ case_study: 1, battle_card: 1 });
  });

  it("count statuses for a curator, and never a rep's hidden drafts", async () => {
    const curator = await search(marketer, "falcon", { status: ["draft"] });
    expect(curator.hits.map((h) => h.asset.id)).toEqual([ids.caseDraft]);
    expect(curator.facets.status).toEqual({ draft: 1, published: 4 });
    expect(curator.facets.type).toEqual({ case_study: 1 });
    const asRep = await search(rep, "falcon", { status: ["draft"] });
    expect(asRep.facets.status).toBeUndefined();
    expect(asRep.facets.type).toEqual({ case_study: 2, battle_card: 1, objection_guide: 1 });
  });

  it("are the same from the database while Meilisearch is down", async () => {
    await meili.stop();
    await expectTwoTypesAndAStage(true);
  });
});
