import { randomUUID } from "node:crypto";
import { isoWeekOf } from "@pitchside/shared";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAsset, makeDeal } from "../../testing/deal-factories";
import { makeUser } from "../../testing/factories";
import { codeOf } from "../../testing/refusal";
import { loginToken, startTestServer, type TestServer } from "../../testing/server";
import { assets, jobs, searches, weeklySummaries } from "../db/schema";
import { upsertTerms } from "../taxonomy/taxonomy-service";
import { ingestEvents } from "../tracking/events-service";
import { dueWeek, scheduleWeeklySummary, weeklySummary, weekRange } from "./weekly-summary";

/**
 * The book: week 46 of 2026 (Mon 9 – Sun 15 November) against week 45, looked at on Wednesday
 * 18 November. A touched won deals of 1,000 (W46) and 2,000 (W45) and a lost one; B a won deal of
 * 5,000 (W46); C was only viewed; three assets were never used.
 */
const NOW = new Date("2026-11-18T12:00:00Z");
const at = (iso: string) => new Date(`2026-${iso}Z`);
let server: TestServer;
let marketer: string;
let rep: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  const { db } = server.deps.database;
  const { storage } = server.deps;
  const term = (kind: "stage" | "persona", key: string, en: string, ja: string, order: number) => ({
    kind,
    key,
    label: { en, ja },
    order,
    patterns: [],
  });
  await upsertTerms(db, server.deps.bus, null, [
    term("stage", "discovery", "Discovery", "ヒアリング", 1),
    term("stage", "proposal", "Proposal", "提案", 2),
    term("persona", "finance", "Finance", "財務", 1),
    term("persona", "it", "IT", "情報システム", 2),
  ]);
  const m = await makeUser(db, { role: "marketer" });
  const r = await makeUser(db, { role: "rep" });
  marketer = await loginToken(server, m.email, m.password);
  rep = await loginToken(server, r.email, r.password);
  const asset = async (key: string, over: Parameters<typeof makeAsset>[2]) => {
    ids[key] = (await makeAsset(db, storage, over)).assetId;
  };
  await asset("A", { title: "Case A" });
  await asset("B", { title: "Case B" });
  await asset("C", { title: "Case C" });
  await asset("U", { title: "Unused" });
  await asset("E", { title: "Expired in week", expiresAt: at("11-12T10:00:00") });
  await asset("O", { title: "Expired before", expiresAt: at("11-01T10:00:00") });
  await asset("draft", { title: "Draft", status: "draft" });
  await db
    .update(assets)
    .set({ stages: ["proposal"], personas: ["finance"] })
    .where(eq(assets.id, ids.A as string));
  await db
    .update(assets)
    .set({ stages: ["discovery"], personas: ["finance"] })
    .where(eq(assets.id, ids.B as string));
  const deal = (status: "won" | "lost", amount: string, closedAt: string) =>
    makeDeal(db, {
      ownerId: r.id,
      status,
      amount,
      currency: "USD",
      closedAt: at(closedAt),
      stage: "closing",
    });
  const d1 = await deal("won", "1000", "11-11T12:00:00");
  const d2 = await deal("lost", "3000", "11-12T12:00:00");
  const d3 = await deal("won", "5000", "11-13T12:00:00");
  const d4 = await deal("won", "2000", "11-04T12:00:00");
  const use = (
    assetId: string,
    dealId: string | null,
    when: string,
    type: "link_inserted" | "asset_viewed" = "link_inserted",
  ) => ({
    id: randomUUID(),
    type,
    userId: r.id,
    assetId,
    dealId,
    shareId: null,
    surface: "gmail" as const,
    props: {},
    at: at(when),
  });
  await ingestEvents(db, [
    use(ids.A as string, d1.id, "11-10T09:00:00"),
    use(ids.A as string, d2.id, "11-10T10:00:00"),
    use(ids.B as string, d3.id, "11-12T09:00:00"),
    use(ids.A as string, d4.id, "11-03T09:00:00"),
    use(ids.C as string, null, "11-10T11:00:00", "asset_viewed"),
  ]);
  const search = (query: string, resultCount: number, when: string, times = 1) =>
    db
      .insert(searches)
      .values(Array.from({ length: times }, () => ({ userId: r.id, query, resultCount, at: at(when) })));
  await search("pricing sheet", 0, "11-03T09:00:00");
  await search("pricing sheet", 0, "11-10T09:00:00", 2);
  await search("SOC2 report", 0, "11-11T09:00:00", 3);
  await search("価格表", 0, "11-12T09:00:00");
  await search("roi", 5, "11-12T09:00:00");
});
afterAll(() => server?.close());

const cell = (stage: string, persona: string) => {
  const labels: Record<string, { en: string; ja: string }> = {
    discovery: { en: "Discovery", ja: "ヒアリング" },
    proposal: { en: "Proposal", ja: "提案" },
    finance: { en: "Finance", ja: "財務" },
    it: { en: "IT", ja: "情報システム" },
  };
  return { stage, stageLabel: labels[stage], persona, personaLabel: labels[persona] };
};

describe("ISO weeks", () => {
  it("names and bounds weeks as ISO 8601 does, across year ends", () => {
    expect(isoWeekOf(at("11-09T00:00:00"))).toBe("2026-W46");
    expect(isoWeekOf(at("11-15T23:59:59"))).toBe("2026-W46");
    expect(isoWeekOf(new Date("2027-01-01T12:00:00Z"))).toBe("2026-W53");
    expect(isoWeekOf(new Date("2026-01-01T12:00:00Z"))).toBe("2026-W01");
    expect(weekRange("2026-W46")).toEqual({ from: at("11-09T00:00:00"), to: at("11-16T00:00:00") });
    expect(weekRange("2026-W53").from.toISOString()).toBe("2026-12-28T00:00:00.000Z");
    expect(() => weekRange("2025-W53")).toThrow("does not exist");
  });

  it("is due from the configured day and hour (UTC) of the week after", () => {
    const monday8 = { day: 1, hour: 8 };
    expect(dueWeek(at("11-16T07:59:00"), monday8)).toBeNull();
    expect(dueWeek(at("11-16T08:00:00"), monday8)).toBe("2026-W46");
    expect(dueWeek(at("11-22T23:00:00"), monday8)).toBe("2026-W46");
    expect(dueWeek(at("11-17T08:00:00"), { day: 3, hour: 9 })).toBeNull();
    expect(dueWeek(at("11-18T09:00:00"), { day: 3, hour: 9 })).toBe("2026-W46");
  });
});

describe("analytics.weeklySummary", () => {
  it("gives a week's top content, new gaps and unused assets against the week before", async () => {
    const { db } = server.deps.database;
    const w44 = await weeklySummary(db, { week: "2026-W44" }, NOW);
    // no earlier summary stored: which cells are new is unknown
    expect(w44.newGaps).toEqual({
      zeroResultQueries: [],
      uncoveredCells: null,
      expiredAssets: [{ assetId: ids.O, title: "Expired before", expiresAt: "2026-11-01T10:00:00.000Z" }],
    });
    expect(w44.uncoveredCellCount).toBe(2);

    const w45 = await weeklySummary(db, { week: "2026-W45" }, NOW);
    expect(w45.topContent).toEqual([
      {
        assetId: ids.A,
        title: "Case A",
        titleJa: null,
        type: "case_study",
        dealsTouched: 1,
        won: 1,
        winRate: 1,
        influencedRevenue: 2000,
      },
    ]);
    expect(w45.newGaps).toEqual({
      zeroResultQueries: [{ query: "pricing sheet", language: "en", searches: 1 }],
      uncoveredCells: [],
      expiredAssets: [],
    });

    // after week 45 was summed up, A loses its tags: Proposal × Finance has no content any more
    await db
      .update(assets)
      .set({ stages: [], personas: [] })
      .where(eq(assets.id, ids.A as string));
    const w46 = await weeklySummary(db, { week: "2026-W46" }, NOW);
    expect(w46).toEqual({
      week: "2026-W46",
      from: "2026-11-09T00:00:00.000Z",
      to: "2026-11-16T00:00:00.000Z",
      complete: true,
      currency: "USD",
      topContent: [
        {
          assetId: ids.B,
          title: "Case B",
          titleJa: null,
          type: "case_study",
          dealsTouched: 1,
          won: 1,
          winRate: 1,
          influencedRevenue: 5000,
        },
        {
          assetId: ids.A,
          title: "Case A",
          titleJa: null,
          type: "case_study",
          dealsTouched: 2,
          won: 1,
          winRate: 0.5,
          influencedRevenue: 1000,
        },
      ],
      newGaps: {
        // "pricing sheet" also found nothing the week before: not new
        zeroResultQueries: [
          { query: "soc2 report", language: "en", searches: 3 },
          { query: "価格表", language: "ja", searches: 1 },
        ],
        uncoveredCells: [cell("proposal", "finance")],
        expiredAssets: [{ assetId: ids.E, title: "Expired in week", expiresAt: "2026-11-12T10:00:00.000Z" }],
      },
      // nobody used these in the 28 days up to 16 November (A, B were inserted, C viewed)
      unusedAssets: [
        { assetId: ids.O, title: "Expired before", type: "case_study", publishedAt: null },
        { assetId: ids.E, title: "Expired in week", type: "case_study", publishedAt: null },
        { assetId: ids.U, title: "Unused", type: "case_study", publishedAt: null },
      ],
      unusedCount: 3,
      uncoveredCellCount: 3,
    });

    // an ended week is computed once: later searches do not change what was sent
    await db.insert(searches).values({ query: "late query", resultCount: 0, at: at("11-14T09:00:00") });
    expect(await weeklySummary(db, { week: "2026-W46" }, NOW)).toEqual(w46);
    expect(await weeklySummary(db, {}, NOW)).toEqual(w46);
  });

  it("shows the running week so far without storing it, and refuses weeks to come", async () => {
    const { db } = server.deps.database;
    const running = await weeklySummary(db, { week: "2026-W47" }, NOW);
    expect(running.complete).toBe(false);
    expect(running.topContent).toEqual([]);
    expect(await db.select().from(weeklySummaries).where(eq(weeklySummaries.week, "2026-W47"))).toEqual([]);
    await expect(weeklySummary(db, { week: "2026-W48" }, NOW)).rejects.toThrow("has not started");
  });

  it("is for marketers and admins, with the week checked", async () => {
    const asMarketer = server.client({ token: marketer }).analytics.weeklySummary;
    const stored = await asMarketer.query({ week: "2026-W46" });
    expect(stored.topContent.map((t) => t.title)).toEqual(["Case B", "Case A"]);
    expect(await codeOf(server.client({ token: rep }).analytics.weeklySummary.query({}))).toBe("FORBIDDEN");
    expect(await codeOf(asMarketer.query({ week: "2026-W60" }))).toBe("BAD_REQUEST");
    expect(await codeOf(asMarketer.query({ week: "2025-W53" }))).toBe("BAD_REQUEST");
  });

  it("without SMTP_URL, the weekly job stores the summary and queues no mail", async () => {
    const { db } = server.deps.database;
    const schedule = { day: 3, hour: 9 };
    expect(await scheduleWeeklySummary(db, schedule, at("11-25T08:00:00"))).toBe(0);
    expect(await scheduleWeeklySummary(db, schedule, at("11-25T09:30:00"))).toBe(1);
    expect(await scheduleWeeklySummary(db, schedule, at("11-25T09:35:00"))).toBe(0);
    await server.settle();
    const rows = await db.select({ kind: jobs.kind, status: jobs.status, key: jobs.dedupeKey }).from(jobs);
    expect(rows).toEqual([{ kind: "weekly_summary", status: "done", key: "weekly_summary:2026-W47" }]);
    const [stored] = await db.select().from(weeklySummaries).where(eq(weeklySummaries.week, "2026-W47"));
    expect(stored?.summary.complete).toBe(true);
  });
});
