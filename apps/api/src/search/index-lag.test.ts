import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeLinkAsset, makeTeam, makeUser } from "../../testing/factories";
import { loginToken, startTestServer, type TestServer } from "../../testing/server";
import { demoTaxonomy } from "../demo/demo-taxonomy";
import { upsertTerms } from "../taxonomy/taxonomy-service";

// The test server runs no indexer: after a change the outbox stays unprocessed until
// `settle()`, so the index holds the asset as it was, as during an indexing backlog.
let server: TestServer;
let repToken: string;
let marketerToken: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  const { db } = server.deps.database;
  await upsertTerms(db, server.deps.bus, null, demoTaxonomy);
  const team = await makeTeam(db, "North");
  const marketer = await makeUser(db, { role: "marketer" });
  const rep = await makeUser(db, { role: "rep", teamId: team.id });
  repToken = await loginToken(server, rep.email, rep.password);
  marketerToken = await loginToken(server, marketer.email, marketer.password);
  for (const [key, title] of [
    ["archived", "Walrus pricing vs Acme battle card"],
    ["moved", "Walrus rollout guide"],
    ["kept", "Walrus case study"],
  ] as const) {
    ids[key] = await makeLinkAsset(db, marketer, { title, competitors: ["acme"], stages: ["proposal"] });
  }
  await server.settle();
  // then, before the indexer runs: one archived, one moved to a team the rep is not in
  const elsewhere = await makeTeam(db, "South");
  const curator = server.client({ token: marketerToken });
  await curator.assets.archive.mutate({ id: ids.archived ?? "" });
  await curator.assets.update.mutate({ id: ids.moved ?? "", patch: { teams: [elsewhere.id] } });
});
afterAll(async () => {
  await server?.close();
});

describe("answers from a lagging index", () => {
  it("still has the index as it was before the changes", async () => {
    expect(await server.deps.searchIndex.pending()).toBeGreaterThan(0);
    const stale = await server.deps.searchIndex.index.search("walrus");
    expect(stale.hits.map((h) => h.id).sort()).toEqual(Object.values(ids).sort());
  });

  it("never show a rep what was archived or moved to another team in search", async () => {
    const after = await server.client({ token: repToken }).search.query.query({ q: "walrus" });
    expect(after.degraded).toBe(false);
    expect(after.hits.map((h) => h.asset.id)).toEqual([ids.kept]);
    expect(after.total).toBe(1);
  });

  it("never suggest it to a rep either", async () => {
    const suggested = await server
      .client({ token: repToken })
      .suggest.forContext.query({ stage: "proposal", signals: { competitors: ["acme"] } });
    expect(suggested.degraded).toBe(false);
    expect(suggested.items.map((i) => i.asset.id)).toEqual([ids.kept]);
  });

  it("show a marketer the status the database has, not the index's", async () => {
    const hits = (await server.client({ token: marketerToken }).search.query.query({ q: "walrus" })).hits;
    expect(hits.find((h) => h.asset.id === ids.archived)?.asset.status).toBe("archived");
  });
});
