import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAsset, makeDeal } from "../../testing/deal-factories";
import { codeOf } from "../../testing/refusal";
import type { TestServer } from "../../testing/server";
import { openTestWorkspace } from "../../testing/test-workspace";
import { trackRecords } from "../assets/track-records";
import { assetDealTouches, events } from "../db/schema";
import { isBot } from "./bots";
import { notifyShareOpened } from "./notifications-service";

let server: TestServer;
let rep: string;
let repId: string;
let otherRep: string;
let otherRepId: string;

beforeAll(async () => {
  ({
    server,
    ids: { rep: repId, otherRep: otherRepId },
    tokens: { rep, otherRep },
  } = await openTestWorkspace({ users: { rep: { role: "rep" }, otherRep: { role: "rep" } } }));
});
afterAll(() => server?.close());

const HOUR = 3_600_000;
/** A time `hours` ago, as a client sends it. */
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();
/** A deal Pitchside has known for a week: the times below may fall after its creation. */
const weekOldDeal = (over: Parameters<typeof makeDeal>[1] = {}) =>
  makeDeal(server.deps.database.db, {
    ownerId: repId,
    createdAt: new Date(Date.now() - 7 * 24 * HOUR),
    ...over,
  });

const touch = async (assetId: string, dealId: string) => {
  const [row] = await server.deps.database.db
    .select()
    .from(assetDealTouches)
    .where(and(eq(assetDealTouches.assetId, assetId), eq(assetDealTouches.dealId, dealId)));
  return row;
};

describe("events.track", () => {
  it("stores a batch, aggregates touches per (asset, deal), and a replay changes nothing", async () => {
    const { db } = server.deps.database;
    const asset = await makeAsset(db, server.deps.storage);
    const deal = await weekOldDeal();
    const [t1, t2, t3] = [ago(3), ago(5), ago(4)];
    const batch = [
      {
        id: randomUUID(),
        type: "link_inserted" as const,
        assetId: asset.assetId,
        dealId: deal.id,
        surface: "outlook" as const,
        at: t1,
      },
      {
        id: randomUUID(),
        type: "link_copied" as const,
        assetId: asset.assetId,
        dealId: deal.id,
        surface: "portal" as const,
        at: t2,
      },
      {
        id: randomUUID(),
        type: "suggestion_clicked" as const,
        assetId: asset.assetId,
        dealId: deal.id,
        surface: "linkedin" as const,
        at: t3,
        props: { rank: 1 },
      },
      {
        id: randomUUID(),
        type: "suggestion_shown" as const,
        assetId: asset.assetId,
        dealId: deal.id,
        surface: "gmail" as const,
      },
      { id: randomUUID(), type: "asset_viewed" as const, assetId: asset.assetId, surface: "portal" as const },
    ];
    const c = server.client({ token: rep });
    expect(await c.events.track.mutate({ events: batch })).toEqual({
      accepted: 5,
      duplicates: 0,
      rejected: [],
    });
    const first = await touch(asset.assetId, deal.id);
    // a shown suggestion is not a touch; the three uses are
    expect(first).toMatchObject({ count: 3 });
    expect(first?.firstTouchAt.toISOString()).toBe(t2);
    expect(first?.lastTouchAt.toISOString()).toBe(t1);

    expect(await c.events.track.mutate({ events: batch })).toEqual({
      accepted: 0,
      duplicates: 5,
      rejected: [],
    });
    expect((await touch(asset.assetId, deal.id))?.count).toBe(3);

    // a later batch mixing a replayed id with a new, earlier event: only the new one counts
    const t0 = ago(20);
    const earlier = { ...batch[0], id: randomUUID(), at: t0 } as (typeof batch)[number];
    expect(
      await c.events.track.mutate({ events: [batch[1] as (typeof batch)[number], earlier] }),
    ).toMatchObject({
      accepted: 1,
      duplicates: 1,
    });
    const after = await touch(asset.assetId, deal.id);
    expect(after?.count).toBe(4);
    expect(after?.firstTouchAt.toISOString()).toBe(t0);
    expect(after?.lastTouchAt.toISOString()).toBe(t1);
    const [stored] = await db
      .select()
      .from(events)
      .where(eq(events.id, batch[2]?.id ?? ""));
    expect(stored).toMatchObject({ userId: repId, surface: "linkedin", props: { rank: 1 } });
    const [fromOutlook] = await db
      .select({ surface: events.surface })
      .from(events)
      .where(eq(events.id, batch[0]?.id ?? ""));
    expect(fromOutlook?.surface).toBe("outlook");
  });

  it("rejects events about assets or deals the caller cannot see, and keeps the rest", async () => {
    const { db } = server.deps.database;
    const draft = await makeAsset(db, server.deps.storage, { status: "draft" });
    const visible = await makeAsset(db, server.deps.storage);
    const othersDeal = await makeDeal(db, { ownerId: otherRepId });
    const ok = randomUUID();
    const hiddenAsset = randomUUID();
    const hiddenDeal = randomUUID();
    const result = await server.client({ token: rep }).events.track.mutate({
      events: [
        { id: ok, type: "asset_viewed", assetId: visible.assetId, surface: "portal" },
        { id: hiddenAsset, type: "asset_viewed", assetId: draft.assetId, surface: "portal" },
        {
          id: hiddenDeal,
          type: "link_inserted",
          assetId: visible.assetId,
          dealId: othersDeal.id,
          surface: "gmail",
        },
      ],
    });
    expect(result.accepted).toBe(1);
    expect(result.rejected).toEqual([
      { id: hiddenAsset, reason: expect.stringMatching(/^assetId: /) },
      { id: hiddenDeal, reason: expect.stringMatching(/^dealId: /) },
    ]);
    expect(await touch(visible.assetId, othersDeal.id)).toBeUndefined();
    // the owner may
    expect(
      (
        await server.client({ token: otherRep }).events.track.mutate({
          events: [
            {
              id: randomUUID(),
              type: "link_inserted",
              assetId: visible.assetId,
              dealId: othersDeal.id,
              surface: "gmail",
            },
          ],
        })
      ).accepted,
    ).toBe(1);
  });

  it("refuses prospect events and the viewer surface from signed-in clients, big batches, and strangers", async () => {
    const c = server.client({ token: rep });
    const base = { id: randomUUID(), surface: "portal" as const };
    expect(
      await codeOf(c.events.track.mutate({ events: [{ ...base, type: "prospect_opened" as never }] })),
    ).toBe("BAD_REQUEST");
    expect(
      await codeOf(
        c.events.track.mutate({ events: [{ ...base, type: "asset_viewed", surface: "viewer" as never }] }),
      ),
    ).toBe("BAD_REQUEST");
    const many = Array.from({ length: 101 }, () => ({
      id: randomUUID(),
      type: "asset_viewed" as const,
      surface: "portal" as const,
    }));
    expect(await codeOf(c.events.track.mutate({ events: many }))).toBe("BAD_REQUEST");
    await expect(
      c.events.track.mutate({ events: [{ ...base, id: "1", type: "asset_viewed" }] }),
    ).rejects.toThrow(/events\.0\.id/);
    expect(
      await codeOf(server.client().events.track.mutate({ events: [{ ...base, type: "asset_viewed" }] })),
    ).toBe("UNAUTHORIZED");
  });

  it("keeps props and timestamps exactly through the array-parameter insert", async () => {
    const props = { q: 'a"b,c{}\\ \n ü 価格', n: null, list: [1, "x"] };
    const id = randomUUID();
    const at = new Date(Date.parse(ago(2)) + 123).toISOString();
    await server.client({ token: rep }).events.track.mutate({
      events: [{ id, type: "asset_viewed", surface: "portal", at, props }],
    });
    const [row] = await server.deps.database.db.select().from(events).where(eq(events.id, id));
    expect(row?.props).toEqual(props);
    expect(row?.at.toISOString()).toBe(at);
  });

  it("takes a client's own time only from the last 24 hours, never before its deal existed or ahead of the clock", async () => {
    const { db } = server.deps.database;
    const asset = await makeAsset(db, server.deps.storage);
    const c = server.client({ token: rep });
    // the probe: a use on a deal won long ago, dated before its close
    const won = await makeDeal(db, {
      ownerId: repId,
      status: "won",
      stage: "closed_won",
      createdAt: new Date("2000-06-01T00:00:00Z"),
      closedAt: new Date("2002-01-01T00:00:00Z"),
    });
    const fresh = await makeDeal(db, { ownerId: repId });
    const use = (over: { at: string; dealId?: string }) => ({
      id: randomUUID(),
      type: "link_inserted" as const,
      assetId: asset.assetId,
      surface: "gmail" as const,
      ...over,
    });
    const backdated = use({ dealId: won.id, at: "2001-01-01T00:00:00Z" });
    const dayOld = use({ dealId: won.id, at: ago(25) });
    const beforeDeal = use({ dealId: fresh.id, at: ago(1) });
    const ahead = use({ dealId: fresh.id, at: new Date(Date.now() + 10 * 60_000).toISOString() });
    const queued = use({ at: ago(23) });
    const result = await c.events.track.mutate({ events: [backdated, dayOld, beforeDeal, ahead, queued] });
    expect(result).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [
        { id: backdated.id, reason: expect.stringMatching(/^at: more than 24 hours ago/) },
        { id: dayOld.id, reason: expect.stringMatching(/^at: more than 24 hours ago/) },
        {
          id: beforeDeal.id,
          reason: `at: before the deal existed (created ${fresh.createdAt.toISOString()})`,
        },
        { id: ahead.id, reason: expect.stringMatching(/^at: more than 5 minutes ahead/) },
      ],
    });
    expect(await touch(asset.assetId, won.id)).toBeUndefined();
    expect((await trackRecords(db, [asset.assetId])).get(asset.assetId)).toBeUndefined();

    // a use now, after the close, is stored but never counts toward the won deal
    expect((await c.events.track.mutate({ events: [use({ dealId: won.id, at: ago(0) })] })).accepted).toBe(1);
    expect((await touch(asset.assetId, won.id))?.count).toBe(1);
    expect((await trackRecords(db, [asset.assetId])).get(asset.assetId)).toBeUndefined();
    // a little ahead of the clock is today
    const skewed = use({ dealId: fresh.id, at: new Date(Date.now() + 60_000).toISOString() });
    expect((await c.events.track.mutate({ events: [skewed] })).accepted).toBe(1);
    const [stored] = await db.select().from(events).where(eq(events.id, skewed.id));
    expect(stored?.at.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("takes 100 events with one multi-row insert and one touch upsert", async () => {
    const { db } = server.deps.database;
    const asset = await makeAsset(db, server.deps.storage);
    const deals = await Promise.all([1, 2, 3].map(() => makeDeal(db, { ownerId: repId })));
    const batch = Array.from({ length: 100 }, (_, i) => ({
      id: randomUUID(),
      type: "link_inserted" as const,
      assetId: asset.assetId,
      dealId: deals[i % 3]?.id,
      surface: "gmail" as const,
    }));
    expect((await server.client({ token: rep }).events.track.mutate({ events: batch })).accepted).toBe(100);
    const rows = await db
      .select({ dealId: assetDealTouches.dealId, count: assetDealTouches.count })
      .from(assetDealTouches)
      .where(eq(assetDealTouches.assetId, asset.assetId));
    expect(rows.map((r) => r.count).sort()).toEqual([33, 33, 34]);
    const [n] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(events)
      .where(eq(events.assetId, asset.assetId));
    expect(n?.n).toBe(100);
  });
});

describe("notifications", () => {
  it("lists, counts and marks read only the caller's own", async () => {
    const { db } = server.deps.database;
    const payload = {
      shareId: randomUUID(),
      assetId: randomUUID(),
      assetTitle: "Deck",
      dealId: null,
      dealName: null,
      recipientEmail: null,
      linkName: "",
      roomId: null,
      roomName: null,
      visitorEmail: null,
      openedAt: new Date().toISOString(),
    };
    expect(await notifyShareOpened(db, false, repId, payload)).toBe(true);
    // the same link opened again within the hour does not notify twice
    expect(await notifyShareOpened(db, false, repId, payload)).toBe(false);
    expect(await notifyShareOpened(db, false, repId, { ...payload, shareId: randomUUID() })).toBe(true);
    const c = server.client({ token: rep });
    const listed = await c.notifications.list.query();
    expect(listed.unread).toBe(2);
    expect(listed.items[0]).toMatchObject({
      kind: "share_opened",
      readAt: null,
      payload: { assetTitle: "Deck" },
    });
    const firstId = listed.items[0]?.id ?? "";
    expect(
      await server.client({ token: otherRep }).notifications.markRead.mutate({ ids: [firstId] }),
    ).toEqual({ unread: 0 });
    expect(await c.notifications.unreadCount.query()).toEqual({ unread: 2 });
    expect(await c.notifications.markRead.mutate({ ids: [firstId] })).toEqual({ unread: 1 });
    expect((await c.notifications.list.query({ unreadOnly: true })).items).toHaveLength(1);
    expect(await c.notifications.markRead.mutate({ all: true })).toEqual({ unread: 0 });
  });
});

describe("bots", () => {
  it.each([
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Twitterbot/1.0",
    "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
    "WhatsApp/2.23.20.0",
    "Mozilla/4.0 (compatible; ms-office; MSOffice 16)",
    "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.12026; Pro)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/130.0.0.0 Safari/537.36",
    "curl/8.5.0",
    "Wget/1.21.4",
    "python-requests/2.32.3",
    "node",
    "",
  ])("knows %j is not a person", (ua) => {
    expect(isBot(ua)).toBe(true);
  });

  it.each([
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0",
  ])("counts %j", (ua) => {
    expect(isBot(ua)).toBe(false);
  });
});
