import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAsset } from "../../testing/deal-factories";
import { startTestServer, type TestServer } from "../../testing/server";
import { getCurrencySettings } from "../analytics/currency-settings";
import { engagementInputSchema, prospectEngagement } from "../analytics/engagement-service";
import { fieldSignals, fieldSignalsInputSchema } from "../analytics/field-signals-service";
import { contentInfluence, influenceInputSchema } from "../analytics/influence-service";
import { rowsOf } from "../analytics/sql-rows";
import { assetDealTouches, assets, deals, events, searches, users } from "../db/schema";
import { seedDemoActivity } from "./demo-activity";
import { seedDemo } from "./seed";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  const { db } = server.deps.database;
  await seedDemo(db, server.deps.bus);
  for (const title of ["Case study", "Battle card", "Guide"]) {
    await makeAsset(db, server.deps.storage, { title });
  }
  await makeAsset(db, server.deps.storage, { title: "Draft", status: "draft" });
});
afterAll(() => server?.close());

describe("seedDemoActivity", () => {
  it("makes won, lost and open deals whose content was used before they closed", async () => {
    const { db } = server.deps.database;
    const now = new Date();
    const made = await seedDemoActivity(db, now);
    expect(made.deals).toBe(64);

    const rows = await db.select().from(deals);
    expect(rows).toHaveLength(64);
    const statuses = new Set(rows.map((d) => d.status));
    expect(statuses).toEqual(new Set(["won", "lost", "open"]));
    for (const d of rows) {
      if (d.status === "open") expect(d.closedAt).toBeNull();
      else expect(d.closedAt?.getTime()).toBeLessThan(now.getTime());
    }
    // the Japanese rep sells in yen
    const [tanaka] = await db.select().from(users).where(eq(users.email, "tanaka@demo.pitchside.dev"));
    const yen = rows.filter((d) => d.currency === "JPY");
    expect(yen.length).toBeGreaterThan(0);
    expect(yen.every((d) => d.ownerId === tanaka?.id)).toBe(true);

    const stored = await db.select().from(events);
    expect(stored).toHaveLength(made.events);
    // only published content is used
    const [draft] = await db.select().from(assets).where(eq(assets.status, "draft"));
    expect(stored.some((e) => e.assetId === draft?.id)).toBe(false);

    const touches = await db.select().from(assetDealTouches);
    expect(touches.length).toBeGreaterThan(20);
    const byId = new Map(rows.map((d) => [d.id, d]));
    for (const t of touches) {
      const deal = byId.get(t.dealId);
      if (deal?.closedAt) expect(t.lastTouchAt.getTime()).toBeLessThanOrEqual(deal.closedAt.getTime());
    }

    // the influence report adds up the yen deals too (the demo has a JPY rate)
    const influence = await contentInfluence(db, influenceInputSchema.parse({ model: "linear" }), now);
    expect(influence.touched.won).toBeGreaterThan(0);
    expect(influence.touched.wonRevenue).toBeGreaterThan(0);
    expect(await getCurrencySettings(db)).toEqual({ reportingCurrency: "USD", rates: { USD: 1, JPY: 150 } });

    // every prospect event carries its visitor: engagement counts visitors next to opens
    const engagement = await prospectEngagement(db, engagementInputSchema.parse({}), now);
    const opens = engagement.items.reduce((n, i) => n + i.opens, 0);
    const visitors = engagement.items.reduce((n, i) => n + i.uniqueVisitors, 0);
    expect(opens).toBeGreaterThan(0);
    expect(visitors).toBeGreaterThan(0);
    expect(visitors).toBeLessThanOrEqual(opens);
    // a link is made once: shared from the portal's dialog, or inserted by the extension, never both
    const shared = stored.filter((e) => e.type === "shared");
    const inserted = new Set(stored.filter((e) => e.type === "link_inserted").map((e) => e.shareId));
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.every((e) => e.surface === "portal" && !inserted.has(e.shareId))).toBe(true);
    // prospects read no page the document does not have
    const pageRows = await db.execute(sql`select count(*)::int as n from events e
      join share_links s on s.id = e.share_id join asset_versions v on v.id = s.version_id
      where e.type = 'prospect_page' and (e.props->>'page')::int > greatest(coalesce(v.page_count, 1), 1)`);
    expect(rowsOf<{ n: number }>(pageRows)[0]?.n).toBe(0);

    // reps' requests named competitors and objections on the deals: Field signals has rows, and no text
    const signals = await fieldSignals(db, fieldSignalsInputSchema.parse({}), now);
    expect(signals.rows.some((r) => r.kind === "competitor")).toBe(true);
    expect(signals.rows.some((r) => r.kind === "objection")).toBe(true);

    const noResults = (await db.select().from(searches)).filter((s) => s.resultCount === 0);
    expect(noResults.some((s) => /[぀-ヿ一-鿿]/.test(s.query))).toBe(true);
    expect(noResults.some((s) => /^[\x20-\x7e]+$/.test(s.query))).toBe(true);
  });
});
