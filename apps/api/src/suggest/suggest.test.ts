import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeLinkAsset, makeTeam, makeUser } from "../../testing/factories";
import { loginToken, startTestServer, type TestServer } from "../../testing/server";
import { dealContacts, deals, events } from "../db/schema";
import { demoTaxonomy } from "../demo/demo-taxonomy";
import { upsertTerms } from "../taxonomy/taxonomy-service";
import { ingestEvents } from "../tracking/events-service";

let server: TestServer;
let repToken: string;
let repId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  const { db } = server.deps.database;
  await upsertTerms(db, server.deps.bus, null, demoTaxonomy);
  await server.deps.searchIndex.syncSynonyms();
  const team = await makeTeam(db, "East");
  const other = await makeTeam(db, "West");
  const marketer = await makeUser(db, { role: "marketer" });
  const rep = await makeUser(db, { role: "rep", teamId: team.id });
  repId = rep.id;
  repToken = await loginToken(server, rep.email, rep.password);
  const asset = (key: string, meta: Parameters<typeof makeLinkAsset>[2]) =>
    makeLinkAsset(db, marketer, meta).then((id) => {
      ids[key] = id;
    });
  await asset("acmeCard", {
    title: "Beating Acme",
    type: "battle_card",
    competitors: ["acme"],
    stages: ["demo"],
  });
  await asset("priceGuide", {
    title: "Handling price pushback",
    type: "objection_guide",
    objections: ["price"],
  });
  await asset("priceGuideJa", {
    title: "価格への反論対応",
    type: "objection_guide",
    objections: ["price"],
    language: "ja",
  });
  await asset("cfoProposal", {
    title: "ROI model for finance",
    type: "one_pager",
    stages: ["proposal"],
    personas: ["finance"],
  });
  await asset("itProposal", {
    title: "Security overview for IT",
    type: "whitepaper",
    stages: ["proposal"],
    personas: ["it"],
  });
  await asset("discovery", {
    title: "Discovery questions",
    type: "other",
    stages: ["discovery"],
    personas: ["finance"],
  });
  await asset("draft", {
    title: "Draft Acme card",
    type: "battle_card",
    competitors: ["acme"],
    status: "draft",
  });
  await asset("westOnly", {
    title: "West Acme card",
    type: "battle_card",
    competitors: ["acme"],
    teams: [other.id],
  });
  await asset("expired", {
    title: "Old Acme card",
    type: "battle_card",
    competitors: ["acme"],
    expiresAt: "2021-01-01T00:00:00Z",
  });
  const [deal] = await db
    .insert(deals)
    .values({
      name: "Contoso renewal",
      accountName: "Contoso",
      accountDomain: "contoso.com",
      stage: "proposal",
      ownerId: rep.id,
    })
    .returning();
  if (!deal) throw new Error("no deal");
  ids.deal = deal.id;
  await db.insert(dealContacts).values({
    dealId: deal.id,
    email: "cfo@contoso.com",
    name: "Dana",
    title: "Chief Financial Officer (CFO)",
  });
  await server.settle();
});
afterAll(() => server?.close());

const suggest = (input: Parameters<ReturnType<TestServer["client"]>["suggest"]["forContext"]["query"]>[0]) =>
  server.client({ token: repToken }).suggest.forContext.query(input);

describe("suggest.forContext", () => {
  it("puts the mentioned competitor's battle card first, and never drafts, other teams' or expired assets", async () => {
    const result = await suggest({ text: "We're also evaluating Acme; their demo looked slick.", limit: 20 });
    expect(result.context.competitors).toEqual(["acme"]);
    expect(result.items[0]?.asset.id).toBe(ids.acmeCard);
    expect(result.items[0]?.reasons).toContainEqual({ kind: "competitor", label: "Mentions: Acme" });
    const shown = result.items.map((i) => i.asset.id);
    for (const hidden of [ids.draft, ids.westOnly, ids.expired]) expect(shown).not.toContain(hidden);
  });

  it("reads katakana and full-width competitor names in Japanese messages", async () => {
    const result = await suggest({
      text: "現在ＡＣＭＥ社（アクメ）とも比較検討しています。",
      uiLanguage: "ja",
    });
    expect(result.context.competitors).toEqual(["acme"]);
    expect(result.items[0]?.asset.id).toBe(ids.acmeCard);
    expect(result.items[0]?.reasons).toContainEqual({ kind: "competitor", label: "言及: アクメ" });
  });

  it("lifts the objection guide in the message's language", async () => {
    const ja = await suggest({ text: "正直なところ、価格が高すぎるという声が社内で出ています。" });
    expect(ja.context.objections).toContain("price");
    expect(ja.context.language).toBe("ja");
    expect(ja.items[0]?.asset.id).toBe(ids.priceGuideJa);
    const en = await suggest({ text: "Honestly, the team thinks it is too expensive for this year." });
    expect(en.items[0]?.asset.id).toBe(ids.priceGuide);
  });

  it("fills stage and persona from the deal matched by the recipients; an explicit stage wins", async () => {
    const fromDeal = await suggest({ recipientEmails: ["cfo@contoso.com"] });
    expect(fromDeal.context).toMatchObject({ dealId: ids.deal, stage: "proposal", persona: "finance" });
    expect(fromDeal.items[0]?.asset.id).toBe(ids.cfoProposal);
    const explicit = await suggest({ recipientEmails: ["cfo@contoso.com"], stage: "discovery" });
    expect(explicit.context.stage).toBe("discovery");
    expect(explicit.items[0]?.asset.id).toBe(ids.discovery);
    const byDomain = await suggest({ recipientEmails: ["someone.else@contoso.com"] });
    expect(byDomain.context.dealId).toBe(ids.deal);
  });

  it("asks instead of guessing when several open deals of the account match equally well", async () => {
    const { db } = server.deps.database;
    const made = await db
      .insert(deals)
      .values(
        ["Initech expansion", "Initech renewal", "Initech pilot"].map((name) => ({
          name,
          accountName: "Initech",
          accountDomain: "initech.test",
          stage: "proposal",
          ownerId: repId,
        })),
      )
      .returning({ id: deals.id });
    expect((await suggest({ recipientEmails: ["bill@initech.test"] })).context.dealId).toBeNull();
    // a named contact settles it
    await db.insert(dealContacts).values({ dealId: made[1]?.id ?? "", email: "peter@initech.test" });
    const named = await suggest({ recipientEmails: ["peter@initech.test"] });
    expect(named.context.dealId).toBe(made[1]?.id);
  });

  it("offers no Japanese version while an English asset fits an English message", async () => {
    const en = await suggest({
      text: "Honestly, the team thinks it is too expensive for this year.",
      limit: 20,
    });
    expect(en.items.map((i) => i.asset.id)).not.toContain(ids.priceGuideJa);
  });

  it("infers the persona from a Japanese title", async () => {
    const result = await suggest({ title: "情報システム部 部長", stage: "proposal" });
    expect(result.context.persona).toBe("it");
    expect(result.items[0]?.asset.id).toBe(ids.itProposal);
  });

  it("reads a pasted thread: persona from the buyer's signature, topics from the newest message only", async () => {
    const text = [
      "Hi Sam,",
      "",
      "I walked the leadership team through your numbers yesterday. Honestly, the feedback was that it's too",
      "expensive for what we would use in year one. Is there any flexibility before the committee meets?",
      "",
      "Best regards,",
      "Dana Whitfield",
      "VP Finance",
      "Global Freight Partners",
      "",
      "On Tue, Mar 3, 2026 at 9:12 AM Sam Rivera <sam@northwind.example> wrote:",
      "> Hi Dana, attached is the comparison with Acme and our security notes.",
    ].join("\n");
    const result = await suggest({ text });
    expect(result.context).toMatchObject({
      persona: "finance",
      competitors: [],
      objections: ["price"],
      language: "en",
    });
    expect(result.items[0]?.asset.id).toBe(ids.priceGuide);
    expect(result.items.map((i) => i.asset.id)).not.toContain(ids.acmeCard);
  });

  it("never answers empty while live assets exist: what fits the sender, then the best performers, with why", async () => {
    const text = [
      "Hi Sam,",
      "",
      "Following up on our call last week. The thing that keeps coming up internally is marketing attribution:",
      "we spend a lot on events, webinars and paid social and still can't tell which campaigns turn into pipeline.",
      "Is that something your team has helped other companies with?",
      "",
      "Thanks,",
      "Priya Natarajan",
      "VP Finance",
      "Brightlane Retail",
    ].join("\n");
    const fits = await suggest({ text, stage: "proposal", limit: 10 });
    expect(fits.context).toMatchObject({ persona: "finance", competitors: [], objections: [] });
    expect(fits.items[0]?.asset.id).toBe(ids.cfoProposal);
    expect(fits.items[0]?.reasons[0]).toEqual({
      kind: "fallback",
      label: "Nothing in the library matches this message's topics; best fit for Finance at Proposal",
    });
    expect(fits.items.every((i) => i.reasons[0]?.kind === "fallback")).toBe(true);
    const ja = await suggest({ text, stage: "proposal", uiLanguage: "ja" });
    expect(ja.items[0]?.reasons[0]?.label).toBe(
      "メッセージの話題に合う資料はライブラリにありません。提案段階の財務向けに最適なもの",
    );

    const bare = await suggest({ text: "Do you help with multi-touch attribution for webinars?", limit: 10 });
    expect(bare.items.length).toBeGreaterThan(0);
    expect(bare.items.every((i) => i.asset.language === "en")).toBe(true);
    expect(bare.items[0]?.reasons[0]).toEqual({
      kind: "fallback",
      label: "Nothing in the library matches this message; best performers in English",
    });
  });

  it("credits a proven track record in the reasons", async () => {
    const { db } = server.deps.database;
    const won = await db
      .insert(deals)
      .values(
        [1, 2, 3, 4].map((n) => ({
          name: `Won ${n}`,
          stage: "closed_won",
          status: "won" as const,
          closedAt: new Date("2026-06-01"),
          ownerId: repId,
        })),
      )
      .returning({ id: deals.id });
    // uses recorded late (an offline extension catching up) from before the deals closed
    await ingestEvents(
      db,
      won.map((d) => ({
        id: randomUUID(),
        type: "shared" as const,
        userId: repId,
        assetId: ids.itProposal ?? null,
        dealId: d.id,
        shareId: null,
        surface: "gmail" as const,
        at: new Date("2026-05-01"),
        props: {},
      })),
    );
    // the track record travels in the search index, refreshed through the outbox
    await server.settle();
    const result = await suggest({ stage: "proposal", uiLanguage: "en" });
    const it = result.items.find((i) => i.asset.id === ids.itProposal);
    expect(it?.reasons).toContainEqual({ kind: "track_record", label: "Won 4 of 4 deals" });
  });

  it("refreshes an asset's track record when a deal it touched closes", async () => {
    const { db } = server.deps.database;
    const trackRecord = async () => {
      const doc = await server.deps.searchIndex.index.getDocument(ids.cfoProposal ?? "");
      return { won: doc.wonDeals, closed: doc.closedDeals };
    };
    await ingestEvents(db, [
      {
        id: randomUUID(),
        type: "link_inserted",
        userId: repId,
        assetId: ids.cfoProposal ?? null,
        dealId: ids.deal ?? null,
        shareId: null,
        surface: "gmail",
        at: new Date(),
        props: {},
      },
    ]);
    await server.settle();
    expect(await trackRecord()).toEqual({ won: 0, closed: 0 });
    await server
      .client({ token: repToken })
      .deals.update.mutate({ id: ids.deal ?? "", patch: { stage: "closed_won" } });
    await server.settle();
    expect(await trackRecord()).toEqual({ won: 1, closed: 1 });
  });

  it("logs what it showed as suggestion_shown events", async () => {
    await suggest({ text: "Acme", surface: "gmail" });
    await server.deps.writeBehind.flush();
    const rows = await server.deps.database.db
      .select()
      .from(events)
      .where(eq(events.type, "suggestion_shown"));
    expect(rows.some((r) => r.surface === "gmail" && r.assetId === ids.acmeCard)).toBe(true);
  });
});
