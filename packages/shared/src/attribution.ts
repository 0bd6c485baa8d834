import { smoothedWinRate } from "./suggestion-ranking";

export const attributionModels = ["any", "first", "last", "linear"] as const;
export type AttributionModel = (typeof attributionModels)[number];

export const dealStatuses = ["open", "won", "lost"] as const;
export type DealStatus = (typeof dealStatuses)[number];

export interface AttributionDeal {
  id: string;
  status: DealStatus;
  /** Already converted to the reporting currency (see convertAmount). */
  amount: number;
  /** ISO timestamp, or a date-only "YYYY-MM-DD" meaning "some time that day". */
  closedAt: string | null;
}

export interface AssetDealTouch {
  assetId: string;
  dealId: string;
  firstTouchAt: string;
  lastTouchAt: string;
}

/** All deals closed in the period: the overall win rate, shown apart from any lift. */
export interface InfluenceBaseline {
  closed: number;
  won: number;
  lost: number;
  winRate: number | null;
}

/** Below this many closed deals on either side, a lift is "not enough deals" (the figures are still returned). */
export const minClosedDealsForLift = 5;

/** The standard normal quantile for a two-sided 95 % interval. */
const z95 = 1.959963984540054;

export interface WinRateInterval {
  low: number;
  high: number;
}

/** The 95 % Wilson score interval of won / closed; null without closed deals. */
export function wilsonInterval(won: number, closed: number): WinRateInterval | null {
  if (closed <= 0) return null;
  const p = won / closed;
  const z2 = z95 * z95;
  const denominator = 1 + z2 / closed;
  const centre = (p + z2 / (2 * closed)) / denominator;
  const half = (z95 / denominator) * Math.sqrt((p * (1 - p)) / closed + z2 / (4 * closed * closed));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Closed deals on one side of a comparison, with their win rate and its interval. */
export interface WinRateSample {
  closed: number;
  won: number;
  lost: number;
  /** won / closed; null without closed deals. */
  winRate: number | null;
  interval: WinRateInterval | null;
}

export function winRateSample(won: number, lost: number): WinRateSample {
  const closed = won + lost;
  return {
    closed,
    won,
    lost,
    winRate: closed > 0 ? won / closed : null,
    interval: wilsonInterval(won, closed),
  };
}

/**
 * What a lift is measured against. `not_touched`: the period's closed deals the
 * asset (or group of assets, or the content as a whole) did not touch.
 * `owner_not_touched` (groups by team or rep, which group deals, not content):
 * the group's own closed deals that no (filtered) content touched.
 */
export const liftBaselines = ["not_touched", "owner_not_touched"] as const;
export type LiftBaseline = (typeof liftBaselines)[number];

/** Touched deals' win rate against the untouched deals' win rate. */
export interface LiftFigures {
  /** won / (won + lost) of the touched deals; null without closed deals. */
  winRate: number | null;
  interval: WinRateInterval | null;
  untouched: WinRateSample;
  /** winRate / untouched.winRate; null when either is undefined or the untouched rate is 0. */
  lift: number | null;
  /** (winRate − untouched.winRate) in percentage points; null when either is undefined. */
  liftPoints: number | null;
  /** The win rate shrunk toward the overall rate (smoothedWinRate, as suggestions rank): what tables sort on. */
  shrunkWinRate: number | null;
  /** Both sides have at least minClosedDealsForLift closed deals. */
  enoughDeals: boolean;
}

/** The lift figures of `touched` closed deals against `untouched` ones, shrunk toward `overallWinRate`. */
export function liftFigures(
  touched: { won: number; lost: number },
  untouched: { won: number; lost: number },
  overallWinRate: number | null,
): LiftFigures {
  const own = winRateSample(touched.won, touched.lost);
  const other = winRateSample(untouched.won, untouched.lost);
  const both = own.winRate !== null && other.winRate !== null;
  return {
    winRate: own.winRate,
    interval: own.interval,
    untouched: other,
    lift: own.winRate !== null && other.winRate ? own.winRate / other.winRate : null,
    liftPoints: both ? ((own.winRate as number) - (other.winRate as number)) * 100 : null,
    shrunkWinRate: overallWinRate === null ? null : smoothedWinRate(own.won, own.closed, overallWinRate),
    enoughDeals: own.closed >= minClosedDealsForLift && other.closed >= minClosedDealsForLift,
  };
}

export interface AssetInfluence extends LiftFigures {
  assetId: string;
  dealsTouched: number;
  won: number;
  lost: number;
  open: number;
  influencedRevenue: number;
  /** Mean days from the first touch to close over won deals; null without won deals. */
  avgDaysToClose: number | null;
}

export interface InfluenceReport {
  /** The overall win rate: every deal closed in the period, touched or not. */
  baseline: InfluenceBaseline;
  liftBaseline: LiftBaseline;
  items: AssetInfluence[];
}

export interface InfluenceInput {
  deals: readonly AttributionDeal[];
  touches: readonly AssetDealTouch[];
  model: AttributionModel;
}

const DAY_MS = 86_400_000;

/** A deal's touches that count: made before it closed (any touch for an open deal). */
interface TouchedDeal {
  deal: AttributionDeal;
  /** Close instant in ms; null for open deals. */
  close: number | null;
  /** assetId → first touch and the last touch known to precede close, in ms. */
  assets: Map<string, { first: number; last: number }>;
}

function parseTime(value: string, field: string): number {
  // A CRM close date without a time means the deal closed during that (UTC) day.
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const ms = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw new RangeError(`${field} is not an ISO date: "${value}"`);
  return dateOnly && field === "closedAt" ? ms + DAY_MS : ms;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function collectTouches(
  deals: readonly AttributionDeal[],
  touches: readonly AssetDealTouch[],
): TouchedDeal[] {
  const byId = new Map<string, TouchedDeal>();
  for (const deal of deals) {
    const closed = deal.status !== "open";
    const close = closed && deal.closedAt !== null ? parseTime(deal.closedAt, "closedAt") : null;
    byId.set(deal.id, { deal, close, assets: new Map() });
  }
  for (const touch of touches) {
    const entry = byId.get(touch.dealId);
    if (!entry) continue;
    const first = parseTime(touch.firstTouchAt, "firstTouchAt");
    let last = parseTime(touch.lastTouchAt, "lastTouchAt");
    if (entry.deal.status !== "open") {
      // A closed deal without a close date cannot show that any touch preceded it.
      if (entry.close === null || first >= entry.close) continue;
      if (last > entry.close) last = first;
    }
    const seen = entry.assets.get(touch.assetId);
    entry.assets.set(touch.assetId, {
      first: seen ? Math.min(seen.first, first) : first,
      last: seen ? Math.max(seen.last, last) : last,
    });
  }
  return [...byId.values()].filter((entry) => entry.assets.size > 0);
}

/** Revenue credit per asset for one won deal under `model`. */
function creditDeal(entry: TouchedDeal, model: AttributionModel): Map<string, number> {
  const { amount } = entry.deal;
  const assets = [...entry.assets.entries()].sort(([a], [b]) => compareIds(a, b));
  const credits = new Map<string, number>();
  if (model === "any") for (const [id] of assets) credits.set(id, amount);
  if (model === "linear") for (const [id] of assets) credits.set(id, amount / assets.length);
  if (model === "first" || model === "last") {
    let pick: [string, { first: number; last: number }] | undefined;
    for (const candidate of assets) {
      // Strict comparison keeps the smallest assetId on ties, since assets are sorted.
      if (!pick) pick = candidate;
      else if (model === "first" && candidate[1].first < pick[1].first) pick = candidate;
      else if (model === "last" && candidate[1].last > pick[1].last) pick = candidate;
    }
    if (pick) credits.set(pick[0], amount);
  }
  return credits;
}

function baselineOf(deals: readonly AttributionDeal[]): InfluenceBaseline {
  const won = deals.filter((d) => d.status === "won").length;
  const lost = deals.filter((d) => d.status === "lost").length;
  return { closed: won + lost, won, lost, winRate: won + lost > 0 ? won / (won + lost) : null };
}

interface Accumulator {
  deals: number;
  won: number;
  lost: number;
  open: number;
  revenue: number;
  daysToClose: number[];
}

/** What a row groups: assets (each touching asset's keys), or deals by owner (each deal's one key). */
type Grouping =
  | { by: "assets"; keysOf: (assetId: string) => readonly string[] }
  | { by: "owner"; ownerOf: (dealId: string) => string };

function aggregate(input: InfluenceInput, grouping: Grouping): InfluenceReport {
  const baseline = baselineOf(input.deals);
  const totals = new Map<string, Accumulator>();
  for (const entry of collectTouches(input.deals, input.touches)) {
    const credits = entry.deal.status === "won" ? creditDeal(entry, input.model) : new Map<string, number>();
    // Per key: its earliest first touch on this deal and its summed credit (each asset once).
    const perKey = new Map<string, { first: number; credit: number }>();
    for (const [assetId, times] of entry.assets) {
      const keys = grouping.by === "assets" ? grouping.keysOf(assetId) : [grouping.ownerOf(entry.deal.id)];
      for (const key of new Set(keys)) {
        const seen = perKey.get(key);
        const credit = credits.get(assetId) ?? 0;
        perKey.set(key, {
          first: seen ? Math.min(seen.first, times.first) : times.first,
          // Any-touch credits the whole amount to a group once, however many of its assets touched.
          credit: input.model === "any" ? credit : (seen?.credit ?? 0) + credit,
        });
      }
    }
    for (const [key, { first, credit }] of perKey) {
      const acc = totals.get(key) ?? { deals: 0, won: 0, lost: 0, open: 0, revenue: 0, daysToClose: [] };
      acc.deals += 1;
      acc[entry.deal.status] += 1;
      acc.revenue += credit;
      if (entry.deal.status === "won" && entry.close !== null)
        acc.daysToClose.push((entry.close - first) / DAY_MS);
      totals.set(key, acc);
    }
  }
  // The closed deals a row is compared with: the period's, or its owner's (groups of deals).
  const closedOf = (key: string): InfluenceBaseline =>
    grouping.by === "assets"
      ? baseline
      : baselineOf(input.deals.filter((deal) => grouping.ownerOf(deal.id) === key));
  const items = [...totals.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([assetId, acc]): AssetInfluence => {
      const scope = closedOf(assetId);
      const days = acc.daysToClose;
      return {
        assetId,
        dealsTouched: acc.deals,
        won: acc.won,
        lost: acc.lost,
        open: acc.open,
        ...liftFigures(acc, { won: scope.won - acc.won, lost: scope.lost - acc.lost }, baseline.winRate),
        influencedRevenue: acc.revenue,
        avgDaysToClose: days.length > 0 ? days.reduce((sum, d) => sum + d, 0) / days.length : null,
      };
    });
  return { baseline, liftBaseline: grouping.by === "assets" ? "not_touched" : "owner_not_touched", items };
}

/**
 * Content influence per asset: deals touched before they closed, their win
 * rate against the period's closed deals the asset did not touch (lift,
 * Wilson intervals, the minimum sample, a shrunk win rate), won revenue
 * credited under `model`, and days from first touch to close. `baseline` is
 * the overall win rate of all closed deals. Items are sorted by assetId.
 */
export function computeInfluence(input: InfluenceInput): InfluenceReport {
  return aggregate(input, { by: "assets", keysOf: (assetId) => [assetId] });
}

/**
 * The same figures per group of assets (type, stage, persona…); an asset
 * may sit in several groups. Deals are counted once per group, and compared
 * with the closed deals no asset of the group touched; a group's revenue is
 * the sum of its assets' credits (so linear splits by asset), except
 * any-touch, where a touched won deal credits the group its amount once.
 * Items carry the group key in `assetId`.
 */
export function computeGroupInfluence(
  input: InfluenceInput & { groupOf: (assetId: string) => readonly string[] },
): InfluenceReport {
  return aggregate(input, { by: "assets", keysOf: input.groupOf });
}

/**
 * The same figures per group of deals (team, rep: `ownerOf` gives a deal's
 * key): the group's deals touched by any content, against the group's closed
 * deals no content touched (liftBaseline `owner_not_touched`). Every model
 * credits a touched won deal's whole amount to its group.
 */
export function computeOwnerInfluence(
  input: InfluenceInput & { ownerOf: (dealId: string) => string },
): InfluenceReport {
  return aggregate(input, { by: "owner", ownerOf: input.ownerOf });
}

export class UnknownCurrencyError extends Error {
  constructor(
    readonly currency: string,
    known: readonly string[],
  ) {
    super(`No exchange rate for currency "${currency}" (known: ${known.join(", ") || "none"})`);
    this.name = "UnknownCurrencyError";
  }
}

/**
 * Converts `amount` from `currency` to `reportingCurrency`. `rates` gives, for
 * each ISO 4217 code, how many units of it one unit of a common base buys
 * (e.g. USD base: { USD: 1, JPY: 150, EUR: 0.92 }), as exchange-rate feeds do.
 * Codes are case-insensitive. Throws UnknownCurrencyError for a missing rate.
 */
export function convertAmount(
  amount: number,
  currency: string,
  rates: Readonly<Record<string, number>>,
  reportingCurrency: string,
): number {
  const from = currency.trim().toUpperCase();
  const to = reportingCurrency.trim().toUpperCase();
  if (from === to) return amount;
  const table = new Map(Object.entries(rates).map(([code, rate]) => [code.trim().toUpperCase(), rate]));
  const rateOf = (code: string): number => {
    const rate = table.get(code);
    if (rate === undefined) throw new UnknownCurrencyError(code, [...table.keys()].sort());
    if (!Number.isFinite(rate) || rate <= 0)
      throw new RangeError(`Exchange rate for ${code} must be positive, got ${rate}`);
    return rate;
  };
  return (amount / rateOf(from)) * rateOf(to);
}
