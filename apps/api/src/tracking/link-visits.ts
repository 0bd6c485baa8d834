import { and, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { assets, deals, linkVisits, notifications, shareLinks } from "../db/schema";

/** Beacons from one browser on one link this close together are one visit. */
export const VISIT_GAP_MS = 30 * 60_000;
/** A visit is over, and summed up for the link's maker, after this long without a beacon. */
export const VISIT_OVER_AFTER_MS = 10 * 60_000;

/**
 * Active time a visit may claim beyond the wall-clock time since it started:
 * the first flush may land a moment before the open that began the visit.
 */
export const VISIT_GRACE_MS = 15_000;

type Visit = typeof linkVisits.$inferSelect;

export interface Visitor {
  /** The visitor id events and visits are counted under. */
  visitorId: string;
  /** Their visit in progress (locked for the transaction), if any. */
  visit: Visit | undefined;
}

/**
 * Who is reading, and their visit in progress: the id the browser sent, unless
 * it is new on this link while its client (hashed address and user agent) is
 * known under another id, so rotating ids from one browser are one visitor.
 */
export async function findVisitor(
  tx: Db,
  b: { shareId: string; visitorId: string; clientHash: string; at: Date },
): Promise<Visitor> {
  const [known] = await tx
    .select({ visitorId: linkVisits.visitorId })
    .from(linkVisits)
    .where(
      and(
        eq(linkVisits.shareId, b.shareId),
        or(eq(linkVisits.visitorId, b.visitorId), eq(linkVisits.clientHash, b.clientHash)),
      ),
    )
    .orderBy(sql`${linkVisits.visitorId} = ${b.visitorId} desc`, desc(linkVisits.lastSeenAt))
    .limit(1);
  const visitorId = known?.visitorId ?? b.visitorId;
  const [visit] = await tx
    .select()
    .from(linkVisits)
    .where(
      and(
        eq(linkVisits.shareId, b.shareId),
        eq(linkVisits.visitorId, visitorId),
        gt(linkVisits.lastSeenAt, new Date(b.at.getTime() - VISIT_GAP_MS)),
      ),
    )
    .orderBy(desc(linkVisits.lastSeenAt))
    .limit(1)
    .for("update");
  return { visitorId, visit };
}

/** How much more active time a visit may claim at `at`: never more than the time since it started. */
export function activeAllowance(visit: Visit | undefined, at: Date): number {
  const elapsed = visit ? at.getTime() - visit.startedAt.getTime() : 0;
  return Math.max(0, elapsed + VISIT_GRACE_MS - (visit?.activeMs ?? 0));
}

export interface VisitBeacons {
  shareId: string;
  visitor: Visitor;
  clientHash: string;
  /** Given at the link's email gate. */
  email: string | null;
  at: Date;
  /** Active milliseconds read per page in this batch. */
  pages: Map<number, number>;
}

/** Adds a batch of beacons to the visitor's visit in progress (within VISIT_GAP_MS), or starts one. */
export async function recordVisit(tx: Db, b: VisitBeacons): Promise<void> {
  const { visit, visitorId } = b.visitor;
  const added = [...b.pages.values()].reduce((a, ms) => a + ms, 0);
  if (!visit) {
    await tx.insert(linkVisits).values({
      shareId: b.shareId,
      visitorId,
      clientHash: b.clientHash,
      email: b.email,
      startedAt: b.at,
      lastSeenAt: b.at,
      activeMs: added,
      pages: Object.fromEntries([...b.pages].map(([page, ms]) => [String(page), ms])),
    });
    return;
  }
  const pages = { ...visit.pages };
  for (const [page, ms] of b.pages) pages[String(page)] = (pages[String(page)] ?? 0) + ms;
  await tx
    .update(linkVisits)
    .set({
      lastSeenAt: new Date(Math.max(b.at.getTime(), visit.lastSeenAt.getTime())),
      activeMs: visit.activeMs + added,
      pages,
      email: visit.email ?? b.email,
      clientHash: visit.clientHash ?? b.clientHash,
    })
    .where(eq(linkVisits.id, visit.id));
}

export interface LinkEngagement {
  /** Visits: a prospect's sitting with the link. */
  opens: number;
  uniqueVisitors: number;
  activeMs: number;
  lastSeenAt: string | null;
  /** Active time per page, page order. */
  pages: { page: number; activeMs: number }[];
  /** Emails given at the link's gate. */
  emails: string[];
}

const none: LinkEngagement = {
  opens: 0,
  uniqueVisitors: 0,
  activeMs: 0,
  lastSeenAt: null,
  pages: [],
  emails: [],
};

/** What prospects did with each link, from its visits. */
export async function linkEngagement(db: Db, shareIds: string[]) {
  const rows =
    shareIds.length === 0
      ? []
      : await db.select().from(linkVisits).where(inArray(linkVisits.shareId, shareIds));
  const byShare = new Map<string, (typeof rows)[number][]>();
  for (const row of rows) byShare.set(row.shareId, [...(byShare.get(row.shareId) ?? []), row]);
  return {
    of(shareId: string): LinkEngagement {
      const visits = byShare.get(shareId);
      if (!visits) return none;
      const pages = new Map<number, number>();
      for (const v of visits) {
        for (const [page, ms] of Object.entries(v.pages))
          pages.set(Number(page), (pages.get(Number(page)) ?? 0) + ms);
      }
      const last = new Date(Math.max(0, ...visits.map((v) => v.lastSeenAt.getTime())));
      return {
        opens: visits.length,
        uniqueVisitors: new Set(visits.map((v) => v.visitorId)).size,
        activeMs: visits.reduce((a, v) => a + v.activeMs, 0),
        lastSeenAt: last.toISOString(),
        pages: [...pages].sort(([a], [b]) => a - b).map(([page, activeMs]) => ({ page, activeMs })),
        emails: [...new Set(visits.flatMap((v) => (v.email ? [v.email] : [])))],
      };
    },
  };
}

/**
 * Tells each link's maker how a finished visit went (pages read, time), once:
 * visits with reading time and no beacon for VISIT_OVER_AFTER_MS. Returns how
 * many summaries were sent.
 */
export async function summarizeFinishedVisits(db: Db, now = new Date()): Promise<number> {
  const due = await db
    .select({
      visit: linkVisits,
      share: {
        id: shareLinks.id,
        createdBy: shareLinks.createdBy,
        assetId: shareLinks.assetId,
        roomId: shareLinks.roomId,
        dealId: shareLinks.dealId,
        recipientEmail: shareLinks.recipientEmail,
        name: shareLinks.name,
      },
      assetTitle: assets.title,
      dealName: deals.name,
    })
    .from(linkVisits)
    .innerJoin(shareLinks, eq(shareLinks.id, linkVisits.shareId))
    .innerJoin(assets, eq(assets.id, shareLinks.assetId))
    .leftJoin(deals, eq(deals.id, shareLinks.dealId))
    .where(
      and(
        isNull(linkVisits.summarizedAt),
        lt(linkVisits.lastSeenAt, new Date(now.getTime() - VISIT_OVER_AFTER_MS)),
      ),
    )
    .limit(500);
  let sent = 0;
  for (const { visit, share, assetTitle, dealName } of due) {
    await db.transaction(async (tx) => {
      // claimed here, so two processes never both send it
      const claimed = await tx
        .update(linkVisits)
        .set({ summarizedAt: now })
        .where(and(eq(linkVisits.id, visit.id), isNull(linkVisits.summarizedAt)))
        .returning({ id: linkVisits.id });
      if (claimed.length === 0 || !share.createdBy || visit.activeMs < 1000) return;
      const pages = Object.entries(visit.pages)
        .map(([page, ms]) => ({ page: Number(page), activeMs: ms }))
        .sort((a, b) => b.activeMs - a.activeMs);
      await tx.insert(notifications).values({
        userId: share.createdBy,
        kind: "visit_summary",
        payload: {
          shareId: share.id,
          roomId: share.roomId,
          linkName: share.name,
          assetId: share.assetId,
          assetTitle,
          dealId: share.dealId,
          dealName,
          recipientEmail: share.recipientEmail,
          visitorEmail: visit.email,
          activeMs: visit.activeMs,
          pagesRead: pages.length,
          topPages: pages.slice(0, 3),
          startedAt: visit.startedAt.toISOString(),
          lastSeenAt: visit.lastSeenAt.toISOString(),
        },
      });
      sent += 1;
    });
  }
  return sent;
}

/**
 * Visits for the opens recorded without one (before visits were kept, or by
 * the demo's history): one per link and browser, already summed up, so
 * nobody is told about them again. Idempotent; returns how many it made.
 */
export async function backfillVisits(db: Db): Promise<number> {
  const result = await db.execute(sql`
    with opened as (
      select e.share_id, e.props->>'visitorId' as visitor, min(e.at) as first_at, max(e.at) as last_at
      from events e
      where e.share_id is not null and e.type in ('prospect_opened', 'prospect_page') and e.props ? 'visitorId'
        and not exists (
          select 1 from link_visits v where v.share_id = e.share_id and v.visitor_id = e.props->>'visitorId'
        )
      group by 1, 2
    ), per_page as (
      select e.share_id, e.props->>'visitorId' as visitor, e.props->>'page' as page,
             sum((e.props->>'activeMs')::bigint) as ms
      from events e join opened o on o.share_id = e.share_id and o.visitor = e.props->>'visitorId'
      where e.type = 'prospect_page' and e.props ? 'page'
      group by 1, 2, 3
    ), pages as (
      select share_id, visitor, jsonb_object_agg(page, ms) as pages, sum(ms) as active from per_page group by 1, 2
    )
    insert into link_visits (share_id, visitor_id, started_at, last_seen_at, active_ms, pages, summarized_at)
    select o.share_id, o.visitor, o.first_at, o.last_at, coalesce(p.active, 0), coalesce(p.pages, '{}'::jsonb), now()
    from opened o left join pages p on p.share_id = o.share_id and p.visitor = o.visitor
    returning id`);
  return (result as unknown as { rows: unknown[] }).rows.length;
}
