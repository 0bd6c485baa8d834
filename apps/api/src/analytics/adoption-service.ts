import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { instants, type PeriodInput, resolvePeriod } from "./report-period";
import { rowsOf } from "./sql-rows";
import { type CountedType, cellCount, usageCells } from "./usage-cells";

/** Event types that show a rep using content (a suggestion merely shown does not). */
export const REP_USE_TYPES: readonly CountedType[] = [
  "asset_viewed",
  "asset_downloaded",
  "shared",
  "link_inserted",
  "link_copied",
  "suggestion_clicked",
];

export interface RepAdoption {
  period: { from: string; to: string };
  /** Reps with an account that is not disabled. */
  reps: number;
  /** Per ISO week (Monday, YYYY-MM-DD): reps who used content that week. */
  weeks: { week: string; activeReps: number }[];
  /** Reps who used content in the period. */
  activeReps: number;
  /** Deals of the period (closed in it, or open) and how many a counted content touch reached. */
  deals: { total: number; touched: number; share: number | null };
}

export async function repAdoption(db: Db, input: PeriodInput, now = new Date()): Promise<RepAdoption> {
  const period = resolvePeriod(input, now);
  const { from, to } = instants(period);
  // usage_daily's cells where the rep acted (rep_id is the event's user), not the raw events
  const uses = sql`from ${usageCells(period)} join users u on u.id = c.rep_id
    where u.role = 'rep' and c.rep_acted and (${cellCount(REP_USE_TYPES)}) > 0`;
  const [weeks, active, reps, deals] = await Promise.all([
    db.execute(sql`select to_char(date_trunc('week', c.day::timestamp), 'YYYY-MM-DD') as week,
      count(distinct c.rep_id)::int as "activeReps" ${uses} group by 1 order by 1`),
    db.execute(sql`select count(distinct c.rep_id)::int as n ${uses}`),
    db.execute(sql`select count(*)::int as n from users where role = 'rep' and disabled_at is null`),
    db.execute(sql`
      select count(*)::int as total,
        count(*) filter (where exists (select 1 from asset_deal_touches t where t.deal_id = d.id
          and (d.status = 'open' or t.first_touch_at < d.closed_at)))::int as touched
      from deals d
      where d.status = 'open' or (d.closed_at >= ${from} and d.closed_at < ${to})`),
  ]);
  const n = (result: unknown) => rowsOf<{ n: number }>(result)[0]?.n ?? 0;
  const [dealCounts] = rowsOf<{ total: number; touched: number }>(deals);
  const total = dealCounts?.total ?? 0;
  const touched = dealCounts?.touched ?? 0;
  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    reps: n(reps),
    weeks: rowsOf<{ week: string; activeReps: number }>(weeks),
    activeReps: n(active),
    deals: { total, touched, share: total > 0 ? touched / total : null },
  };
}
