import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { type Period, periodSchema, resolvePeriod } from "./report-period";
import { isoOf, rowsOf } from "./sql-rows";

export const engagementInputSchema = periodSchema.extend({
  assetIds: z.array(z.uuid()).max(500).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type EngagementInput = z.infer<typeof engagementInputSchema>;

export const linkEngagementInputSchema = engagementInputSchema.extend({
  shareIds: z.array(z.uuid()).max(500).optional(),
});
export type LinkEngagementInput = z.infer<typeof linkEngagementInputSchema>;

/** What prospects did with a document (an asset, or one share link of it) in the period. */
export interface EngagementFigures {
  opens: number;
  /** Distinct visitors: the viewer's visitor id, or their hashed address and user agent. */
  uniqueVisitors: number;
  /** Visitors who opened on two or more different (UTC) days of the period. */
  returnVisitors: number;
  activeMs: number;
  /** Distinct pages anyone read (active time on them). */
  pagesRead: number;
  /** Pages of the document (a file without pages reads as one). */
  pageCount: number;
  /** The mean, over visitors, of the share of the document's pages they read; null without visitors. */
  completion: number | null;
  /** Active time per page (1-based), for a page heat strip; pages never read are absent. */
  pages: { page: number; activeMs: number }[];
}

export interface AssetEngagement extends EngagementFigures {
  assetId: string;
  title: string;
}

export interface LinkEngagementRow extends EngagementFigures {
  shareId: string;
  /** The link's own name ('' when none was given). */
  name: string;
  assetId: string;
  title: string;
  sharedBy: string | null;
  dealId: string | null;
  dealName: string | null;
  recipientEmail: string | null;
  createdAt: string;
}

const DAY_MS = 86_400_000;
const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/** The rollup counts whole UTC days: those the period overlaps. */
function days(period: Period) {
  return {
    from: utcDay(period.from),
    to: utcDay(new Date(Math.floor((period.to.getTime() - 1) / DAY_MS) * DAY_MS + DAY_MS)),
  };
}

interface FigureRow {
  g: string;
  opens: number;
  unique_visitors: number;
  return_visitors: number;
  active_ms: number;
  pages_read: number;
  page_count: number;
  completion: number | null;
  pages: EngagementFigures["pages"] | string;
}

const anyUuid = (column: SQL, ids: string[] | undefined) =>
  ids?.length ? sql`and ${column} = any(${sql.param(ids)}::uuid[])` : sql``;

/**
 * The period's figures per group (`g`: an asset, or a share link), the top `limit` groups by opens:
 * ranked from engagement_daily (a row per asset, link and day), then only those groups' visitors and
 * pages read from prospect_engagement, once.
 */
async function engagementFigures(
  db: Db,
  by: "asset" | "link",
  input: { limit: number; assetIds?: string[] | undefined; shareIds?: string[] | undefined },
  period: Period,
): Promise<FigureRow[]> {
  const day = days(period);
  const g = (table: string) => sql.raw(by === "link" ? `${table}.share_id` : `${table}.asset_id`);
  const where = (table: string) => sql`${sql.raw(table)}.day >= ${day.from}::date
    and ${sql.raw(table)}.day < ${day.to}::date ${by === "link" ? sql`and ${sql.raw(table)}.share_id is not null` : sql``}
    ${anyUuid(sql.raw(`${table}.asset_id`), input.assetIds)} ${anyUuid(sql.raw(`${table}.share_id`), input.shareIds)}`;
  // a pinned link shows its version; any other link, and the asset, the live one
  const docs =
    by === "link"
      ? sql`select s.id as g, v.page_count from share_links s join assets a on a.id = s.asset_id
          left join asset_versions v on v.id = case when s.pinned then s.version_id else a.current_version_id end`
      : sql`select a.id as g, v.page_count from assets a left join asset_versions v on v.id = a.current_version_id`;
  const query = sql`
    with totals as (
      select ${g("d")} as g, sum(d.opens)::int as opens, sum(d.active_ms)::float8 as active_ms
      from engagement_daily d where ${where("d")} group by 1
      order by opens desc, active_ms desc, g
      limit ${input.limit}
    ),
    r as materialized (
      select ${g("p")} as g, p.visitor, p.day, p.page, p.active_ms from prospect_engagement p
      where ${g("p")} in (select g from totals) and ${where("p")}
    ),
    per_visitor as (
      select g, visitor, count(distinct day)::int as days,
        count(distinct page) filter (where page > 0 and active_ms > 0)::int as pages
      from r where visitor <> '' group by g, visitor
    ),
    docs as (select d.g, greatest(coalesce(d.page_count, 1), 1) as page_count from (${docs}) d
      where d.g in (select g from totals)),
    visitors as (
      select v.g, count(*)::int as unique_visitors, count(*) filter (where v.days >= 2)::int as return_visitors,
        avg(least(v.pages, d.page_count)::float8 / d.page_count)::float8 as completion
      from per_visitor v join docs d on d.g = v.g group by v.g
    ),
    heat as (
      select g, count(*)::int as pages_read,
        json_agg(json_build_object('page', page, 'activeMs', ms) order by page) as pages
      from (select g, page, sum(active_ms)::float8 as ms from r
        where page > 0 group by g, page having sum(active_ms) > 0) p
      group by g
    )
    select t.g, t.opens, coalesce(v.unique_visitors, 0) as unique_visitors,
      coalesce(v.return_visitors, 0) as return_visitors, t.active_ms, coalesce(h.pages_read, 0) as pages_read,
      d.page_count, v.completion, coalesce(h.pages, '[]'::json) as pages
    from totals t join docs d on d.g = t.g left join visitors v on v.g = t.g left join heat h on h.g = t.g
    order by t.opens desc, t.active_ms desc, t.g`;
  const result = await db.transaction(
    async (tx) => {
      // the top groups' visitors sort in memory, not on disk; no LLVM compile for a sub-second statement
      await tx.execute(sql`set local work_mem = '64MB'`);
      await tx.execute(sql`set local jit = off`);
      return tx.execute(query);
    },
    { accessMode: "read only" },
  );
  return rowsOf<FigureRow>(result);
}

function figuresOf(r: FigureRow): EngagementFigures {
  return {
    opens: r.opens,
    uniqueVisitors: r.unique_visitors,
    returnVisitors: r.return_visitors,
    activeMs: r.active_ms,
    pagesRead: r.pages_read,
    pageCount: r.page_count,
    completion: r.completion,
    // node-postgres parses json; keep a string answer working too
    pages: typeof r.pages === "string" ? (JSON.parse(r.pages) as EngagementFigures["pages"]) : r.pages,
  };
}

const periodOut = (period: Period) => ({ from: period.from.toISOString(), to: period.to.toISOString() });
/**
 * What prospects did with shared links, per asset: read from the prospect_engagement rollup
 * (kept by a trigger on events), never the raw events.
 */
export async function prospectEngagement(db: Db, input: EngagementInput, now = new Date()) {
  const period = resolvePeriod(input, now);
  const figures = await engagementFigures(db, "asset", input, period);
  const titles = await titlesOf(
    db,
    figures.map((f) => f.g),
  );
  const items = figures.map(
    (r): AssetEngagement => ({ assetId: r.g, title: titles.get(r.g) ?? "", ...figuresOf(r) }),
  );
  return { period: periodOut(period), items };
}

async function titlesOf(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = rowsOf<{ id: string; title: string }>(
    await db.execute(sql`select id, title from assets where id = any(${sql.param(ids)}::uuid[])`),
  );
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** The same per share link: which link (to whom, on which deal, by whom) was read, and how. */
export async function linkEngagementReport(db: Db, input: LinkEngagementInput, now = new Date()) {
  const period = resolvePeriod(input, now);
  const figures = await engagementFigures(db, "link", input, period);
  const ids = figures.map((f) => f.g);
  const links =
    ids.length === 0
      ? []
      : rowsOf<{
          id: string;
          name: string;
          asset_id: string;
          title: string;
          shared_by: string | null;
          deal_id: string | null;
          deal_name: string | null;
          recipient_email: string | null;
          created_at: Date | string;
        }>(
          await db.execute(sql`select s.id, s.name, s.asset_id, a.title, u.name as shared_by, s.deal_id,
              d.name as deal_name, s.recipient_email, s.created_at
            from share_links s join assets a on a.id = s.asset_id
            left join users u on u.id = s.created_by left join deals d on d.id = s.deal_id
            where s.id = any(${sql.param(ids)}::uuid[])`),
        );
  const byId = new Map(links.map((l) => [l.id, l]));
  const items = figures.flatMap((r): LinkEngagementRow[] => {
    const link = byId.get(r.g);
    if (!link) return [];
    return [
      {
        shareId: r.g,
        name: link.name,
        assetId: link.asset_id,
        title: link.title,
        sharedBy: link.shared_by,
        dealId: link.deal_id,
        dealName: link.deal_name,
        recipientEmail: link.recipient_email,
        createdAt: isoOf(link.created_at) ?? "",
        ...figuresOf(r),
      },
    ];
  });
  return { period: periodOut(period), items };
}
