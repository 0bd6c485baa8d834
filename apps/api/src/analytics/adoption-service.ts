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
  // usage_daily's cells where the rep acted (rep_id is the event's user), not the raw events: the
  // (week, rep) pairs first (a hash), then the weeks and the reps counted from those few
  const [weeks, reps, deals] = await Promise.all([
    db.execute(sql`with active as (
        select date_trunc('week', c.day::timestamp) as week, c.rep_id
        from ${usageCells(period)} join users u on u.id = c.rep_id
        where u.role = 'rep' and c.rep_acted and (${cellCount(REP_USE_TYPES)}) > 0
        group by 1, 2)
      select to_char(week, 'YYYY-MM-DD') as week, count(*)::int as "activeReps",
        (select count(distinct rep_id) from active)::int as reps
      from active group by 1 order by 1`),
    db.execute(sql`select count(*)::int as n from users where role = 'rep' and disabled_at is null`),
    // influence_touches holds exactly the touches that count (an open deal's, a closed deal's before
    // its close), with one first-credited row per closed deal: no probe of the touches per deal
    db.execute(sql`
      select (select count(*) from deals d
          where d.status = 'open' or (d.closed_at >= ${from} and d.closed_at < ${to}))::int as total,
        ((select count(*) from influence_touches r
            where r.first_credit and r.closed_at >= ${from} and r.closed_at < ${to})
          + (select count(distinct r.deal_id) from influence_touches r where r.status = 'open'))::int as touched`),
  ]);
  const n = (result: unknown) => rowsOf<{ n: number }>(result)[0]?.n ?? 0;
  const weekRows = rowsOf<{ week: string; activeReps: number; reps: number }>(weeks);
  const [dealCounts] = rowsOf<{ total: number; touched: number }>(deals);
  const total = dealCounts?.total ?? 0;
  const touched = dealCounts?.touched ?? 0;
  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    reps: n(reps),
    weeks: weekRows.map(({ week, activeReps }) => ({ week, activeReps })),
    activeReps: weekRows[0]?.reps ?? 0,
    deals: { total, touched, share: total > 0 ? touched / total : null },
  };
}
