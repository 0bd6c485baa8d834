import { surfaces } from "@pitchside/shared";
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { periodSchema, resolvePeriod } from "./report-period";
import { rowsOf } from "./sql-rows";
import { type CountedType, cellCount, usageCells } from "./usage-cells";

export const usageGroups = ["none", "asset", "rep", "team", "surface"] as const;
export type UsageGroup = (typeof usageGroups)[number];
/** Splits with many keys: only the top `limit` of them come back one by one, the rest as "other". */
const rankedGroups: readonly UsageGroup[] = ["asset", "rep", "team"];

export const USAGE_LIMIT_MAX = 50;

export const usageInputSchema = periodSchema.extend({
  bucket: z.enum(["day", "week"]).default("week"),
  by: z.enum(usageGroups).default("none"),
  /** How many assets, reps or teams come back one by one (the largest by the period's total). */
  limit: z.number().int().min(1).max(USAGE_LIMIT_MAX).default(10),
  filters: z
    .object({
      assetIds: z.array(z.uuid()).max(500).optional(),
      repIds: z.array(z.uuid()).max(500).optional(),
      teamIds: z.array(z.uuid()).max(500).optional(),
      surfaces: z.array(z.enum(surfaces)).max(surfaces.length).optional(),
    })
    .default({}),
});
export type UsageInput = z.infer<typeof usageInputSchema>;

export interface UsageCounts {
  views: number;
  shares: number;
  inserts: number;
  opens: number;
}
export interface UsageBucket extends UsageCounts {
  /** Start of the day or ISO week (Monday), UTC, as YYYY-MM-DD. */
  bucket: string;
}
export interface UsagePoint extends UsageBucket {
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
  /** How many keys of the split had usage in the period (no asset, rep or team is one key, null). */
  keyCount: number;
  /** Every bucket with usage, all keys summed, in order. */
  buckets: UsageBucket[];
  /**
   * The shown keys' buckets, in order of bucket and key: by asset, rep or team the top `limit` keys by
   * the period's total (views + shares + inserts + opens); without a split or by surface every key.
   */
  points: UsagePoint[];
  /** The keys not shown, summed per bucket; empty when every key is shown. */
  others: UsageBucket[];
  /** The shown keys' period totals, largest first (ties by key). */
  totals: UsageTotal[];
  /** The keys not shown, summed over the period, and how many they are; null when every key is shown. */
  otherTotal: (UsageCounts & { keys: number }) | null;
}

/** Which event types each usage figure counts. */
const counted = {
  views: ["asset_viewed"],
  shares: ["shared", "link_copied"],
  inserts: ["link_inserted"],
  opens: ["prospect_opened"],
} as const satisfies Record<keyof UsageCounts, readonly CountedType[]>;
const usageTypes = Object.values(counted).flat();
const measures = Object.keys(counted) as (keyof UsageCounts)[];

const countOf = (types: readonly CountedType[]) => sql`coalesce(sum(${cellCount(types)}), 0)::int`;
const counts = sql`${countOf(counted.views)} as views, ${countOf(counted.shares)} as shares,
  ${countOf(counted.inserts)} as inserts, ${countOf(counted.opens)} as opens`;

/** The split's key as it is stored, and its label joined to the (far fewer) keys shown. */
function groupSql(by: UsageGroup): { key: SQL; label: SQL; labelJoin: SQL } {
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

const zero = (): UsageCounts => ({ views: 0, shares: 0, inserts: 0, opens: 0 });
const addTo = (sum: UsageCounts, add: UsageCounts) => {
  for (const m of measures) sum[m] += add[m];
};
const totalOf = (c: UsageCounts) => c.views + c.shares + c.inserts + c.opens;
const countsOf = (c: UsageCounts): UsageCounts => ({
  views: c.views,
  shares: c.shares,
  inserts: c.inserts,
  opens: c.opens,
});

interface KeyRow extends UsageTotal {
  key_count: number;
}
interface BucketRow extends UsageCounts {
  bucket: string;
  /** The key (every key kept), or its place in the top keys (null: not among them). */
  g: string | number | null;
}

/**
 * Views, shares, inserts and prospect opens per day or week. A prospect's open
 * belongs to the rep who made the share link.
 */
export async function usageOverTime(db: Db, input: UsageInput, now = new Date()): Promise<UsageResult> {
  const period = resolvePeriod(input, now);
  const { key, label, labelJoin } = groupSql(input.by);
  const ranked = rankedGroups.includes(input.by);
  const where: SQL[] = [sql`(${cellCount(usageTypes)}) > 0`];
  const f = input.filters;
  if (f.assetIds?.length) where.push(sql`c.asset_id = any(${sql.param(f.assetIds)}::uuid[])`);
  if (f.repIds?.length) where.push(sql`c.rep_id = any(${sql.param(f.repIds)}::uuid[])`);
  if (f.teamIds?.length) where.push(sql`u.team_id = any(${sql.param(f.teamIds)}::uuid[])`);
  if (f.surfaces?.length) where.push(sql`c.surface::text = any(${sql.param(f.surfaces)}::text[])`);
  const byTeam = input.by === "team" || Boolean(f.teamIds?.length);
  // usage_daily, not the raw events: a year of a large book is a few hundred thousand cells
  const cells = sql`from ${usageCells(period)} ${byTeam ? sql`left join users u on u.id = c.rep_id` : sql``}
    where ${sql.join(where, sql` and `)}`;
  const bucketOf = sql`date_trunc(${input.bucket}, c.day::timestamp)`;

  const [top, bucketRows] = await db.transaction(
    async (tx) => {
      await tx.execute(sql`set local work_mem = '64MB'`);
      await tx.execute(sql`set local jit = off`);
      if (!ranked) {
        // a handful of keys: every (bucket, key) as stored, labelled after
        const rows = await tx.execute(sql`
          select to_char(g.bucket, 'YYYY-MM-DD') as bucket, g.key::text as g, g.views, g.shares, g.inserts, g.opens
          from (select ${bucketOf} as bucket, ${key} as key, ${counts} ${cells} group by 1, 2) g
          order by g.bucket, g.key::text collate "C"`);
        return [null, rowsOf<BucketRow>(rows)] as const;
      }
      // the period's total per key (one pass, a row per key), of which the top `limit` come back labelled
      const keys = rowsOf<KeyRow>(
        await tx.execute(sql`
          select g.key::text as key, ${label} as label, g.views, g.shares, g.inserts, g.opens, g.key_count
          from (
            select key, views, shares, inserts, opens, count(*) over ()::int as key_count
            from (select ${key} as key, ${counts} ${cells} group by 1) k
            order by views + shares + inserts + opens desc, key::text collate "C" nulls last
            limit ${input.limit}
          ) g ${labelJoin}
          order by g.views + g.shares + g.inserts + g.opens desc, g.key::text collate "C" nulls last`),
      );
      // then every bucket with the top keys apart (their place among them) and the rest as one
      const ids = keys.flatMap((k) => (k.key === null ? [] : [k.key]));
      const place = sql`case when ${key} is null then ${keys.findIndex((k) => k.key === null) >= 0 ? sql`0` : sql`null::int`}
        else array_position(${sql.param(ids)}::uuid[], ${key}) end`;
      const rows = await tx.execute(sql`
        select to_char(g.bucket, 'YYYY-MM-DD') as bucket, g.g, g.views, g.shares, g.inserts, g.opens
        from (select ${bucketOf} as bucket, ${place} as g, ${counts} ${cells} group by 1, 2) g
        order by g.bucket, g.g nulls last`);
      return [keys, rowsOf<BucketRow>(rows)] as const;
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );

  // a bucket row's key: as stored (every key kept), or by its place among the top keys (0: no key)
  const shown = new Map<string | number, UsageTotal>();
  if (top !== null) {
    const ids = top.filter((t) => t.key !== null);
    ids.forEach((t, i) => {
      shown.set(i + 1, t);
    });
    const none = top.find((t) => t.key === null);
    if (none) shown.set(0, none);
  }
  const buckets = new Map<string, UsageBucket>();
  const points: UsagePoint[] = [];
  const others: UsageBucket[] = [];
  for (const row of bucketRows) {
    const all = buckets.get(row.bucket) ?? { bucket: row.bucket, ...zero() };
    addTo(all, row);
    buckets.set(row.bucket, all);
    if (top === null) {
      const k = row.g === null ? null : String(row.g);
      points.push({ bucket: row.bucket, key: k, label: input.by === "surface" ? k : null, ...countsOf(row) });
      continue;
    }
    const key = row.g === null ? undefined : shown.get(Number(row.g));
    if (key) points.push({ bucket: row.bucket, key: key.key, label: key.label, ...countsOf(row) });
    else others.push({ bucket: row.bucket, ...countsOf(row) });
  }
  // the top keys' points in the order of the rest of the answer: bucket, then key
  points.sort((a, b) => (a.bucket === b.bucket ? byKey(a, b) : a.bucket < b.bucket ? -1 : 1));
  const totals = top === null ? totalsOf(points) : top.map(({ key_count: _, ...t }) => t);
  const keyCount = top === null ? totals.length : (top[0]?.key_count ?? 0);
  const otherTotal = others.reduce((sum, o) => {
    addTo(sum, o);
    return sum;
  }, zero());
  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    bucket: input.bucket,
    keyCount,
    buckets: [...buckets.values()],
    points,
    others,
    totals,
    otherTotal: keyCount > totals.length ? { ...otherTotal, keys: keyCount - totals.length } : null,
  };
}

/** Keys in byte order (uuids and surface names alike), no key last: as the statements order them. */
function byKey(a: { key: string | null }, b: { key: string | null }) {
  if (a.key === b.key) return 0;
  if (a.key === null) return 1;
  if (b.key === null) return -1;
  return a.key < b.key ? -1 : 1;
}

/** Each key's period total, largest first (ties by key). */
function totalsOf(points: readonly UsagePoint[]): UsageTotal[] {
  const totals = new Map<string | null, UsageTotal>();
  for (const p of points) {
    const total = totals.get(p.key) ?? { key: p.key, label: p.label, ...zero() };
    addTo(total, p);
    totals.set(p.key, total);
  }
  return [...totals.values()].sort((a, b) => totalOf(b) - totalOf(a) || byKey(a, b));
}
