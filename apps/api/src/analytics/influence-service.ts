import {
  type AssetInfluence,
  type AttributionModel,
  assetTypeSchema,
  attributionModels,
  type InfluenceBaseline,
} from "@pitchside/shared";
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { type CurrencySettings, getCurrencySettings } from "./currency-settings";
import { instants, type Period, periodSchema, resolvePeriod } from "./report-period";
import { rowsOf } from "./sql-rows";

export const influenceGroups = ["asset", "type", "stage", "persona", "team", "rep"] as const;
export type InfluenceGroup = (typeof influenceGroups)[number];

const uuids = z.array(z.uuid()).max(500);
const keys = z.array(z.string().trim().min(1).max(100)).max(50);

/** Asset filters narrow which assets are reported (credits are still split over all of a deal's touches); deal filters narrow the deals, baseline included. */
export const influenceFiltersSchema = z.object({
  assetIds: uuids.optional(),
  assetTypes: z.array(assetTypeSchema).max(10).optional(),
  stages: keys.optional(),
  personas: keys.optional(),
  teamIds: uuids.optional(),
  repIds: uuids.optional(),
});
export type InfluenceFilters = z.infer<typeof influenceFiltersSchema>;

export const influenceInputSchema = periodSchema.extend({
  model: z.enum(attributionModels).default("any"),
  groupBy: z.enum(influenceGroups).default("asset"),
  filters: influenceFiltersSchema.default({}),
});
export type InfluenceInput = z.input<typeof influenceInputSchema>;

/** An asset's (or a group's) figures, as computeInfluence defines them, with what names it. */
export interface InfluenceItem extends Omit<AssetInfluence, "assetId"> {
  /** The asset id, or the group's key (type, stage or persona key, team or rep id; null: none). */
  key: string | null;
  assetId: string | null;
  title: string;
  titleJa: string | null;
  type: string | null;
}

/** All deals the (filtered) content touched before close, each once: the same for every model. */
export interface InfluenceTotals
  extends Omit<AssetInfluence, "assetId" | "influencedRevenue" | "avgDaysToClose"> {
  /** Won amounts of those deals, in the reporting currency. */
  wonRevenue: number;
}

export interface InfluenceResult {
  period: { from: string; to: string };
  model: AttributionModel;
  groupBy: InfluenceGroup;
  currency: string;
  baseline: InfluenceBaseline;
  touched: InfluenceTotals;
  items: InfluenceItem[];
}

const anyOf = (values: readonly string[], cast: "uuid" | "text") =>
  cast === "uuid" ? sql`any(${sql.param(values)}::uuid[])` : sql`any(${sql.param(values)}::text[])`;

/**
 * A deal `d`'s amount in the reporting currency, the way convertAmount in
 * packages/shared converts it. The rates travel as one CASE (no join), so the
 * planner cannot move a conversion above the touches join.
 */
function amountSql(currency: CurrencySettings): SQL {
  const to = currency.reportingCurrency;
  const toRate = currency.rates[to] as number;
  const branches = Object.entries(currency.rates).map(
    ([code, rate]) => sql`when ${code} then d.amount::float8 / ${rate}::float8 * ${toRate}::float8`,
  );
  return sql`case when upper(d.currency) = ${to} then d.amount::float8
    else case upper(d.currency) ${sql.join(branches, sql` `)} end end`;
}

/**
 * Revenue credit of a touch `t` (of a won deal) under `model`, and what it
 * needs joined: the deal's number of touching assets (linear) or its one
 * credited asset (first, last; ties go to the smallest asset id). The touches
 * come in as a subquery of their own rather than a second reference to the
 * touches CTE, which would make Postgres materialize it (and lose the
 * parallel plan): twice the time at 100k deals.
 */
function creditSql(model: AttributionModel, touches: SQL): { join: SQL; credit: SQL } {
  const pick = (order: SQL) => ({
    join: sql`left join (select distinct on (deal_id) deal_id, asset_id from (${touches}) w where status = 'won'
      order by deal_id, ${order}, asset_id) w on w.deal_id = t.deal_id`,
    credit: sql`case when w.asset_id = t.asset_id then t.amount else 0 end`,
  });
  switch (model) {
    case "any":
      return { join: sql``, credit: sql`t.amount` };
    case "linear":
      return {
        join: sql`left join (select deal_id, count(*) as n from (${touches}) n where status = 'won'
          group by deal_id) n on n.deal_id = t.deal_id`,
        credit: sql`t.amount / n.n`,
      };
    case "first":
      return pick(sql`first_at`);
    case "last":
      return pick(sql`last_at desc`);
  }
}

/** The group key(s) of a credited touch `c` joined to its asset `a`. */
function keySql(groupBy: InfluenceGroup): { key: SQL; from: SQL } {
  switch (groupBy) {
    case "asset":
      return { key: sql`c.asset_id`, from: sql`` };
    case "type":
      return { key: sql`a.type::text`, from: sql`` };
    case "stage":
      return { key: sql`k.key`, from: sql`cross join lateral unnest(a.stages) as k(key)` };
    case "persona":
      return { key: sql`k.key`, from: sql`cross join lateral unnest(a.personas) as k(key)` };
    case "team":
      return { key: sql`c.team_id`, from: sql`` };
    case "rep":
      return { key: sql`c.owner_id`, from: sql`` };
  }
}

/** Each group's title (and Japanese title, and the asset's type) joined to the groups `g`. */
function labelSql(groupBy: InfluenceGroup): { join: SQL; title: SQL; titleJa: SQL; type: SQL } {
  const none = sql`null::text`;
  switch (groupBy) {
    case "asset":
      return {
        join: sql`join assets l on l.id = g.key`,
        title: sql`l.title`,
        titleJa: none,
        type: sql`l.type::text`,
      };
    case "type":
      return { join: sql``, title: none, titleJa: none, type: none };
    case "stage":
    case "persona":
      return {
        join: sql`left join taxonomy_terms l on l.kind = ${groupBy} and l.key = g.key`,
        title: sql`l.label_en`,
        titleJa: sql`l.label_ja`,
        type: none,
      };
    case "team":
      return { join: sql`left join teams l on l.id = g.key`, title: sql`l.name`, titleJa: none, type: none };
    case "rep":
      return { join: sql`left join users l on l.id = g.key`, title: sql`l.name`, titleJa: none, type: none };
  }
}

function dealFilters(filters: InfluenceFilters): SQL {
  const parts: SQL[] = [];
  if (filters.teamIds?.length) parts.push(sql`u.team_id = ${anyOf(filters.teamIds, "uuid")}`);
  if (filters.repIds?.length) parts.push(sql`d.owner_id = ${anyOf(filters.repIds, "uuid")}`);
  return parts.length ? sql`and ${sql.join(parts, sql` and `)}` : sql``;
}

const hasAssetFilter = (f: InfluenceFilters) =>
  Boolean(f.assetIds?.length || f.assetTypes?.length || f.stages?.length || f.personas?.length);

/** The asset filters on `a`, joined together (true without any). */
function assetConditions(filters: InfluenceFilters): SQL {
  const parts: SQL[] = [];
  if (filters.assetIds?.length) parts.push(sql`a.id = ${anyOf(filters.assetIds, "uuid")}`);
  if (filters.assetTypes?.length) parts.push(sql`a.type::text = ${anyOf(filters.assetTypes, "text")}`);
  if (filters.stages?.length) parts.push(sql`a.stages && ${sql.param(filters.stages)}::text[]`);
  if (filters.personas?.length) parts.push(sql`a.personas && ${sql.param(filters.personas)}::text[]`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

const assetFilters = (filters: InfluenceFilters): SQL =>
  hasAssetFilter(filters) ? sql`where ${assetConditions(filters)}` : sql``;

/** The deals of the period (closed in it, or open) with their won amount in the reporting currency. */
function scopeSql(period: Period, filters: InfluenceFilters, currency: CurrencySettings): SQL {
  const { from, to } = instants(period);
  return sql`select d.id, d.status::text as status, d.closed_at, d.owner_id, u.team_id,
      case when d.status = 'won' then coalesce(${amountSql(currency)}, 0) else 0 end as amount
    from deals d left join users u on u.id = d.owner_id
    where (d.status = 'open' or (d.closed_at >= ${from} and d.closed_at < ${to})) ${dealFilters(filters)}`;
}

/** Whether touch `t` counts for deal `s`: made before it closed, or, for an open deal, during the period. */
function countsSql(period: Period): SQL {
  const { from, to } = instants(period);
  return sql`case when s.status = 'open'
    then t.first_touch_at < ${to} and t.last_touch_at >= ${from}
    else t.first_touch_at < s.closed_at end`;
}

/**
 * The touches that count, with their deal. A touch that ran past the close
 * keeps only its first use (its last use before close is not recorded), as
 * computeInfluence does. The scope is inlined (not a shared CTE) so the
 * planner hashes the deals and streams the touches.
 */
function touchesSql(period: Period, filters: InfluenceFilters, currency: CurrencySettings): SQL {
  return sql`select t.asset_id, t.deal_id, s.status, s.closed_at, s.amount, s.owner_id, s.team_id,
        t.first_touch_at as first_at,
        case when s.status <> 'open' and t.last_touch_at > s.closed_at then t.first_touch_at
          else t.last_touch_at end as last_at
      from asset_deal_touches t join (${scopeSql(period, filters, currency)}) s on s.id = t.deal_id
      where ${countsSql(period)}`;
}

/** Deals with a won amount in a currency that has no rate: reporting them would silently drop revenue. */
async function missingRates(db: Db, period: Period, currency: CurrencySettings): Promise<string[]> {
  const { from, to } = instants(period);
  const rows = rowsOf<{ code: string }>(
    await db.execute(sql`select distinct upper(currency) as code from deals
      where status = 'won' and closed_at >= ${from} and closed_at < ${to}
        and upper(currency) <> all(${sql.param(Object.keys(currency.rates))}::text[])`),
  );
  return rows.map((r) => r.code).sort();
}

interface TotalsRow {
  b_won: number;
  b_lost: number;
  t_deals: number;
  t_won: number;
  t_lost: number;
  t_open: number;
  t_revenue: number;
}

interface GroupRow {
  key: string | null;
  title: string | null;
  title_ja: string | null;
  type: string | null;
  deals: number;
  won: number;
  lost: number;
  open: number;
  revenue: number;
  avg_days: number | null;
}

/**
 * analytics.contentInfluence, computed in SQL over asset_deal_touches and deals
 * (the tests hold it to computeInfluence / computeGroupInfluence of packages/shared).
 */
export async function contentInfluence(
  db: Db,
  raw: InfluenceInput,
  now = new Date(),
): Promise<InfluenceResult> {
  const input = influenceInputSchema.parse(raw);
  const period = resolvePeriod(input, now);
  const currency = await getCurrencySettings(db);
  const missing = await missingRates(db, period, currency);
  if (missing.length > 0) {
    throw new AppError(
      "BAD_REQUEST",
      `No exchange rate for ${missing.join(", ")}: an admin can add it in the analytics settings`,
    );
  }
  const touches = touchesSql(period, input.filters, currency);
  const filtered = assetFilters(input.filters);
  const credit = creditSql(input.model, touches);
  const { key, from } = keySql(input.groupBy);
  const label = labelSql(input.groupBy);
  // an (asset, deal) pair is one touch row: grouped by asset, there is nothing to merge per deal
  const perDeal =
    input.groupBy === "asset"
      ? sql`select c.asset_id as key, c.deal_id, c.status, c.closed_at, c.first_at, c.credit
          from credited c ${hasAssetFilter(input.filters) ? sql`join assets a on a.id = c.asset_id ${filtered}` : sql``}`
      : sql`select ${key} as key, c.deal_id, c.status, c.closed_at, min(c.first_at) as first_at,
            ${input.model === "any" ? sql`max(c.credit)` : sql`sum(c.credit)`} as credit
          from credited c join assets a on a.id = c.asset_id ${from} ${filtered}
          group by 1, c.deal_id, c.status, c.closed_at`;
  // Two statements in one snapshot: together in one, the planner gave up the parallel plan and
  // took 1.0 s where the two take 0.3 s each (bench/analytics.ts, 100k deals).
  const [totalRows, groupRows] = await db.transaction(
    async (tx) => {
      // a year of touches sorts and hashes in memory rather than spilling to disk
      await tx.execute(sql`set local work_mem = '64MB'`);
      // compiling these plans with LLVM took 2.9 of 3.0 s at 100k deals
      await tx.execute(sql`set local jit = off`);
      const totals = await tx.execute(sql`with scoped as (
        select s.status, s.amount, exists (
            select 1 from asset_deal_touches t
              ${hasAssetFilter(input.filters) ? sql`join assets a on a.id = t.asset_id` : sql``}
            where t.deal_id = s.id and ${countsSql(period)}
              ${hasAssetFilter(input.filters) ? sql`and ${assetConditions(input.filters)}` : sql``}
          ) as touched
          from (${scopeSql(period, input.filters, currency)}) s
      )
      select count(*) filter (where status = 'won')::int as b_won,
        count(*) filter (where status = 'lost')::int as b_lost,
        count(*) filter (where touched)::int as t_deals,
        count(*) filter (where touched and status = 'won')::int as t_won,
        count(*) filter (where touched and status = 'lost')::int as t_lost,
        count(*) filter (where touched and status = 'open')::int as t_open,
        coalesce(sum(amount) filter (where touched and status = 'won'), 0)::float8 as t_revenue
      from scoped`);
      const groups = await tx.execute(sql`with touches as (${touches}),
      credited as (
        select t.asset_id, t.deal_id, t.status, t.closed_at, t.first_at, t.owner_id, t.team_id,
          case when t.status = 'won' then ${credit.credit} else 0 end as credit
        from touches t ${credit.join}
      ),
      per_deal as (${perDeal}),
      g as (
        select key, count(*)::int as deals,
          count(*) filter (where status = 'won')::int as won,
          count(*) filter (where status = 'lost')::int as lost,
          count(*) filter (where status = 'open')::int as open,
          coalesce(sum(credit), 0)::float8 as revenue,
          avg(date_part('epoch', closed_at - first_at)) filter (where status = 'won') / 86400 as avg_days
        from per_deal group by key
      )
      select g.key::text as key, g.deals, g.won, g.lost, g.open, g.revenue, g.avg_days,
        ${label.title} as title, ${label.titleJa} as title_ja, ${label.type} as type
      from g ${label.join}
      order by g.key::text`);
      return [rowsOf<TotalsRow>(totals), rowsOf<GroupRow>(groups)] as const;
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  const counts = totalRows[0];
  const won = counts?.b_won ?? 0;
  const lost = counts?.b_lost ?? 0;
  const baseline: InfluenceBaseline = {
    closed: won + lost,
    won,
    lost,
    winRate: won + lost > 0 ? won / (won + lost) : null,
  };
  const rates = (w: number, l: number) => {
    const winRate = w + l > 0 ? w / (w + l) : null;
    return { winRate, lift: winRate !== null && baseline.winRate ? winRate / baseline.winRate : null };
  };
  const touched: InfluenceTotals = {
    dealsTouched: counts?.t_deals ?? 0,
    won: counts?.t_won ?? 0,
    lost: counts?.t_lost ?? 0,
    open: counts?.t_open ?? 0,
    ...rates(counts?.t_won ?? 0, counts?.t_lost ?? 0),
    wonRevenue: counts?.t_revenue ?? 0,
  };
  const items = groupRows.map(
    (row): InfluenceItem => ({
      key: row.key,
      assetId: input.groupBy === "asset" ? row.key : null,
      title: row.title ?? row.key ?? "",
      titleJa: row.title_ja,
      type: row.type,
      dealsTouched: row.deals,
      won: row.won,
      lost: row.lost,
      open: row.open,
      ...rates(row.won, row.lost),
      influencedRevenue: row.revenue,
      avgDaysToClose: row.avg_days,
    }),
  );
  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    model: input.model,
    groupBy: input.groupBy,
    currency: currency.reportingCurrency,
    baseline,
    touched,
    items,
  };
}
