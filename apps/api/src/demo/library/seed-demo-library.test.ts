import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../../testing/factories";
import { loginToken, startTestServer, type TestServer } from "../../../testing/server";
import type { SessionUser } from "../../identity/users-service";
import { demoLanguagePairs, linkDemoLanguageVersions } from "../demo-language-families";
import { seedDemoLibrary } from "./seed-demo-library";
import { demoAssets } from "./write-demo-library";

let server: TestServer;
let marketer: string;
let marketerUser: SessionUser;
let rep: string;

beforeAll(async () => {
  server = await startTestServer();
  const { db } = server.deps.database;
  const m = await makeUser(db, { role: "marketer" });
  marketerUser = m;
  const r = await makeUser(db, { role: "rep" });
  marketer = await loginToken(server, m.email, m.password);
  rep = await loginToken(server, r.email, r.password);
});
afterAll(() => server?.close());

const search = async (token: string, q: string) =>
  (await server.client({ token }).search.query.query({ q, limit: 50 })).hits.map((h) => h.asset);

describe("seedDemoLibrary", () => {
  it("imports the whole demo library with no failures, searchable in English and Japanese", {
    timeout: 120_000,
  }, async () => {
    const summary = await seedDemoLibrary({ url: server.url, token: marketer });
    expect(summary.failed).toEqual([]);
    expect(summary.created).toBe(demoAssets.length);
    expect(summary.taxonomyTerms).toBeGreaterThanOrEqual(20);
    await server.settle();

    const all = await server.client({ token: marketer }).assets.list.query({ limit: 100 });
    expect(all.total).toBeGreaterThanOrEqual(30);
    expect(all.items.filter((a) => a.language === "ja").length).toBeGreaterThanOrEqual(10);
    const failedProcessing = await server
      .client({ token: marketer })
      .assets.list.query({ processing: "failed" });
    expect(failedProcessing.items.map((a) => a.externalId)).toEqual([]);
    // no grey boxes: pages, a drawn card for Markdown, links and Office files without LibreOffice
    expect(all.items.filter((a) => a.thumbnailUrl === null).map((a) => a.externalId)).toEqual([]);

    const price = await search(rep, "価格");
    expect(price.map((a) => a.externalId)).toContain("og-price-ja");
    expect(price.filter((a) => a.language === "ja").length).toBeGreaterThanOrEqual(2);
    // words found only inside the generated files, not in titles, summaries or tags
    expect((await search(rep, "稼働データ")).map((a) => a.externalId)).toContain("cs-toho-seiki");
    expect((await search(rep, "Kronos")).map((a) => a.externalId)).toContain("cs-st-aldric");
    expect((await search(rep, "spreadsheets every Monday")).map((a) => a.externalId)).toContain(
      "cs-harbor-steel",
    );
    expect((await search(rep, "write down the names of the reports")).map((a) => a.externalId)).toContain(
      "deck-discovery",
    );
    expect((await search(rep, "アクメ")).map((a) => a.externalId)).toEqual(
      expect.arrayContaining(["bc-acme-ja", "bc-acme-en"]),
    );
    // drafts stay hidden from reps; the offer that expires soon is still visible
    const repSees = new Set((await search(rep, "")).map((a) => a.externalId));
    expect(repSees.has("cs-cobalt-ledger")).toBe(false);
    expect((await search(rep, "Q-MULTIYEAR-15")).map((a) => a.externalId)).toContain("op-spring-promo");
  });

  it("changes nothing when seeded again", { timeout: 120_000 }, async () => {
    const summary = await seedDemoLibrary({ url: server.url, token: marketer });
    expect(summary).toMatchObject({
      created: 0,
      updated: 0,
      newVersions: 0,
      unchanged: demoAssets.length,
      failed: [],
    });
  });

  it("links its English and Japanese pairs: one card each, in the searcher's language", async () => {
    const { db } = server.deps.database;
    expect(await linkDemoLanguageVersions(db, marketerUser)).toBe(demoLanguagePairs.length);
    expect(await linkDemoLanguageVersions(db, marketerUser)).toBe(0);
    await server.settle();
    const ja = await server.client({ token: rep }).search.query.query({ q: "アクメ" });
    const acme = ja.hits.filter((h) => h.asset.externalId?.startsWith("bc-acme"));
    expect(acme.map((h) => h.asset.externalId)).toEqual(["bc-acme-ja"]);
    expect(acme[0]?.languageVersions.map((v) => v.language)).toEqual(["en"]);
    const library = await server
      .client({ token: rep })
      .search.query.query({ q: "", uiLanguage: "ja", limit: 5 });
    expect(library.hits.map((h) => h.asset.language)).toEqual(["ja", "ja", "ja", "ja", "ja"]);
  });
});
