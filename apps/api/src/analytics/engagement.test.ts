import { randomUUID } from "node:crypto";
import { eq, sql, TransactionRollbackError } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA, makeAsset, makeDeal } from "../../testing/deal-factories";
import { makeUser } from "../../testing/factories";
import { codeOf } from "../../testing/refusal";
import { loginToken, startTestServer, type TestServer } from "../../testing/server";
import { assets, shareLinks } from "../db/schema";
import { ingestEvents, type NewEvent } from "../tracking/events-service";
import { rowsOf } from "./sql-rows";

const DAY_MS = 86_400_000;
let server: TestServer;
let marketer: string;
let rep: { id: string; token: string };
let A: string;
let B: string;
let dealId: string;
/** Links: L1 and L2 to A (L1 on the deal), L3 to B. */
const links: Record<"L1" | "L2" | "L3", { id: string; token: string }> = {} as never;

/**
 * Beacons through the real route, each visitor from an address of its own (the server trusts one
 * proxy hop, so X-Forwarded-For is the client's address).
 */
async function beacon(token: string, ip: string, body: unknown, userAgent = BROWSER_UA) {
  const res = await fetch(`${server.url}/api/v/${token}/events`, {
    method: "POST",
    headers: { "content-type": "text/plain;charset=UTF-8", "user-agent": userAgent, "x-forwarded-for": ip },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(204);
}
/** An open and its page flushes, as the viewer sends them; `visitorId` undefined: a browser sending none. */
async function read(link: keyof typeof links, ip: string, visitorId: string | undefined, pages: number[][]) {
  const id = visitorId ? { visitorId } : {};
  await beacon(links[link].token, ip, { type: "open", ...id });
  if (pages.length === 0) return;
  await beacon(
    links[link].token,
    ip,
    pages.map(([page, activeMs]) => ({ id: randomUUID(), type: "page", page, activeMs, ...id })),
  );
}

beforeAll(async () => {
  server = await startTestServer({ TRUST_PROXY: "1" });
  const { db } = server.deps.database;
  const { storage } = server.deps;
  const m = await makeUser(db, { role: "marketer" });
  marketer = await loginToken(server, m.email, m.password);
  const r = await makeUser(db, { role: "rep", name: "Engaged Rep" });
  rep = { id: r.id, token: await loginToken(server, r.email, r.password) };
  const pdf = (pageCount: number) => ({
    data: "%PDF-1.4 test",
    kind: "pdf" as const,
    fileName: "x.pdf",
    pageCount,
  });
  A = (await makeAsset(db, storage, { title: "Engagement A", file: pdf(4) })).assetId;
  B = (await makeAsset(db, storage, { title: "Engagement B", file: pdf(2) })).assetId;
  dealId = (await makeDeal(db, { ownerId: r.id, name: "Engagement deal", stage: "proposal" })).id;
  const shares = server.client({ token: rep.token }).shares;
  links.L1 = await shares.create.mutate({ assetId: A, dealId, name: "To the CFO" });
  links.L2 = await shares.create.mutate({ assetId: A });
  links.L3 = await shares.create.mutate({ assetId: B });

  // three browsers with visitor ids on L1; v1 opens twice the same day, v2 also read it yesterday
  await read("L1", "198.51.100.1", "visitor-eng-1", [
    [1, 3000],
    [2, 2000],
    [3, 1000],
  ]);
  await read("L1", "198.51.100.1", "visitor-eng-1", []);
  await read("L1", "198.51.100.2", "visitor-eng-2", [[1, 4000]]);
  await read("L1", "198.51.100.3", "visitor-eng-3", [
    [1, 1000],
    [2, 1000],
    [3, 1000],
    [4, 1000],
  ]);
  // two browsers sending no visitor id, from two addresses: the second of them opens again
  await read("L1", "203.0.113.10", undefined, [[2, 500]]);
  await read("L1", "203.0.113.11", undefined, [[1, 1500]]);
  await read("L1", "203.0.113.11", undefined, []);
  // v1 again, on the other link to A; v4 on B's link
  await read("L2", "198.51.100.1", "visitor-eng-1", [[4, 2000]]);
  await read("L3", "198.51.100.4", "visitor-eng-4", [[1, 700]]);
  // yesterday's visit of v2, as the viewer recorded it (a beacon is stamped with the server's clock)
  const yesterday = new Date(Date.now() - DAY_MS);
  const viewer = {
    userId: null,
    assetId: A,
    dealId,
    shareId: links.L1.id,
    surface: "viewer" as const,
    at: yesterday,
  };
  await ingestEvents(db, [
    { ...viewer, id: randomUUID(), type: "prospect_opened", props: { visitorId: "visitor-eng-2" } },
    {
      ...viewer,
      id: randomUUID(),
      type: "prospect_page",
      props: { visitorId: "visitor-eng-2", page: 2, activeMs: 1000 },
    },
  ]);
});
afterAll(() => server?.close());

const analytics = () => server.client({ token: marketer }).analytics;

describe("prospect engagement", () => {
  it("counts each visitor once, by visitor id or hashed address and user agent, per asset", async () => {
    const { items } = await analytics().engagement.query({ assetIds: [A, B] });
    expect(items).toEqual([
      {
        assetId: A,
        title: "Engagement A",
        // L1: v1 2, v2 1 + 1 yesterday, v3 1, the id-less 1 + 2; L2: v1 1
        opens: 9,
        // v1 (both links), v2, v3 and the two id-less browsers
        uniqueVisitors: 5,
        // v2 came back on a later day; v1's second open was the same day
        returnVisitors: 1,
        activeMs: 6000 + 4000 + 1000 + 4000 + 500 + 1500 + 2000,
        pagesRead: 4,
        pageCount: 4,
        // v1 4 of 4 (3 on L1, page 4 on L2), v2 2, v3 4, the id-less 1 each: (1 + .5 + 1 + .25 + .25) / 5
        completion: 0.6,
        pages: [
          { page: 1, activeMs: 3000 + 4000 + 1000 + 1500 },
          { page: 2, activeMs: 2000 + 1000 + 1000 + 500 },
          { page: 3, activeMs: 1000 + 1000 },
          { page: 4, activeMs: 1000 + 2000 },
        ],
      },
      {
        assetId: B,
        title: "Engagement B",
        opens: 1,
        uniqueVisitors: 1,
        returnVisitors: 0,
        activeMs: 700,
        pagesRead: 1,
        pageCount: 2,
        completion: 0.5,
        pages: [{ page: 1, activeMs: 700 }],
      },
    ]);
  });

  it("breaks the same down per link, with who sent it to whom", async () => {
    const { items } = await analytics().linkEngagement.query({ assetIds: [A] });
    expect(items.map((i) => i.shareId)).toEqual([links.L1.id, links.L2.id]);
    expect(items[0]).toMatchObject({
      name: "To the CFO",
      assetId: A,
      title: "Engagement A",
      sharedBy: "Engaged Rep",
      dealId,
      dealName: "Engagement deal",
      opens: 8,
      uniqueVisitors: 5,
      returnVisitors: 1,
      activeMs: 17_000,
      pagesRead: 4,
      pageCount: 4,
      // v1 3 of 4, v2 2, v3 4, the id-less 1 each: (.75 + .5 + 1 + .25 + .25) / 5
      completion: 0.55,
      pages: [
        { page: 1, activeMs: 9500 },
        { page: 2, activeMs: 4500 },
        { page: 3, activeMs: 2000 },
        { page: 4, activeMs: 1000 },
      ],
    });
    expect(items[1]).toMatchObject({
      opens: 1,
      uniqueVisitors: 1,
      returnVisitors: 0,
      activeMs: 2000,
      pagesRead: 1,
      completion: 0.25,
      pages: [{ page: 4, activeMs: 2000 }],
    });
    // a period without the reading: nothing
    const old = await analytics().linkEngagement.query({ from: "2020-01-01", to: "2020-12-31" });
    expect(old.items).toEqual([]);
  });

  it("reads only yesterday's visit for a period of yesterday", async () => {
    const day = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
    const { items } = await analytics().engagement.query({ from: day, to: day, assetIds: [A] });
    expect(items).toMatchObject([
      { assetId: A, opens: 1, uniqueVisitors: 1, returnVisitors: 0, activeMs: 1000, completion: 0.25 },
    ]);
  });

  it("keeps no address: a visitor without an id is a salted hash", async () => {
    const { db } = server.deps.database;
    const rows = rowsOf<{ visitor: string }>(
      await db.execute(sql`select distinct visitor from prospect_engagement where share_id = ${links.L1.id}::uuid
        order by 1`),
    );
    const hashed = rows.map((r) => r.visitor).filter((v) => v.startsWith("c:"));
    expect(hashed).toHaveLength(2);
    const stored = rowsOf<{ props: string }>(
      await db.execute(sql`select props::text as props from events where share_id = ${links.L1.id}::uuid`),
    );
    expect(stored.some((r) => r.props.includes("203.0.113"))).toBe(false);
    expect(JSON.stringify(rows)).not.toContain("203.0.113");
  });

  it("is for marketers and admins", async () => {
    const reps = server.client({ token: rep.token }).analytics;
    expect(await codeOf(reps.engagement.query({}))).toBe("FORBIDDEN");
    expect(await codeOf(reps.linkEngagement.query({}))).toBe("FORBIDDEN");
  });
});

describe("deal timeline", () => {
  it("has one entry per action: an insert from the extension is one event, and reading is one entry per visit day", async () => {
    const { db } = server.deps.database;
    const repApi = server.client({ token: rep.token });
    // the extension: a link made for an insert, then the insert naming it
    const inserted = await repApi.shares.create.mutate({
      assetId: B,
      dealId,
      surface: "gmail",
      trackedByCaller: true,
    });
    await repApi.events.track.mutate({
      events: [
        {
          id: randomUUID(),
          type: "link_inserted",
          assetId: B,
          dealId,
          shareId: inserted.id,
          surface: "gmail",
        },
      ],
    });
    // usage counts it once, as an insert (L3, made in the portal, is the one share)
    const usage = await analytics().usage.query({ by: "asset", filters: { assetIds: [B] } });
    expect(usage.totals).toMatchObject([{ key: B, shares: 1, inserts: 1 }]);
    // one recorded before: a "shared" and a "link_inserted" for the same link
    const older = await repApi.shares.create.mutate({ assetId: B, dealId, surface: "gmail" });
    await ingestEvents(db, [
      {
        id: randomUUID(),
        type: "link_inserted",
        userId: rep.id,
        assetId: B,
        dealId,
        shareId: older.id,
        surface: "gmail",
        at: new Date(),
        props: {},
      },
    ]);
    const timeline = await analytics().dealTimeline.query({ dealId });
    const of = (type: string) => timeline.entries.filter((e) => e.type === type);
    // L1 made in the portal: one "shared"; the two inserts: one "link_inserted" each
    expect(of("shared").map((e) => e.assetId)).toEqual([A]);
    expect(of("link_inserted").map((e) => [e.assetId, e.surface])).toEqual([
      [B, "gmail"],
      [B, "gmail"],
    ]);
    expect(of("prospect_page")).toEqual([]);
    expect(of("prospect_opened")).toHaveLength(8);
    // per link, visitor and day: v1, v2 yesterday and today, v3, the two id-less browsers
    const reads = of("prospect_read").map((e) => [e.pagesRead, e.activeMs]);
    expect(reads.sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
      [1, 500],
      [1, 1000],
      [1, 1500],
      [1, 4000],
      [4, 4000],
      [3, 6000],
    ]);
    const times = timeline.entries.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
  });
});

/** engagement_daily as kept by its triggers, and as rebuilt from prospect_engagement. */
async function expectEngagementDailyRebuilt() {
  const { db } = server.deps.database;
  const cells = sql`select asset_id, share_id, day::text, rows, opens, active_ms::float8 as active_ms
    from engagement_daily order by 1, 2 nulls first, 3`;
  const kept = rowsOf(await db.execute(cells));
  let rebuilt: unknown[] = [];
  await db
    .transaction(async (tx) => {
      await tx.execute(sql`select rebuild_engagement_daily()`);
      rebuilt = rowsOf(await tx.execute(cells));
      tx.rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof TransactionRollbackError)) throw error;
    });
  expect(rebuilt.length).toBeGreaterThan(0);
  expect(kept).toEqual(rebuilt);
  // and it sums prospect_engagement: the same (asset, link, day) cells with the same totals
  const summed = rowsOf(
    await db.execute(sql`select asset_id, share_id, day::text, count(*)::int as rows, sum(opens)::int as opens,
        sum(active_ms)::float8 as active_ms
      from prospect_engagement group by 1, 2, 3 order by 1, 2 nulls first, 3`),
  );
  expect(kept).toEqual(summed);
}

describe("engagement_daily", () => {
  it("equals a rebuild after inserts, rows added to, rows deleted, and a link's and an asset's deletion", async () => {
    const { db } = server.deps.database;
    const { storage } = server.deps;
    await expectEngagementDailyRebuilt();
    const C = (
      await makeAsset(db, storage, {
        title: "Engagement C",
        file: { data: "%PDF-1.4 c", kind: "pdf", fileName: "c.pdf", pageCount: 5 },
      })
    ).assetId;
    const shares = server.client({ token: rep.token }).shares;
    const own = [await shares.create.mutate({ assetId: C }), await shares.create.mutate({ assetId: C })];
    // prospects' events over five days, on C's links, A's first link, and none (a link-less asset event)
    const targets = [
      { assetId: C, shareId: own[0]?.id ?? null },
      { assetId: C, shareId: own[1]?.id ?? null },
      { assetId: C, shareId: null },
      { assetId: A, shareId: links.L1.id },
    ];
    let n = 0;
    const batch = (): NewEvent[] =>
      Array.from({ length: 40 }, () => {
        n += 1;
        const target = targets[n % targets.length] ?? targets[0];
        const open = n % 3 === 0;
        return {
          id: randomUUID(),
          type: open ? "prospect_opened" : "prospect_page",
          userId: null,
          assetId: target?.assetId ?? C,
          dealId: null,
          shareId: target?.shareId ?? null,
          surface: "viewer",
          at: new Date(Date.now() - (n % 5) * DAY_MS - (n % 7) * 60_000),
          props: open
            ? { visitorId: `visitor-daily-${n % 6}` }
            : { visitorId: `visitor-daily-${n % 6}`, page: 1 + (n % 5), activeMs: 100 * (n % 11) },
        };
      });
    // a second batch adds to the first one's rows (the events trigger's upsert: an update here)
    await ingestEvents(db, batch());
    await ingestEvents(db, batch());
    await expectEngagementDailyRebuilt();
    // rows deleted by hand: a day of C's
    await db.execute(sql`delete from prospect_engagement where asset_id = ${C}::uuid
      and day = (select min(day) from prospect_engagement where asset_id = ${C}::uuid)`);
    await expectEngagementDailyRebuilt();
    // a link deleted: its rows go by the cascade, and its cells with them
    await db.delete(shareLinks).where(eq(shareLinks.id, own[0]?.id ?? ""));
    await expectEngagementDailyRebuilt();
    // the asset deleted: every row of it
    await db.delete(assets).where(eq(assets.id, C));
    const left = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from engagement_daily where asset_id = ${C}::uuid`),
    );
    expect(left).toEqual([{ n: 0 }]);
    await expectEngagementDailyRebuilt();
    // the figures A's reports give still hold (read from the rollup)
    const { items } = await analytics().engagement.query({ assetIds: [A] });
    expect(items[0]?.opens).toBeGreaterThan(9);
  });
});
