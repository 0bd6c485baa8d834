import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA, makeAsset, makeDeal } from "../../testing/deal-factories";
import { codeOf } from "../../testing/refusal";
import type { TestServer } from "../../testing/server";
import { type MadeUser, openTestWorkspace } from "../../testing/test-workspace";
import { assets, searches } from "../db/schema";
import { demoTaxonomy } from "../demo/demo-taxonomy";
import { upsertTerms } from "../taxonomy/taxonomy-service";
import { ingestEvents } from "../tracking/events-service";

const DAY_MS = 86_400_000;
let server: TestServer;
let rep1: { id: string; token: string };
let rep2: { id: string; token: string };
let marketer: string;
let X: string;
let Y: string;
let expired: string;
let expiring: string;
let dealId: string;
/** Monday of this week and of the week before, as the reports write them. */
let thisWeek: string;
let lastWeek: string;

const monday = (ms: number) => {
  const d = new Date(ms);
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d;
};

beforeAll(async () => {
  let users: Record<"rep1" | "rep2", MadeUser>;
  let tokens: { rep1: string; rep2: string; marketer: string };
  ({ server, users, tokens } = await openTestWorkspace({
    teams: ["Reports team"],
    users: {
      rep1: { role: "rep", team: "Reports team", name: "Reporter One" },
      rep2: { role: "rep", name: "Reporter Two" },
      marketer: { role: "marketer" },
    },
  }));
  const { db } = server.deps.database;
  const { storage } = server.deps;
  await upsertTerms(db, server.deps.bus, null, demoTaxonomy);
  const { rep1: r1, rep2: r2 } = users;
  rep1 = { id: r1.id, token: tokens.rep1 };
  rep2 = { id: r2.id, token: tokens.rep2 };
  marketer = tokens.marketer;

  const pdf = { data: "%PDF-1.4 test", kind: "pdf" as const, fileName: "x.pdf", pageCount: 3 };
  X = (await makeAsset(db, storage, { title: "Report asset X", file: pdf })).assetId;
  await db
    .update(assets)
    .set({ stages: ["discovery"], personas: ["finance"] })
    .where(eq(assets.id, X));
  Y = (await makeAsset(db, storage, { title: "Report asset Y" })).assetId;
  const now = Date.now();
  expired = (await makeAsset(db, storage, { title: "Expired", expiresAt: new Date(now - DAY_MS) })).assetId;
  expiring = (await makeAsset(db, storage, { title: "Expiring", expiresAt: new Date(now + 10 * DAY_MS) }))
    .assetId;
  dealId = (await makeDeal(db, { ownerId: r1.id, name: "Reports deal", stage: "proposal" })).id;
  await makeDeal(db, { ownerId: r2.id, name: "Idle deal" });

  // last week: a view and an insert on the deal; this week: a view by each rep
  const thisMonday = monday(now);
  thisWeek = thisMonday.toISOString().slice(0, 10);
  lastWeek = new Date(thisMonday.getTime() - 7 * DAY_MS).toISOString().slice(0, 10);
  const lastWeekAt = (hours: number) =>
    new Date(thisMonday.getTime() - 6 * DAY_MS + hours * 3_600_000).toISOString();
  // last week's are history (a client may date its events only a day back), this week's come as a client sends them
  const lastWeeks = { userId: rep1.id, assetId: X, shareId: null, props: {} };
  await ingestEvents(db, [
    {
      ...lastWeeks,
      id: randomUUID(),
      type: "asset_viewed",
      dealId: null,
      surface: "portal",
      at: new Date(lastWeekAt(1)),
    },
    {
      ...lastWeeks,
      id: randomUUID(),
      type: "link_inserted",
      dealId,
      surface: "gmail",
      at: new Date(lastWeekAt(2)),
    },
  ]);
  await server.client({ token: rep1.token }).events.track.mutate({
    events: [{ id: randomUUID(), type: "asset_viewed", assetId: X, surface: "portal" }],
  });
  await server.client({ token: rep2.token }).events.track.mutate({
    events: [{ id: randomUUID(), type: "asset_viewed", assetId: X, surface: "portal" }],
  });
  // a share on the deal (a "shared" event), opened by two prospects
  const share = await server.client({ token: rep1.token }).shares.create.mutate({ assetId: X, dealId });
  const beacon = (body: unknown, userAgent: string) =>
    fetch(`${server.url}/api/v/${share.token}/events`, {
      method: "POST",
      headers: { "content-type": "text/plain;charset=UTF-8", "user-agent": userAgent },
      body: JSON.stringify(body),
    });
  // two browsers: one client sending two visitor ids would be one visitor
  const otherBrowser =
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15";
  for (const [body, userAgent] of [
    [{ type: "open", visitorId: "visitor-report-1" }, BROWSER_UA],
    [
      [
        { id: randomUUID(), type: "page", page: 1, activeMs: 4200, visitorId: "visitor-report-1" },
        { id: randomUUID(), type: "page", page: 2, activeMs: 800, visitorId: "visitor-report-1" },
      ],
      BROWSER_UA,
    ],
    [{ type: "open", visitorId: "visitor-report-2" }, otherBrowser],
    [
      { id: randomUUID(), type: "page", page: 1, activeMs: 1000, visitorId: "visitor-report-2" },
      otherBrowser,
    ],
  ] as const) {
    expect((await beacon(body, userAgent)).status).toBe(204);
  }
  // searches that found nothing, in both languages, and one that found something
  await db.insert(searches).values([
    { query: "Pricing sheet", resultCount: 0, userId: r1.id },
    { query: "pricing sheet ", resultCount: 0, userId: r2.id },
    { query: "価格表", resultCount: 0, userId: r2.id },
    { query: "case study", resultCount: 3, userId: r2.id },
  ]);
  // two suggestion requests: one where nothing scored well, one with a good match
  const shown = (topScore: number, stage: string, persona: string) => ({
    id: randomUUID(),
    type: "suggestion_shown" as const,
    userId: r1.id,
    assetId: topScore > 0 ? X : null,
    dealId: null,
    shareId: null,
    surface: "gmail" as const,
    at: new Date(),
    props: { rank: topScore > 0 ? 1 : null, score: topScore || null, topScore, stage, persona },
  });
  await ingestEvents(db, [shown(0, "negotiation", "procurement"), shown(5.5, "discovery", "finance")]);
});
afterAll(() => server?.close());

const analytics = () => server.client({ token: marketer }).analytics;

describe("usage over time", () => {
  it("counts views, shares, inserts and prospect opens per rep, crediting opens to the sharer", async () => {
    const usage = await analytics().usage.query({ by: "rep", bucket: "week" });
    const byRep = new Map(usage.totals.map((t) => [t.key, t]));
    expect(byRep.get(rep1.id)).toEqual({
      key: rep1.id,
      label: "Reporter One",
      views: 2,
      shares: 1,
      inserts: 1,
      opens: 2,
    });
    expect(byRep.get(rep2.id)).toMatchObject({ views: 1, shares: 0, inserts: 0, opens: 0 });
    const rep1Weeks = usage.points.filter((p) => p.key === rep1.id);
    expect(rep1Weeks.map((p) => [p.bucket, p.views, p.inserts])).toEqual([
      [lastWeek, 1, 1],
      [thisWeek, 1, 0],
    ]);
  });

  it("buckets by day and splits by surface, with totals equal to the points", async () => {
    const usage = await analytics().usage.query({ by: "surface", bucket: "day" });
    const sum = (pick: (p: (typeof usage.points)[number]) => number) =>
      usage.points.reduce((total, p) => total + pick(p), 0);
    const totals = usage.totals.reduce((t, x) => t + x.views + x.shares + x.inserts + x.opens, 0);
    expect(sum((p) => p.views + p.shares + p.inserts + p.opens)).toBe(totals);
    expect(new Map(usage.totals.map((t) => [t.key, t.opens])).get("viewer")).toBe(2);
    expect(new Map(usage.totals.map((t) => [t.key, t.inserts])).get("gmail")).toBe(1);
  });

  it("gives a rep their own usage only", async () => {
    const mine = await server.client({ token: rep2.token }).analytics.myUsage.query({});
    expect(mine.totals).toEqual([{ key: null, label: null, views: 1, shares: 0, inserts: 0, opens: 0 }]);
    const rep1Usage = await server.client({ token: rep1.token }).analytics.myUsage.query({ by: "asset" });
    expect(rep1Usage.totals).toEqual([
      { key: X, label: "Report asset X", views: 2, shares: 1, inserts: 1, opens: 2 },
    ]);
  });
});

describe("prospect engagement, adoption and drill-downs", () => {
  it("sums opens, unique visitors and active time per page for the heat strip", async () => {
    const { items } = await analytics().engagement.query({ assetIds: [X] });
    expect(items).toEqual([
      {
        assetId: X,
        title: "Report asset X",
        opens: 2,
        uniqueVisitors: 2,
        returnVisitors: 0,
        activeMs: 6000,
        pagesRead: 2,
        pageCount: 3,
        // one visitor read 2 of 3 pages, the other 1
        completion: 0.5,
        pages: [
          { page: 1, activeMs: 5200 },
          { page: 2, activeMs: 800 },
        ],
      },
    ]);
  });

  it("counts weekly active reps and the share of deals with a content touch", async () => {
    const adoption = await analytics().adoption.query({});
    expect(adoption.reps).toBe(2);
    expect(adoption.activeReps).toBe(2);
    expect(adoption.weeks).toEqual([
      { week: lastWeek, activeReps: 1 },
      { week: thisWeek, activeReps: 2 },
    ]);
    expect(adoption.deals).toEqual({ total: 2, touched: 1, share: 0.5 });
  });

  it("drills from an asset to its deals and from a deal to its timeline", async () => {
    const drill = await analytics().assetDeals.query({ assetId: X });
    expect(drill.asset.title).toBe("Report asset X");
    expect(drill.deals.map((d) => [d.dealId, d.counted])).toEqual([[dealId, true]]);
    expect(drill.deals[0]?.uses).toBe(1 + 1 + 2 + 3); // insert, share, two opens, three page beacons
    const timeline = await analytics().dealTimeline.query({ dealId });
    expect(timeline.deal.name).toBe("Reports deal");
    const types = timeline.entries.map((e) => e.type);
    expect(types[0]).toBe("link_inserted"); // last week, before the deal reached this database
    expect(types).toEqual(
      expect.arrayContaining([
        "stage_changed",
        "link_inserted",
        "shared",
        "prospect_opened",
        "prospect_read",
      ]),
    );
    const times = timeline.entries.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    expect(await codeOf(analytics().dealTimeline.query({ dealId: randomUUID() }))).toBe("NOT_FOUND");
  });
});

describe("content gaps", () => {
  it("lists zero-result searches per language, empty stage × persona cells, unused and expiring assets, weak suggestions", async () => {
    const gaps = await analytics().gaps.query({});
    expect(gaps.zeroResultSearches.en).toEqual([
      { query: "pricing sheet", searches: 2, lastAt: expect.any(String) },
    ]);
    expect(gaps.zeroResultSearches.ja.map((q) => [q.query, q.searches])).toEqual([["価格表", 1]]);
    const cells = new Set(gaps.emptyCells.map((c) => `${c.stage}/${c.persona}`));
    expect(cells.has("discovery/finance")).toBe(false);
    expect(cells.has("proposal/it")).toBe(true);
    expect(cells.size).toBe(6 * 6 - 1);
    expect(gaps.emptyCells.find((c) => c.stage === "proposal")?.stageLabel).toEqual({
      en: "Proposal",
      ja: "提案",
    });
    expect(gaps.unusedAssets.map((a) => a.assetId).sort()).toEqual([Y, expired, expiring].sort());
    expect(gaps.expiringAssets.map((a) => [a.assetId, a.expired])).toEqual([
      [expired, true],
      [expiring, false],
    ]);
    expect(gaps.weakSuggestions).toEqual([
      { stage: "negotiation", persona: "procurement", weak: 1, total: 1 },
    ]);
  });
});

describe("who may read the reports", () => {
  it("gives a rep FORBIDDEN for every marketer report", async () => {
    const reps = server.client({ token: rep1.token }).analytics;
    const calls = [
      () => reps.usage.query({}),
      () => reps.engagement.query({}),
      () => reps.adoption.query({}),
      () => reps.gaps.query({}),
      () => reps.assetDeals.query({ assetId: X }),
      () => reps.dealTimeline.query({ dealId }),
    ];
    for (const call of calls) expect(await codeOf(call())).toBe("FORBIDDEN");
  });
});
