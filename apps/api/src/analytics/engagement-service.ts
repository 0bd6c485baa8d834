import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { instants, periodSchema, resolvePeriod } from "./report-period";
import { rowsOf } from "./sql-rows";

export const engagementInputSchema = periodSchema.extend({
  assetIds: z.array(z.uuid()).max(500).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type EngagementInput = z.input<typeof engagementInputSchema>;

export interface AssetEngagement {
  assetId: string;
  title: string;
  opens: number;
  uniqueVisitors: number;
  activeMs: number;
  /** Active time per page (1-based), for a page heat strip; pages never read are absent. */
  pages: { page: number; activeMs: number }[];
}

/** What prospects did with shared links, per asset: from the public viewer's beacons. */
export async function prospectEngagement(db: Db, raw: EngagementInput, now = new Date()) {
  const input = engagementInputSchema.parse(raw);
  const period = resolvePeriod(input, now);
  const { from, to } = instants(period);
  const assetFilter = input.assetIds?.length
    ? sql`and e.asset_id = any(${sql.param(input.assetIds)}::uuid[])`
    : sql``;
  const result = await db.execute(sql`
    with e as (
      select e.asset_id, e.type, e.props->>'visitorId' as visitor,
        case when e.type = 'prospect_page' then (e.props->>'page')::int end as page,
        case when e.type = 'prospect_page' then coalesce((e.props->>'activeMs')::float8, 0) else 0 end as active_ms
      from events e
      where e.type in ('prospect_opened', 'prospect_page') and e.at >= ${from} and e.at < ${to}
        and e.asset_id is not null ${assetFilter}
    ),
    totals as (
      select asset_id, count(*) filter (where type = 'prospect_opened')::int as opens,
        count(distinct visitor)::int as unique_visitors, sum(active_ms)::float8 as active_ms
      from e group by asset_id
      order by opens desc, active_ms desc, asset_id
      limit ${input.limit}
    ),
    pages as (
      select asset_id, json_agg(json_build_object('page', page, 'activeMs', ms) order by page) as pages
      from (select asset_id, page, sum(active_ms)::float8 as ms from e
        where page is not null and asset_id in (select asset_id from totals) group by asset_id, page) p
      group by asset_id
    )
    select t.asset_id, a.title, t.opens, t.unique_visitors, t.active_ms, coalesce(p.pages, '[]'::json) as pages
    from totals t join assets a on a.id = t.asset_id left join pages p on p.asset_id = t.asset_id
    order by t.opens desc, t.active_ms desc, t.asset_id`);
  const items = rowsOf<{
    asset_id: string;
    title: string;
    opens: number;
    unique_visitors: number;
    active_ms: number;
    pages: AssetEngagement["pages"] | string;
  }>(result).map(
    (r): AssetEngagement => ({
      assetId: r.asset_id,
      title: r.title,
      opens: r.opens,
      uniqueVisitors: r.unique_visitors,
      activeMs: r.active_ms,
      // node-postgres parses json; keep a string answer working too
      pages: typeof r.pages === "string" ? (JSON.parse(r.pages) as AssetEngagement["pages"]) : r.pages,
    }),
  );
  return { period: { from: period.from.toISOString(), to: period.to.toISOString() }, items };
}
