import { surfaces } from "@pitchside/shared";
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { periodSchema, resolvePeriod } from "./report-period";
import { rowsOf } from "./sql-rows";
import { type CountedType, cellCount, usageCells } from "./usage-cells";

export const usageGroups = ["none", "asset", "rep", "team", "surface"] as const;

export const usageInputSchema = periodSchema.extend({
  bucket: z.enum(["day", "week"]).default("week"),
  by: z.enum(usageGroups).default("none"),
  filters: z
    .object({
      assetIds: z.array(z.uuid()).max(500).optional(),
      repIds: z.array(z.uuid()).max(500).optional(),
      teamIds: z.array(z.uuid()).max(500).optional(),
      surfaces: z.array(z.enum(surfaces)).max(surfaces.length).optional(),
    })
    .default({}),
});
export type UsageInput = z.input<typeof usageInputSchema>;

export interface UsageCounts {
  views: number;
  shares: number;
  inserts: number;
  opens: number;
}
export interface UsagePoint extends UsageCounts {
  /** Start of the day or ISO week (Monday), UTC, as YYYY-MM-DD. */
  bucket: string;
  key: string | null;
  label: string | null;
}
export interface UsageTotal extends UsageCounts {
  key: string | null;
  label: string | null;
}
export interface UsageResult {
  period: { from: string; to: string };
  bucket: "day" | "week";
  points: UsagePoint[];
  totals: UsageTotal[];
}

/** Which event types each usage figure counts. */
const counted = {
  views: ["asset_viewed"],
  shares: ["shared", "link_copied"],
  inserts: ["link_inserted"],
  opens: ["prospect_opened"],
} as const satisfies Record<keyof UsageCounts, readonly CountedType[]>;
const usageTypes = Object.values(counted).flat();

const countOf = (types: readonly CountedType[]) => sql`coalesce(sum(${cellCount(types)}), 0)::int`;

/** The split's key, grouped on as it is stored; its label joined to the (far fewer) groups after. */
function groupSql(by: (typeof usageGroups)[number]): { key: SQL; label: SQL; labelJoin: SQL } {
  switch (by) {
    case "none":
      return { key: sql`null::text`, label: sql`null::text`, labelJoin: sql`` };
    case "asset":
      return {
        key: sql`c.asset_id`,
        label: sql`a.title`,
        labelJoin: sql`left join assets a on a.id = g.key`,
      };
    case "rep":
      return { key: sql`c.rep_id`, label: sql`r.name`, labelJoin: sql`left join users r on r.id = g.key` };
    case "team":
      return { key: sql`u.team_id`, label: sql`t.name`, labelJoin: sql`left join teams t on t.id = g.key` };
    case "surface":
      return { key: sql`c.surface`, label: sql`g.key::text`, labelJoin: sql`` };
  }
}

/**
 * Views, shares, inserts and prospect opens per day or week. A prospect's open
 * belongs to the rep who made the share link.
 */
export async function usageOverTime(db: Db, raw: UsageInput, now = new Date()): Promise<UsageResult> {
  const input = usageInputSchema.parse(raw);
  const period = resolvePeriod(input, now);
  const { key, label, labelJoin } = groupSql(input.by);
  const where: SQL[] = [sql`(${cellCount(usageTypes)}) > 0`];
  const f = input.filters;
  if (f.assetIds?.length) where.push(sql`c.asset_id = any(${sql.param(f.assetIds)}::uuid[])`);
  if (f.repIds?.length) where.push(sql`c.rep_id = any(${sql.param(f.repIds)}::uuid[])`);
  if (f.teamIds?.length) where.push(sql`u.team_id = any(${sql.param(f.teamIds)}::uuid[])`);
  if (f.surfaces?.length) where.push(sql`c.surface::text = any(${sql.param(f.surfaces)}::text[])`);
  const byTeam = input.by === "team" || Boolean(f.teamIds?.length);
  // usage_daily, not the raw events: a year of a large book is a few hundred thousand cells, summed
  // per (bucket, key) as stored (a hash of dates and uuids), then formatted and labelled
  const query = sql`
    select to_char(g.bucket, 'YYYY-MM-DD') as bucket, g.key::text as key, ${label} as label,
      g.views, g.shares, g.inserts, g.opens
    from (
      select date_trunc(${input.bucket}, c.day::timestamp) as bucket, ${key} as key,
        ${countOf(counted.views)} as views, ${countOf(counted.shares)} as shares,
        ${countOf(counted.inserts)} as inserts, ${countOf(counted.opens)} as opens
      from ${usageCells(period)} ${byTeam ? sql`left join users u on u.id = c.rep_id` : sql``}
      where ${sql.join(where, sql` and `)}
      group by 1, 2
    ) g ${labelJoin}
    -- the order of the formatted (bucket, key), without sorting text by the locale's rules: a date's
    -- order is its text's, and byte order ("C") is the locale's for uuids and surface names alike
    order by g.bucket, g.key::text collate "C"`;
  const result = await db.transaction(async (tx) => {
    // a year's cells hash in memory rather than sorting on disk
    await tx.execute(sql`set local work_mem = '64MB'`);
    await tx.execute(sql`set local jit = off`);
    return tx.execute(query);
  });
  const points = rowsOf<UsagePoint>(result);
  const totals = new Map<string | null, UsageTotal>();
  for (const p of points) {
    const total = totals.get(p.key) ?? {
      key: p.key,
      label: p.label,
      views: 0,
      shares: 0,
      inserts: 0,
      opens: 0,
    };
    total.views += p.views;
    total.shares += p.shares;
    total.inserts += p.inserts;
    total.opens += p.opens;
    totals.set(p.key, total);
  }
  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    bucket: input.bucket,
    points,
    totals: [...totals.values()].sort(
      (a, b) => b.views + b.shares + b.inserts - (a.views + a.shares + a.inserts),
    ),
  };
}
