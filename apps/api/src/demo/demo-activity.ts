import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { getCurrencySettings, saveCurrencySettings } from "../analytics/currency-settings";
import type { Db } from "../db/client";
import { assets, assetVersions, searches, shareLinks, suggestionSignals, users } from "../db/schema";
import { type DealRecord, dealRecordSchema } from "../deals/deal-input";
import { syncDeals } from "../deals/deal-sync";
import { newShareToken } from "../shares/shares-service";
import { ingestEvents, type NewEvent } from "../tracking/events-service";

/**
 * A believable year of selling for the demo workspace: deals (won, lost and open, in USD and
 * JPY) with contacts, and the content used on them — links inserted from Gmail and LinkedIn,
 * prospects opening them and reading page by page — plus searches, some with no results.
 * Deterministic (seeded), so every demo looks the same; dates are relative to `now`.
 */

const DAY = 86_400_000;

/** mulberry32: small, seeded, good enough for demo data. */
function seeded(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  };
  return { next, int, pick };
}

interface Account {
  name: string;
  domain: string;
  industry: string;
  japanese: boolean;
}

const accounts: Account[] = [
  { name: "Harbor Steel", domain: "harborsteel.example", industry: "manufacturing", japanese: false },
  {
    name: "Bluewater Bank",
    domain: "bluewaterbank.example",
    industry: "financial_services",
    japanese: false,
  },
  { name: "St. Aldric Health", domain: "staldric.example", industry: "healthcare", japanese: false },
  { name: "Cobalt Ledger", domain: "cobaltledger.example", industry: "software", japanese: false },
  { name: "Maple & Pine Retail", domain: "mapleandpine.example", industry: "retail", japanese: false },
  { name: "Northgate Logistics", domain: "northgate.example", industry: "manufacturing", japanese: false },
  { name: "Summit Insurance", domain: "summitins.example", industry: "financial_services", japanese: false },
  { name: "Orchid Clinics", domain: "orchidclinics.example", industry: "healthcare", japanese: false },
  { name: "Brightline Software", domain: "brightline.example", industry: "software", japanese: false },
  { name: "Evergreen Grocers", domain: "evergreen.example", industry: "retail", japanese: false },
  { name: "東邦精機", domain: "toho-seiki.example", industry: "manufacturing", japanese: true },
  { name: "さくら銀行", domain: "sakura-bank.example", industry: "financial_services", japanese: true },
  { name: "みなと医療センター", domain: "minato-med.example", industry: "healthcare", japanese: true },
  { name: "青葉ソフトウェア", domain: "aoba-soft.example", industry: "software", japanese: true },
  { name: "北斗リテール", domain: "hokuto-retail.example", industry: "retail", japanese: true },
  { name: "大和ロジスティクス", domain: "yamato-logi.example", industry: "manufacturing", japanese: true },
];

const contactsEn = [
  { name: "Dana Whitfield", title: "VP Finance" },
  { name: "Sam Okafor", title: "Chief Information Officer" },
  { name: "Priya Raman", title: "Director of Sales Operations" },
  { name: "Tom Becker", title: "Head of Procurement" },
  { name: "Laura Chen", title: "IT Manager" },
];
const contactsJa = [
  { name: "佐藤 健一", title: "経理部長" },
  { name: "鈴木 由美", title: "情報システム部 部長" },
  { name: "高橋 誠", title: "最高財務責任者" },
  { name: "伊藤 直子", title: "営業企画部 課長" },
  { name: "渡辺 翔", title: "購買部 部長" },
];
const openStages = ["prospecting", "discovery", "demo", "proposal", "negotiation"] as const;

/** Searches reps ran; the ones with no results feed the content-gaps report. */
const demoSearches: { query: string; resultCount: number }[] = [
  { query: "SOC 2 Type II report", resultCount: 0 },
  { query: "SOC 2 Type II report", resultCount: 0 },
  { query: "HIPAA business associate agreement", resultCount: 0 },
  { query: "価格改定 2027", resultCount: 0 },
  { query: "価格改定 2027", resultCount: 0 },
  { query: "小売 導入事例 POS", resultCount: 0 },
  { query: "Globex migration guide", resultCount: 0 },
  { query: "ROI calculator", resultCount: 3 },
  { query: "Acme", resultCount: 4 },
  { query: "セキュリティ", resultCount: 5 },
  { query: "case study manufacturing", resultCount: 6 },
  { query: "価格", resultCount: 4 },
];

interface DemoAssetRow {
  id: string;
  versionId: string;
  type: string;
  language: string;
  industries: string[];
  /** The document's pages (1 when it has none: a link, a video). */
  pages: number;
  /** How much this asset helps a deal it is used on, fixed per asset so lifts differ. */
  pull: number;
}

/** One demo deal as planned: who owns it, when it runs, how it ends, the content it uses. */
interface DealPlan {
  externalId: string;
  ownerId: string;
  start: Date;
  closedAt: Date | null;
  status: "open" | "won" | "lost";
  japanese: boolean;
  touches: DemoAssetRow[];
}

export interface DemoActivitySummary {
  deals: number;
  events: number;
}

export async function seedDemoActivity(db: Db, now = new Date()): Promise<DemoActivitySummary> {
  const rnd = seeded(20261123);
  const reps = await db
    .select({ id: users.id, email: users.email, teamId: users.teamId })
    .from(users)
    .where(inArray(users.email, ["rep@demo.pitchside.dev", "tanaka@demo.pitchside.dev"]));
  const repEn = reps.find((r) => r.email.startsWith("rep@"));
  const repJa = reps.find((r) => r.email.startsWith("tanaka@"));
  if (!repEn || !repJa) throw new Error("the demo reps are missing");

  const published = await db
    .select({
      id: assets.id,
      versionId: assets.currentVersionId,
      type: assets.type,
      language: assets.language,
      industries: assets.industries,
      externalId: assets.externalId,
      pages: assetVersions.pageCount,
    })
    .from(assets)
    .leftJoin(assetVersions, eq(assetVersions.id, assets.currentVersionId))
    .where(eq(assets.status, "published"))
    .orderBy(assets.externalId);
  const library: DemoAssetRow[] = published.flatMap((a) =>
    a.versionId
      ? [
          {
            id: a.id,
            versionId: a.versionId,
            type: a.type,
            language: a.language,
            industries: a.industries,
            pages: Math.max(1, a.pages ?? 1),
            pull:
              (a.type === "case_study" ? 0.12 : a.type === "battle_card" ? 0.08 : 0) +
              rnd.next() * 0.12 -
              0.06,
          },
        ]
      : [],
  );
  if (library.length === 0) return { deals: 0, events: 0 };

  const records: DealRecord[] = [];
  const plans: DealPlan[] = [];
  for (let i = 1; i <= 64; i += 1) {
    const account = rnd.pick(accounts);
    const owner = account.japanese ? repJa : repEn;
    const start = new Date(now.getTime() - rnd.int(15, 330) * DAY);
    const ownLanguage = library.filter((a) => a.language === (account.japanese ? "ja" : "en"));
    const pool = ownLanguage.length > 0 ? ownLanguage : library;
    const touches = [...new Set(Array.from({ length: rnd.int(0, 4) }, () => rnd.pick(pool)))];
    const length = rnd.int(20, 110);
    const closes = start.getTime() + length * DAY < now.getTime() - DAY;
    const winChance = 0.3 + touches.reduce((sum, a) => sum + a.pull, 0);
    const status = !closes ? "open" : rnd.next() < winChance ? "won" : "lost";
    const closedAt = status === "open" ? null : new Date(start.getTime() + length * DAY);
    const amount = account.japanese ? rnd.int(3, 60) * 500_000 : rnd.int(12, 240) * 1000;
    const people = account.japanese ? contactsJa : contactsEn;
    const contact = rnd.pick(people);
    const local = account.japanese ? `contact${i}` : contact.name.split(" ")[0]?.toLowerCase();
    const externalId = `demo-deal-${String(i).padStart(3, "0")}`;
    records.push(
      dealRecordSchema.parse({
        externalId,
        name: `${account.name} — ${account.japanese ? "全社導入" : "Platform rollout"} ${i}`,
        accountName: account.name,
        accountDomain: account.domain,
        industry: account.industry,
        stage: status === "won" ? "closed_won" : status === "lost" ? "closed_lost" : rnd.pick(openStages),
        amount,
        currency: account.japanese ? "JPY" : "USD",
        status,
        closedAt: closedAt?.toISOString() ?? null,
        ownerEmail: owner.email,
        contacts: [{ email: `${local}@${account.domain}`, name: contact.name, title: contact.title }],
      }),
    );
    plans.push({
      externalId,
      ownerId: owner.id,
      start,
      closedAt,
      status,
      japanese: account.japanese,
      touches,
    });
  }

  const synced = await syncDeals(db, records, "crm");
  const dealIds = new Map(synced.results.map((r) => [r.externalId, r.id]));
  const batch: NewEvent[] = [];
  for (const plan of plans) {
    const dealId = dealIds.get(plan.externalId) ?? null;
    const record = records.find((r) => r.externalId === plan.externalId);
    const end = plan.closedAt?.getTime() ?? now.getTime();
    for (const asset of plan.touches) {
      const at = new Date(plan.start.getTime() + rnd.next() * (end - plan.start.getTime()) * 0.9);
      const channel = rnd.next();
      // most links go out from the rep's mail through the extension; some from the portal's share dialog
      const surface = channel < 0.6 ? "gmail" : channel < 0.8 ? "linkedin" : "portal";
      const [share] = await db
        .insert(shareLinks)
        .values({
          token: newShareToken(),
          assetId: asset.id,
          versionId: asset.versionId,
          dealId,
          recipientEmail: record?.contacts[0]?.email ?? null,
          createdBy: plan.ownerId,
          createdAt: at,
        })
        .returning({ id: shareLinks.id });
      const base = { userId: plan.ownerId, assetId: asset.id, dealId, shareId: share?.id ?? null };
      // the extension's insert is one event (the link it made records no "shared" of its own); the
      // portal's share dialog records "shared"
      const type = surface === "portal" ? "shared" : "link_inserted";
      batch.push({ ...base, id: randomUUID(), type, surface, at, props: {} });
      // a prospect (or two) reading it, as the viewer records them: each browser under its visitor id
      const readers = rnd.next() < 0.7 ? (rnd.next() < 0.25 ? 2 : 1) : 0;
      for (let reader = 0; reader < readers; reader += 1) {
        const visitorId = `demo-visitor-${randomUUID().slice(0, 12)}`;
        const visits = rnd.next() < 0.3 ? 2 : 1;
        for (let visit = 0; visit < visits; visit += 1) {
          const later = (rnd.int(1, 48) + visit * rnd.int(24, 96)) * 3_600_000;
          // before the close: the demo's reading all counts toward influence
          const opened = new Date(Math.min(at.getTime() + later, end - 3_600_000));
          const viewer = { ...base, userId: null, surface: "viewer" as const };
          batch.push({
            ...viewer,
            id: randomUUID(),
            type: "prospect_opened",
            at: opened,
            props: { visitorId },
          });
          // they read the first pages, never more than the document has
          const read = Math.min(rnd.int(1, 4), asset.pages);
          for (let page = 1; page <= read; page += 1) {
            batch.push({
              ...viewer,
              id: randomUUID(),
              type: "prospect_page",
              at: new Date(opened.getTime() + page * 30_000),
              props: { visitorId, page, activeMs: rnd.int(8, 120) * 1000 },
            });
          }
        }
      }
    }
  }
  // reps browsing the library in the portal, not tied to a deal
  for (let i = 0; i < 120; i += 1) {
    const asset = rnd.pick(library);
    batch.push({
      id: randomUUID(),
      type: "asset_viewed",
      userId: rnd.next() < 0.6 ? repEn.id : repJa.id,
      assetId: asset.id,
      dealId: null,
      shareId: null,
      surface: "portal",
      at: new Date(now.getTime() - rnd.int(1, 300) * DAY),
      props: {},
    });
  }
  await ingestEvents(db, batch);
  const owners = new Map(reps.map((r) => [r.id, r.teamId]));
  await db.insert(suggestionSignals).values(demoSignals(plans, dealIds, owners, now));
  await db.insert(searches).values(
    demoSearches.map((s, i) => ({
      query: s.query,
      resultCount: s.resultCount,
      userId: /[぀-ヿ一-鿿]/.test(s.query) ? repJa.id : repEn.id,
      at: new Date(now.getTime() - (i * 7 + 2) * DAY),
    })),
  );
  await addYenRate(db);
  return { deals: synced.results.length, events: batch.length };
}

const competitorKeys = ["acme", "globex", "initech"] as const;
const objectionKeys = ["price", "security", "integration", "timing", "switching_cost"] as const;

/**
 * What the extension records with each suggestion request a rep makes while writing to the deal's
 * buyer: only the taxonomy keys its detection found. The demo's deals name competitors and raise
 * objections, lost deals more often (Acme and price above all), so Field signals has a story to tell.
 */
function demoSignals(
  plans: DealPlan[],
  dealIds: Map<string, string>,
  teams: Map<string, string | null>,
  now: Date,
): (typeof suggestionSignals.$inferInsert)[] {
  // its own sequence: the deals, their outcomes and their events stay as they were
  const rnd = seeded(20261207);
  const rows: (typeof suggestionSignals.$inferInsert)[] = [];
  for (const plan of plans) {
    const dealId = dealIds.get(plan.externalId);
    if (!dealId) continue;
    const lost = plan.status === "lost";
    const rival =
      rnd.next() < (lost ? 0.75 : 0.45) ? rnd.pick(lost ? ["acme", "acme", "globex"] : competitorKeys) : null;
    const end = plan.closedAt?.getTime() ?? now.getTime();
    const requests = rnd.int(2, 6);
    for (let i = 0; i < requests; i += 1) {
      const progress = (i + 0.5) / requests;
      const objections = new Set<string>();
      if (rnd.next() < (lost ? 0.5 : 0.3))
        objections.add(lost && rnd.next() < 0.5 ? "price" : rnd.pick(objectionKeys));
      if (rnd.next() < 0.15) objections.add(rnd.pick(objectionKeys));
      rows.push({
        id: randomUUID(),
        at: new Date(plan.start.getTime() + progress * (end - plan.start.getTime()) * 0.95),
        userId: plan.ownerId,
        teamId: teams.get(plan.ownerId) ?? null,
        dealId,
        surface: rnd.next() < 0.75 ? "gmail" : "linkedin",
        stage: openStages[Math.min(openStages.length - 1, Math.floor(progress * openStages.length))] ?? null,
        persona: null,
        language: plan.japanese ? "ja" : "en",
        competitors: rival && rnd.next() < 0.7 ? [rival] : [],
        objections: [...objections],
      });
    }
  }
  return rows;
}

/**
 * The demo sells in yen: without a JPY rate the influence report refuses to
 * add up won revenue (it would drop the yen deals), so the demo gets one
 * (150 to the dollar) unless an admin has already set it.
 */
async function addYenRate(db: Db) {
  const current = await getCurrencySettings(db);
  const usd = current.rates.USD;
  if ("JPY" in current.rates || usd === undefined) return;
  await saveCurrencySettings(db, null, { ...current, rates: { ...current.rates, JPY: 150 * usd } });
}
