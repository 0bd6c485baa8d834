import { type SQL, sql } from "drizzle-orm";
import type { Period } from "./report-period";

const DAY_MS = 86_400_000;

/** The event types usage_daily counts, each with its column (migration 0011). */
export const usageColumns = {
  asset_viewed: "viewed",
  asset_downloaded: "downloaded",
  shared: "shared",
  link_inserted: "inserted",
  link_copied: "copied",
  suggestion_clicked: "clicked",
  prospect_opened: "opened",
} as const;
export type CountedType = keyof typeof usageColumns;

/** `c.viewed + c.shared …`: how many events of these types a cell holds. */
export const cellCount = (types: readonly CountedType[]): SQL =>
  sql.join(
    types.map((type) => sql.raw(`c.${usageColumns[type]}`)),
    sql` + `,
  );

const columns = Object.values(usageColumns);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The period's usage as usage_daily rows — `c(day, asset_id, rep_id, surface, rep_acted, viewed, …)` —
 * for a FROM clause: its whole UTC days from the rollup, and the part days at either end (a period
 * from a given instant, or up to now) counted from the events of those hours, as the rollup counts
 * them (usage_daily_events). A cell may appear more than once (a whole day and a part day never
 * share a day, but a report must sum, never pick).
 */
export function usageCells(period: Period): SQL {
  const from = period.from.getTime();
  const to = period.to.getTime();
  const firstDay = Math.ceil(from / DAY_MS) * DAY_MS;
  const endDay = Math.floor(to / DAY_MS) * DAY_MS;
  const raw = (start: number, end: number) => sql`select day, asset_id, rep_id, surface, rep_acted,
      ${sql.raw(columns.map((c) => `sum(${c})::int as ${c}`).join(", "))}
    from usage_daily_events
    where at >= ${new Date(start).toISOString()}::timestamptz and at < ${new Date(end).toISOString()}::timestamptz
    group by 1, 2, 3, 4, 5`;
  if (firstDay >= endDay) return sql`(${raw(from, to)}) c`;
  const parts: SQL[] = [
    sql`select day, asset_id, rep_id, surface, rep_acted, ${sql.raw(columns.join(", "))} from usage_daily
      where day >= ${dayOf(firstDay)}::date and day < ${dayOf(endDay)}::date`,
  ];
  if (from < firstDay) parts.push(raw(from, firstDay));
  if (endDay < to) parts.push(raw(endDay, to));
  return sql`(${sql.join(parts, sql` union all `)}) c`;
}
