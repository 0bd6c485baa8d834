import { randomBytes } from "node:crypto";
import type { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../testing/server";
import { demoTaxonomy } from "../demo/demo-taxonomy";
import { upsertTerms } from "../taxonomy/taxonomy-service";
import { assetIndexName, assetIndexSettings, changedSettings, ensureAssetIndex } from "./asset-index";

let server: TestServer;
let client: Meilisearch;

beforeAll(async () => {
  server = await startTestServer();
  client = server.deps.searchIndex.client;
  // synonyms to keep: the demo's competitors and personas have aliases in both languages
  await upsertTerms(server.deps.database.db, server.deps.bus, null, demoTaxonomy);
  await server.deps.searchIndex.ensure();
});
afterAll(async () => {
  await server?.close();
});

/** Every task Meilisearch holds for the index (settings, documents, creation, failures too). */
async function tasksOf(uid: string): Promise<number[]> {
  const { results } = await client.tasks.getTasks({ indexUids: [uid], limit: 1000 });
  return results.map((t) => t.uid);
}

describe("ensure() on an index that has its settings", () => {
  it("sends nothing: no settings, synonyms or creation task", async () => {
    const uid = server.deps.searchIndex.uid;
    const settings = await client.index(uid).getSettings();
    expect(Object.keys(settings.synonyms ?? {}).length).toBeGreaterThan(0);
    const before = await tasksOf(uid);
    await server.deps.searchIndex.ensure();
    await server.deps.searchIndex.syncSynonyms();
    expect(await tasksOf(uid)).toEqual(before);
  });

  it("sends only what changed, in one task", async () => {
    const uid = server.deps.searchIndex.uid;
    await client
      .index(uid)
      .updateSettings({ sortableAttributes: ["title"] })
      .waitTask();
    const before = await tasksOf(uid);
    await server.deps.searchIndex.ensure();
    const added = (await tasksOf(uid)).filter((t) => !before.includes(t));
    expect(added).toHaveLength(1);
    const task = await client.tasks.getTask(added[0] ?? -1);
    expect(task.status).toBe("succeeded");
    expect(Object.keys(task.details ?? {}).filter((k) => k !== "type")).toEqual(["sortableAttributes"]);
    expect((await client.index(uid).getSettings()).sortableAttributes?.sort()).toEqual(
      [...(assetIndexSettings.sortableAttributes ?? [])].sort(),
    );
  });

  it("creates a missing index with everything", async () => {
    const prefix = `t${randomBytes(5).toString("hex")}_`;
    const fresh = client;
    try {
      await ensureAssetIndex(fresh, prefix, { cfo: ["finance"] });
      const settings = await fresh.index(assetIndexName(prefix)).getSettings();
      expect(settings.rankingRules).toEqual(assetIndexSettings.rankingRules);
      expect(settings.searchableAttributes).toEqual(assetIndexSettings.searchableAttributes);
      expect(settings.synonyms).toEqual({ cfo: ["finance"] });
    } finally {
      await fresh.deleteIndex(assetIndexName(prefix)).waitTask();
    }
  });
});

describe("changedSettings compares canonically", () => {
  it("keeps the order of ranking rules and searchable attributes, not of sets or synonyms", () => {
    const current = {
      rankingRules: ["words", "sort"],
      searchableAttributes: ["title", "body"],
      filterableAttributes: ["b", "a"],
      synonyms: { cfo: ["finance", "財務"], 財務: ["cfo"] },
    };
    expect(
      changedSettings(
        {
          rankingRules: ["sort", "words"],
          searchableAttributes: ["body", "title"],
          filterableAttributes: ["a", "b"],
          synonyms: { 財務: ["cfo"], cfo: ["財務", "finance"] },
        },
        current,
      ),
    ).toEqual({ rankingRules: ["sort", "words"], searchableAttributes: ["body", "title"] });
    expect(changedSettings({ synonyms: { cfo: ["finance"] } }, current)).toEqual({
      synonyms: { cfo: ["finance"] },
    });
  });
});
