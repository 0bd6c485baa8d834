import {
  type AssetInfluence,
  type AttributionModel,
  attributionModels,
  type InfluenceBaseline,
  type LiftBaseline,
  liftFigures,
} from "@pitchside/shared";
import { assetTypeSchema } from "@pitchside/shared/schemas";
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
export type InfluenceInput = z.infer<typeof influenceInputSchema>;
/** What a caller sends, before the schema's defaults. */
export type InfluenceRequest = z.input<typeof influenceInputSchema>;

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
  /** The overall win rate: every deal closed in the period (deal filters applied), touched or not. */
  baseline: InfluenceBaseline;
  /** What the items' lift compares with (`touched` always compares with `not_touched`). */
  liftBaseline: LiftBaseline;
  touched: InfluenceTotals;
  items: InfluenceItem[];
}

const anyOf = (values: readonly string[], cast: "uuid" | "text") =>
  cast === "uuid" ? sql`any(${sql.param(values)}::uuid[])` : sql`any(${sql.param(values)}::text[])`;

/** What carries a deal's amount, currency and owner: `d` a deal, `r` a touch, `g` a group's touch of a deal. */
type Row = "d" | "r" | "g";

/**
 * A deal's amount in the reporting currency, the way convertAmount in
 * packages/shared converts it, from the `amount` and `currency` columns of
 * `row`. The rates travel as one CASE, no join.
 */
function amountSql(currency: CurrencySettings, row: Row): SQL {
  const to = currency.reportingCurrency;
  const toRate = currency.rates[to] as number;
  const amount = sql.raw(`${row}.amount::float8`);
  const code = sql.raw(`upper(${row}.currency)`);
  const branches = Object.entries(currency.rates).map(
    ([c, rate]) => sql`when ${c} then ${amount} / ${rate}::float8 * ${toRate}::float8`,
  );
  return sql`case when ${code} = ${to} then ${amount}
    else case ${code} ${sql.join(branches, sql` `)} end end`;
}

/** The share of its won deal's amount a touch `r` of influence_touches is credited under `model`. */
function creditSql(model: AttributionModel, amount: SQL): SQL {
  switch (model) {
    case "any":
      return amount;
    case "linear":
      return sql`${amount} / r.share_of`;
    case "first":
      return sql`case when r.first_credit then ${amount} else 0 end`;
    case "last":
      return sql`case when r.last_credit then ${amount} else 0 end`;
  }
}

/** The group key(s) of a touch `r` (its asset `a`, its owner `u`). */
function keySql(groupBy: InfluenceGroup): { key: SQL; from: SQL } {
  switch (groupBy) {
    case "asset":
      return { key: sql`r.asset_id`, from: sql`` };
    case "type":
      return { key: sql`a.type::text`, from: sql`` };
    case "stage":
      return { key: sql`k.key`, from: sql`cross join lateral unnest(a.stages) as k(key)` };
    case "persona":
      return { key: sql`k.key`, from: sql`cross join lateral unnest(a.personas) as k(key)` };
    case "team":
      return { key: sql`u.team_id`, from: sql`` };
    case "rep":
      return { key: sql`r.owner_id`, from: sql`` };
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

/** `row`'s owner as `u`, joined when a team filter or grouping needs it. */
const ownerJoin = (row: Row, needed: boolean): SQL =>
  needed ? sql`left join users u on u.id = ${sql.raw(`${row}.owner_id`)}` : sql``;

/** The deal filters on the owner of `row` and their user `u` (see ownerJoin). */
function dealFilters(filters: InfluenceFilters, row: Row): SQL {
  const parts: SQL[] = [];
  if (filters.teamIds?.length) parts.push(sql`u.team_id = ${anyOf(filters.teamIds, "uuid")}`);
  if (filters.repIds?.length)
    parts.push(sql`${sql.raw(`${row}.owner_id`)} = ${anyOf(filters.repIds, "uuid")}`);
  return parts.length ? sql`and ${sql.join(parts, sql` and `)}` : sql``;
}

const hasAssetFilter = (f: InfluenceFilters) =>
  Boolean(f.assetIds?.length || f.assetTypes?.length || f.stages?.length || f.personas?.length);

/** The asset filters on `a`, each prefixed with `and`. */
function assetFilters(filters: InfluenceFilters): SQL {
  const parts: SQL[] = [];
  if (filters.assetIds?.length) parts.push(sql`a.id = ${anyOf(filters.assetIds, "uuid")}`);
  if (filters.assetTypes?.length) parts.push(sql`a.type::text = ${anyOf(filters.assetTypes, "text")}`);
  if (filters.stages?.length) parts.push(sql`a.stages && ${sql.param(filters.stages)}::text[]`);
  if (filters.personas?.length) parts.push(sql`a.personas && ${sql.param(filters.personas)}::text[]`);
  return sql.join(
    parts.map((p) => sql` and ${p}`),
    sql``,
  );
}

/**
 * The touches `r` that count in the period, as `from … where …`: a closed
 * deal's (before its close: influence_touches holds no other) when it closed in
 * the period, an open deal's when made during it; joined to their asset `a`
 * and owner `u` where the filters or the grouping need them.
 */
function touchesSql(
  period: Period,
  filters: InfluenceFilters,
  groupBy: InfluenceGroup,
  keyFrom = sql``,
  openOnly = false,
): SQL {
  const { from, to } = instants(period);
  const inPeriod = sql`r.first_at < ${to} and r.last_at >= ${from}`;
  const withAsset = hasAssetFilter(filters) || ["type", "stage", "persona"].includes(groupBy);
  return sql`from influence_touches r
      ${withAsset ? sql`join assets a on a.id = r.asset_id` : sql``}
      ${ownerJoin("r", Boolean(filters.teamIds?.length) || groupBy === "team")} ${keyFrom}
    where ${
      openOnly
        ? sql`r.status = 'open' and ${inPeriod}`
        : sql`(case when r.status = 'open' then ${inPeriod} else r.closed_at >= ${from} and r.closed_at < ${to} end)`
    }
      ${dealFilters(filters, "r")} ${assetFilters(filters)}`;
}

const isAssetGroup = (groupBy: InfluenceGroup): groupBy is "type" | "stage" | "persona" =>
  groupBy === "type" || groupBy === "stage" || groupBy === "persona";

/**
 * Per (group, deal), for a grouping by the assets' type, stages or personas
 * without asset filters: the closed deals from influence_groups, merged when
 * their touches were kept, and the open deals merged here from their touches
 * in the period (revenue 0).
 */
function groupedSql(
  period: Period,
  filters: InfluenceFilters,
  groupBy: "type" | "stage" | "persona",
  model: AttributionModel,
  currency: CurrencySettings,
): SQL {
  const { from, to } = instants(period);
  const amount = amountSql(currency, "g");
  const share = {
    any: amount,
    first: sql`case when g.first_credit then ${amount} else 0 end`,
    last: sql`case when g.last_credit then ${amount} else 0 end`,
    linear: sql`${amount} * g.assets / g.share_of`,
  }[model];
  const { key, from: keyFrom } = keySql(groupBy);
  return sql`select g.key, g.deal_id, g.status, g.closed_at, g.first_at,
      case when g.status = 'won' then ${share} else 0 end as credit
    from influence_groups g ${ownerJoin("g", Boolean(filters.teamIds?.length))}
    where g.kind = ${groupBy} and g.closed_at >= ${from} and g.closed_at < ${to} ${dealFilters(filters, "g")}
    union all
    select ${key} as key, r.deal_id, r.status, r.closed_at, min(r.first_at) as first_at, 0
    ${touchesSql(period, filters, groupBy, keyFrom, true)}
    group by 1, r.deal_id, r.status, r.closed_at`;
}

/**
 * The deals the (filtered) content touched, each once, with their status and
 * won amount. Without asset filters, a closed deal is touched when it has a
 * touch before its close, so its one first-credited row stands for it (no
 * grouping); only the open deals' touches in the period are grouped by deal.
 * With asset filters the first-credited touch may be filtered out, so all the
 * filtered touches are grouped by deal.
 */
function touchedSql(period: Period, filters: InfluenceFilters, dealAmount: SQL): SQL {
  const { from, to } = instants(period);
  const withOwner = ownerJoin("r", Boolean(filters.teamIds?.length));
  const deals = hasAssetFilter(filters)
    ? sql`select r.status, ${dealAmount} as amount ${touchesSql(period, filters, "asset")}
        group by r.deal_id, r.status, r.amount, r.currency`
    : sql`select r.status, ${dealAmount} as amount from influence_touches r ${withOwner}
        where r.first_credit and r.status <> 'open' and r.closed_at >= ${from} and r.closed_at < ${to}
          ${dealFilters(filters, "r")}
      union all
      select 'open', 0 from influence_touches r ${withOwner}
        where r.status = 'open' and r.first_at < ${to} and r.last_at >= ${from} ${dealFilters(filters, "r")}
        group by r.deal_id`;
  return sql`select count(*)::int as deals,
      count(*) filter (where status = 'won')::int as won,
      count(*) filter (where status = 'lost')::int as lost,
      count(*) filter (where status = 'open')::int as open,
      coalesce(sum(amount) filter (where status = 'won'), 0)::float8 as revenue
    from (${deals}) deal`;
}

interface BaselineRow {
  won: number;
  lost: number;
  /** Currencies of the period's won deals that have no rate. */
  missing: string[] | null;
}

/** An owner's (team or rep; null: none) closed deals in the period. */
interface OwnerRow {
  key: string | null;
  won: number;
  lost: number;
}

interface TouchedRow {
  deals: number;
  won: number;
  lost: number;
  open: number;
  revenue: number;
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
  input: InfluenceInput,
  now = new Date(),
): Promise<InfluenceResult> {
  const period = resolvePeriod(input, now);
  const { filters, groupBy } = input;
  const currency = await getCurrencySettings(db);
  const { from, to } = instants(period);
  const dealAmount = amountSql(currency, "r");
  const credit = sql`case when r.status = 'won' then ${creditSql(input.model, dealAmount)} else 0 end`;
  const { key, from: keyFrom } = keySql(groupBy);
  const label = labelSql(groupBy);
  // an (asset, deal) pair is one touch row: grouped by asset, there is nothing to merge per deal
  const perDeal =
    groupBy === "asset"
      ? sql`select r.asset_id as key, r.deal_id, r.status, r.closed_at, r.first_at, ${credit} as credit
          ${touchesSql(period, filters, groupBy)}`
      : isAssetGroup(groupBy) && !hasAssetFilter(filters)
        ? groupedSql(period, filters, groupBy, input.model, currency)
        : sql`select ${key} as key, r.deal_id, r.status, r.closed_at, min(r.first_at) as first_at,
            ${input.model === "any" ? sql`max` : sql`sum`}(${credit}) as credit
          ${touchesSql(period, filters, groupBy, keyFrom)}
          group by 1, r.deal_id, r.status, r.closed_at`;
  // Three statements (four by team or rep) in one snapshot; influence_touches holds what the touches need from their
  // deals and their credit shares, so each is one scan (bench/analytics.ts, 100k deals).
  const [baselineRows, ownerRows, touchedRows, groupRows] = await db.transaction(
    async (tx) => {
      // a year of touches hashes in memory rather than spilling to disk
      await tx.execute(sql`set local work_mem = '64MB'`);
      // compiling these plans with LLVM took longer than running them at 100k deals
      await tx.execute(sql`set local jit = off`);
      const baseline = rowsOf<BaselineRow>(
        await tx.execute(sql`select count(*) filter (where d.status = 'won')::int as won,
          count(*) filter (where d.status = 'lost')::int as lost,
          array_agg(distinct upper(d.currency)) filter (where d.status = 'won'
            and upper(d.currency) <> all(${sql.param(Object.keys(currency.rates))}::text[])) as missing
        from deals d ${ownerJoin("d", Boolean(filters.teamIds?.length))}
        where d.status <> 'open' and d.closed_at >= ${from} and d.closed_at < ${to}
          ${dealFilters(filters, "d")}`),
      );
      const missing = baseline[0]?.missing ?? [];
      if (missing.length > 0) {
        // reporting these deals would silently drop their revenue
        throw new AppError(
          "BAD_REQUEST",
          `No exchange rate for ${missing.sort().join(", ")}: an admin can add it in the analytics settings`,
        );
      }
      // grouped by team or rep, each group is compared with its own closed deals: counted per owner
      const owner = groupBy === "team" ? sql`u.team_id` : groupBy === "rep" ? sql`d.owner_id` : null;
      const owners = owner
        ? rowsOf<OwnerRow>(
            await tx.execute(sql`select ${owner}::text as key,
              count(*) filter (where d.status = 'won')::int as won,
              count(*) filter (where d.status = 'lost')::int as lost
            from deals d ${ownerJoin("d", Boolean(filters.teamIds?.length) || groupBy === "team")}
            where d.status <> 'open' and d.closed_at >= ${from} and d.closed_at < ${to}
              ${dealFilters(filters, "d")}
            group by 1`),
          )
        : [];
      const touched = await tx.execute(touchedSql(period, filters, dealAmount));
      const groups = await tx.execute(sql`with per_deal as (${perDeal}),
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
      return [baseline, owners, rowsOf<TouchedRow>(touched), rowsOf<GroupRow>(groups)] as const;
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  const won = baselineRows[0]?.won ?? 0;
  const lost = baselineRows[0]?.lost ?? 0;
  const baseline: InfluenceBaseline = {
    closed: won + lost,
    won,
    lost,
    winRate: won + lost > 0 ? won / (won + lost) : null,
  };
  // Untouched = the closed deals compared with (the period's, or the owner's) minus the touched ones.
  const ownerClosed = new Map(ownerRows.map((row) => [row.key, row]));
  const liftBaseline: LiftBaseline =
    groupBy === "team" || groupBy === "rep" ? "owner_not_touched" : "not_touched";
  const figures = (w: number, l: number, scope: { won: number; lost: number } = baseline) =>
    liftFigures({ won: w, lost: l }, { won: scope.won - w, lost: scope.lost - l }, baseline.winRate);
  const t = touchedRows[0];
  const touched: InfluenceTotals = {
    dealsTouched: t?.deals ?? 0,
    won: t?.won ?? 0,
    lost: t?.lost ?? 0,
    open: t?.open ?? 0,
    ...figures(t?.won ?? 0, t?.lost ?? 0),
    wonRevenue: t?.revenue ?? 0,
  };
  const items = groupRows.map(
    (row): InfluenceItem => ({
      key: row.key,
      assetId: groupBy === "asset" ? row.key : null,
      title: row.title ?? row.key ?? "",
      titleJa: row.title_ja,
      type: row.type,
      dealsTouched: row.deals,
      won: row.won,
      lost: row.lost,
      open: row.open,
      ...figures(
        row.won,
        row.lost,
        liftBaseline === "owner_not_touched" ? (ownerClosed.get(row.key) ?? { won: 0, lost: 0 }) : baseline,
      ),
      influencedRevenue: row.revenue,
      avgDaysToClose: row.avg_days,
    }),
  );
  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    model: input.model,
    groupBy,
    currency: currency.reportingCurrency,
    baseline,
    liftBaseline,
    touched,
    items,
  };
}
