import { convertAmount } from "@pitchside/shared";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { getCurrencySettings } from "./currency-settings";
import { instants, type PeriodInput, resolvePeriod } from "./report-period";
import { isoOf as iso, rowsOf } from "./sql-rows";

export interface AssetDealRow {
  dealId: string;
  name: string;
  accountName: string;
  status: "open" | "won" | "lost";
  stage: string;
  /** In the reporting currency; null without an amount or a rate. */
  amount: number | null;
  closedAt: string | null;
  ownerName: string | null;
  firstTouchAt: string;
  lastTouchAt: string;
  uses: number;
  /** Touched before the deal closed: the touch counts for influence. */
  counted: boolean;
}

/** Drill-down from an asset: the deals of the period it touched, counted or not. */
export async function assetDeals(db: Db, assetId: string, input: PeriodInput, now = new Date()) {
  const period = resolvePeriod(input, now);
  const { from, to } = instants(period);
  const currency = await getCurrencySettings(db);
  const [asset] = rowsOf<{ id: string; title: string; type: string }>(
    await db.execute(sql`select id, title, type::text as type from assets where id = ${assetId}::uuid`),
  );
  if (!asset) throw new AppError("NOT_FOUND", "No asset with that id");
  const rows = rowsOf<{
    id: string;
    name: string;
    account_name: string;
    status: AssetDealRow["status"];
    stage: string;
    amount: string | null;
    currency: string;
    closed_at: Date | string | null;
    owner_name: string | null;
    first_touch_at: Date | string;
    last_touch_at: Date | string;
    count: number;
  }>(
    await db.execute(sql`select d.id, d.name, d.account_name, d.status::text as status, d.stage, d.amount::text,
        d.currency, d.closed_at, u.name as owner_name, t.first_touch_at, t.last_touch_at, t.count
      from asset_deal_touches t join deals d on d.id = t.deal_id left join users u on u.id = d.owner_id
      where t.asset_id = ${assetId}::uuid
        and (d.status = 'open' or (d.closed_at >= ${from} and d.closed_at < ${to}))
      order by d.closed_at desc nulls first, d.name`),
  );
  const toReporting = (amount: string | null, code: string) => {
    if (amount === null) return null;
    try {
      return convertAmount(Number(amount), code, currency.rates, currency.reportingCurrency);
    } catch {
      return null; // a missing rate: the row still shows, without an amount
    }
  };
  const deals = rows.map(
    (r): AssetDealRow => ({
      dealId: r.id,
      name: r.name,
      accountName: r.account_name,
      status: r.status,
      stage: r.stage,
      amount: toReporting(r.amount, r.currency),
      closedAt: iso(r.closed_at),
      ownerName: r.owner_name,
      firstTouchAt: iso(r.first_touch_at) ?? "",
      lastTouchAt: iso(r.last_touch_at) ?? "",
      uses: r.count,
      counted:
        r.status === "open" ||
        (r.closed_at !== null && new Date(r.first_touch_at).getTime() < new Date(r.closed_at).getTime()),
    }),
  );
  return { asset, currency: currency.reportingCurrency, deals };
}

export interface TimelineEntry {
  id: string;
  at: string;
  kind: "stage" | "event";
  /** Event type, or "stage_changed". */
  type: string;
  assetId: string | null;
  assetTitle: string | null;
  userName: string | null;
  surface: string | null;
  fromStage: string | null;
  toStage: string | null;
  /** A prospect's reading (`prospect_read`, one entry per link, visitor and day): pages read and active time. */
  pagesRead: number | null;
  activeMs: number | null;
}

/** Drill-down from a deal: stage changes and content events in time order, and whether each came before close. */
export async function dealTimeline(db: Db, dealId: string) {
  const [deal] = rowsOf<{
    id: string;
    name: string;
    account_name: string;
    status: string;
    stage: string;
    amount: string | null;
    currency: string;
    closed_at: Date | string | null;
    owner_name: string | null;
  }>(
    await db.execute(sql`select d.id, d.name, d.account_name, d.status::text as status, d.stage, d.amount::text,
        d.currency, d.closed_at, u.name as owner_name
      from deals d left join users u on u.id = d.owner_id where d.id = ${dealId}::uuid`),
  );
  if (!deal) throw new AppError("NOT_FOUND", "No deal with that id");
  const rows = rowsOf<{
    id: string;
    at: Date | string;
    kind: TimelineEntry["kind"];
    type: string;
    asset_id: string | null;
    asset_title: string | null;
    user_name: string | null;
    surface: string | null;
    from_stage: string | null;
    to_stage: string | null;
    pages_read: number | null;
    active_ms: number | null;
  }>(
    await db.execute(sql`
      select h.id::text as id, h.changed_at as at, 'stage' as kind, 'stage_changed' as type, null::uuid as asset_id,
        null::text as asset_title, null::text as user_name, null::text as surface, h.from_stage, h.to_stage,
        null::int as pages_read, null::float8 as active_ms
      from deal_stage_history h where h.deal_id = ${dealId}::uuid
      union all
      select e.id::text, e.at, 'event', e.type, e.asset_id, a.title, u.name, e.surface::text, null, null, null, null
      from events e left join assets a on a.id = e.asset_id left join users u on u.id = e.user_id
      where e.deal_id = ${dealId}::uuid and e.type not in ('suggestion_shown', 'prospect_page')
        -- one action, one entry: a link made for an insert or copy recorded before those
        -- stood for themselves carries a "shared" of its own, which the insert or copy stands for
        and not (e.type = 'shared' and e.share_id is not null and exists (
          select 1 from events i where i.deal_id = e.deal_id and i.share_id = e.share_id
            and i.type in ('link_inserted', 'link_copied')))
      union all
      -- a prospect's page beacons (one every few seconds) read as one entry per link, visitor and day
      select min(e.id::text), min(e.at), 'event', 'prospect_read', e.asset_id, a.title, null, 'viewer', null, null,
        count(distinct e.props->>'page')::int, coalesce(sum((e.props->>'activeMs')::float8), 0)::float8
      from events e left join assets a on a.id = e.asset_id
      where e.deal_id = ${dealId}::uuid and e.type = 'prospect_page'
      group by e.asset_id, a.title, e.share_id, e.props->>'visitorId', (e.at at time zone 'UTC')::date
      order by 2, 3 desc, 1`),
  );
  const closedAt = iso(deal.closed_at);
  return {
    deal: {
      id: deal.id,
      name: deal.name,
      accountName: deal.account_name,
      status: deal.status,
      stage: deal.stage,
      amount: deal.amount === null ? null : Number(deal.amount),
      currency: deal.currency,
      closedAt,
      ownerName: deal.owner_name,
    },
    entries: rows.map((r): TimelineEntry & { afterClose: boolean } => ({
      id: r.id,
      at: iso(r.at) ?? "",
      kind: r.kind,
      type: r.type,
      assetId: r.asset_id,
      assetTitle: r.asset_title,
      userName: r.user_name,
      surface: r.surface,
      fromStage: r.from_stage,
      toStage: r.to_stage,
      pagesRead: r.pages_read,
      activeMs: r.active_ms,
      afterClose: closedAt !== null && new Date(r.at).getTime() >= Date.parse(closedAt),
    })),
  };
}
