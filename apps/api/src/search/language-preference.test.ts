import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeLinkAsset, makeUser } from "../../testing/factories";
import { codeOf } from "../../testing/refusal";
import { loginToken, startTestServer, type TestServer } from "../../testing/server";
import { auditLog } from "../db/schema";
import { demoTaxonomy } from "../demo/demo-taxonomy";
import { upsertTerms } from "../taxonomy/taxonomy-service";
import { type RunningMeili, spawnMeili } from "./meili-process";

// its own Meilisearch, stopped by the last test to check the database fallback
let meili: RunningMeili;

let server: TestServer;
let marketer: string;
let rep: string;
const ids: Record<string, string> = {};

const english = ["acmeCard", "priceGuide", "retailStory", "roiOnePager"];
const japanese = ["acmeCardJa", "manufacturingStoryJa", "priceFaqJa"];

beforeAll(async () => {
  meili = await spawnMeili({
    binary: process.env.MEILI_BINARY,
    dataDir: mkdtempSync(path.join(tmpdir(), "pitchside-language-")),
  });
  server = await startTestServer({}, { meili });
  const { db } = server.deps.database;
  await upsertTerms(db, server.deps.bus, null, demoTaxonomy);
  await server.deps.searchIndex.syncSynonyms();
  const m = await makeUser(db, { role: "marketer" });
  const r = await makeUser(db, { role: "rep" });
  marketer = await loginToken(server, m.email, m.password);
  rep = await loginToken(server, r.email, r.password);
  const asset = async (key: string, meta: Parameters<typeof makeLinkAsset>[2]) => {
    ids[key] = await makeLinkAsset(db, m, meta);
  };
  await asset("acmeCard", {
    title: "Acme battle card",
    summary: "How we win against Acme",
    type: "battle_card",
    competitors: ["acme"],
  });
  await asset("priceGuide", { title: "Handling price pushback", type: "objection_guide" });
  await asset("retailStory", { title: "Retail customer story", type: "case_study" });
  await asset("roiOnePager", { title: "ROI one pager", type: "one_pager" });
  await asset("acmeCardJa", {
    title: "アクメ対策バトルカード",
    summary: "アクメに勝つ方法",
    type: "battle_card",
    competitors: ["acme"],
    language: "ja",
  });
  await asset("manufacturingStoryJa", { title: "製造業の導入事例", type: "case_study", language: "ja" });
  await asset("priceFaqJa", { title: "価格に関するよくある質問", type: "one_pager", language: "ja" });
  await server
    .client({ token: marketer })
    .assets.linkLanguageVersion.mutate({ id: ids.acmeCardJa ?? "", of: ids.acmeCard ?? "" });
  await server.settle();
});
afterAll(async () => {
  await server?.close();
  await meili?.stop();
});

const keyOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0];
const search = (input: {
  q: string;
  uiLanguage?: "en" | "ja";
  limit?: number;
  offset?: number;
  sort?: "newest";
  filters?: Record<string, string[]>;
}) => server.client({ token: rep }).search.query.query(input);

describe("language preference in search", () => {
  it("lists a Japanese rep's empty library with Japanese content first, one card per family", async () => {
    const result = await search({ q: "", uiLanguage: "ja" });
    const keys = result.hits.map((h) => keyOf(h.asset.id));
    expect(keys.slice(0, 3).sort()).toEqual([...japanese].sort());
    expect(keys.slice(3).sort()).toEqual(english.filter((k) => k !== "acmeCard").sort());
    expect(result.total).toBe(6);
    // a language counts the cards ticking it shows: the Acme card is in both
    expect(result.facets.language).toEqual({ ja: 3, en: 4 });
    const card = result.hits.find((h) => h.asset.id === ids.acmeCardJa);
    expect(card?.languageVersions.map((v) => [v.id, v.language])).toEqual([[ids.acmeCard, "en"]]);
  });

  it("pages through the same order", async () => {
    const all = (await search({ q: "", uiLanguage: "ja" })).hits.map((h) => h.asset.id);
    const second = await search({ q: "", uiLanguage: "ja", limit: 2, offset: 2 });
    expect(second.hits.map((h) => h.asset.id)).toEqual(all.slice(2, 4));
    expect(second.total).toBe(6);
  });

  it("lists English first for an English UI, the family's English version with the Japanese on it", async () => {
    const result = await search({ q: "", uiLanguage: "en" });
    const keys = result.hits.map((h) => keyOf(h.asset.id));
    expect(keys.slice(0, 4).sort()).toEqual([...english].sort());
    expect(keys).not.toContain("acmeCardJa");
    const card = result.hits.find((h) => h.asset.id === ids.acmeCard);
    expect(card?.languageVersions.map((v) => v.id)).toEqual([ids.acmeCardJa]);
  });

  it("prefers the query's language over the UI's", async () => {
    const en = await search({ q: "acme", uiLanguage: "ja" });
    expect(en.hits[0]?.asset.id).toBe(ids.acmeCard);
    expect(en.hits.map((h) => h.asset.id)).not.toContain(ids.acmeCardJa);
    const ja = await search({ q: "アクメ", uiLanguage: "en" });
    expect(ja.hits[0]?.asset.id).toBe(ids.acmeCardJa);
    expect(ja.hits[0]?.languageVersions.map((v) => v.id)).toEqual([ids.acmeCard]);
  });

  it("keeps the tier under an explicit sort: newest Japanese first for a Japanese UI", async () => {
    const result = await search({ q: "", uiLanguage: "ja", sort: "newest" });
    expect(result.hits.map((h) => h.asset.language)).toEqual(["ja", "ja", "ja", "en", "en", "en"]);
    // the index sorts on whole seconds
    const seconds = result.hits.slice(0, 3).map((h) => Math.floor(Date.parse(h.asset.updatedAt) / 1000));
    expect(seconds).toEqual([...seconds].sort((x, y) => y - x));
  });
});

/** Facet counts are cards, as the results: with a filter ticked too, and ticking a language shows its count. */
async function expectCountsOfCards(degraded: boolean) {
  const all = await search({ q: "", uiLanguage: "en" });
  expect(all.degraded).toBe(degraded);
  const types = { battle_card: 1, objection_guide: 1, case_study: 2, one_pager: 2 };
  expect(all.facets.type).toEqual(types);
  const cards = await search({ q: "", uiLanguage: "en", filters: { type: ["battle_card"] } });
  expect(cards.total).toBe(1);
  expect(cards.facets.type).toEqual(types);
  expect(cards.facets.language).toEqual({ en: 1, ja: 1 });
  for (const [language, count] of Object.entries(all.facets.language ?? {})) {
    const ticked = await search({ q: "", uiLanguage: "en", filters: { language: [language] } });
    expect([language, ticked.total, ticked.hits.length]).toEqual([language, count, count]);
    expect(ticked.facets.language).toEqual(all.facets.language);
  }
}

describe("facet counts with a language family", () => {
  it("count each card once, as the results do, with a filter ticked too", () => expectCountsOfCards(false));
});

describe("language preference in suggestions", () => {
  const suggest = (text: string) =>
    server.client({ token: rep }).suggest.forContext.query({ text, limit: 10 });

  it("offers the family's version in the message's language, the other on it", async () => {
    const ja = await suggest("アクメと比較しています。資料をいただけますか。");
    expect(ja.items[0]?.asset.id).toBe(ids.acmeCardJa);
    expect(ja.items[0]?.languageVersions.map((v) => v.id)).toEqual([ids.acmeCard]);
    expect(ja.items.map((i) => i.asset.id)).not.toContain(ids.acmeCard);
    const en = await suggest("We are comparing you with Acme. Could you send something?");
    expect(en.items[0]?.asset.id).toBe(ids.acmeCard);
    expect(en.items.map((i) => i.asset.id)).not.toContain(ids.acmeCardJa);
  });
});

describe("linking language versions", () => {
  it("is for marketers and admins only", async () => {
    const asRep = server.client({ token: rep }).assets;
    expect(
      await codeOf(asRep.linkLanguageVersion.mutate({ id: ids.priceFaqJa ?? "", of: ids.priceGuide ?? "" })),
    ).toBe("FORBIDDEN");
    expect(await codeOf(asRep.unlinkLanguageVersion.mutate({ id: ids.acmeCardJa ?? "" }))).toBe("FORBIDDEN");
  });

  it("keeps one version per language and says why it refuses", async () => {
    const curator = server.client({ token: marketer }).assets;
    expect(
      await codeOf(curator.linkLanguageVersion.mutate({ id: ids.priceGuide ?? "", of: ids.acmeCard ?? "" })),
    ).toBe("CONFLICT");
    expect(
      await codeOf(curator.linkLanguageVersion.mutate({ id: ids.priceFaqJa ?? "", of: ids.acmeCard ?? "" })),
    ).toBe("CONFLICT");
    expect(await codeOf(curator.update.mutate({ id: ids.acmeCardJa ?? "", patch: { language: "en" } }))).toBe(
      "CONFLICT",
    );
    expect(
      await codeOf(curator.linkLanguageVersion.mutate({ id: ids.acmeCard ?? "", of: ids.acmeCard ?? "" })),
    ).toBe("BAD_REQUEST");
  });

  it("links and unlinks with an audit line, and the asset page lists the versions", async () => {
    const curator = server.client({ token: marketer }).assets;
    await curator.linkLanguageVersion.mutate({ id: ids.priceFaqJa ?? "", of: ids.priceGuide ?? "" });
    const page = await server.client({ token: rep }).assets.get.query({ id: ids.priceGuide ?? "" });
    expect(page.languageVersions.map((v) => [v.id, v.language])).toEqual([[ids.priceFaqJa, "ja"]]);
    await curator.unlinkLanguageVersion.mutate({ id: ids.priceFaqJa ?? "" });
    const after = await server.client({ token: rep }).assets.get.query({ id: ids.priceGuide ?? "" });
    expect(after.languageVersions).toEqual([]);
    const { db } = server.deps.database;
    const lines = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entity, "asset"), eq(auditLog.entityId, ids.priceFaqJa ?? "")));
    expect(lines.map((l) => l.action)).toEqual(
      expect.arrayContaining(["asset.link_language_version", "asset.unlink_language_version"]),
    );
  });
});

describe("with Meilisearch down", () => {
  it("keeps the language tier and one card per family in the database fallback", async () => {
    await meili.stop();
    const result = await search({ q: "", uiLanguage: "ja" });
    expect(result.degraded).toBe(true);
    expect(result.hits.map((h) => h.asset.language)).toEqual(["ja", "ja", "ja", "en", "en", "en"]);
    expect(result.total).toBe(6);
    const card = result.hits.find((h) => h.asset.id === ids.acmeCardJa);
    expect(card?.languageVersions.map((v) => v.id)).toEqual([ids.acmeCard]);
    const en = await search({ q: "acme", uiLanguage: "ja" });
    expect(en.hits.map((h) => h.asset.id)).toEqual([ids.acmeCard]);
    await expectCountsOfCards(true);
  });
});
