import type { Surface } from "@pitchside/shared";
import { and, eq, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { seesEverything, visibleAssetsWhere } from "../assets/visibility";
import type { Db } from "../db/client";
import { assetDealTouches, assets, deals, events, searchOutbox, shareLinks } from "../db/schema";
import { visibleDealsWhere } from "../deals/deal-visibility";
import type { SessionUser } from "../identity/users-service";

export const eventTypes = [
  "asset_viewed",
  "asset_downloaded",
  "shared",
  "link_inserted",
  "link_copied",
  "suggestion_shown",
  "suggestion_clicked",
  "prospect_opened",
  "prospect_page",
] as const;
export type EventType = (typeof eventTypes)[number];

/**
 * A suggestion merely shown is not a use of the asset: counting it as a touch
 * would credit every suggested asset with every deal the extension opened.
 */
const NOT_A_TOUCH: EventType[] = ["suggestion_shown"];

export interface NewEvent {
  id: string;
  type: EventType;
  userId: string | null;
  assetId: string | null;
  dealId: string | null;
  shareId: string | null;
  surface: Surface;
  at: Date;
  props: Record<string, unknown>;
}

/**
 * Appends events and keeps asset_deal_touches current in ONE statement (so it
 * is atomic without a transaction of its own, and one round trip): the batch
 * arrives as nine arrays, ids already stored are skipped (retries), and only
 * the events actually inserted are aggregated per (asset, deal) into the
 * touches upsert, in a fixed order so concurrent batches lock rows alike.
 * Returns the events that were inserted.
 */
export async function ingestEventsIn(tx: Db, batch: readonly NewEvent[]): Promise<NewEvent[]> {
  if (batch.length === 0) return [];
  // each column travels as ONE array parameter (drizzle would otherwise expand an array into a list)
  const col = <T>(pick: (e: NewEvent) => T) => sql.param(batch.map(pick));
  const result = await tx.execute(sql`
    with incoming as (
      select * from unnest(
        ${col((e) => e.id)}::uuid[], ${col((e) => e.type)}::text[], ${col((e) => e.userId)}::uuid[],
        ${col((e) => e.assetId)}::uuid[], ${col((e) => e.dealId)}::uuid[], ${col((e) => e.shareId)}::uuid[],
        ${col((e) => e.surface)}::text[], ${col((e) => e.at.toISOString())}::timestamptz[],
        ${col((e) => JSON.stringify(e.props))}::jsonb[]
      ) as t(id, type, user_id, asset_id, deal_id, share_id, surface, at, props)
    ),
    inserted as (
      insert into ${events} (id, type, user_id, asset_id, deal_id, share_id, surface, at, props)
      select id, type, user_id, asset_id, deal_id, share_id, surface::surface, at, props from incoming
      on conflict (id) do nothing
      returning id, type, asset_id, deal_id, at
    ),
    touched as (
      insert into ${assetDealTouches} (asset_id, deal_id, first_touch_at, last_touch_at, count)
      select asset_id, deal_id, min(at), max(at), count(*)::int from inserted
      where asset_id is not null and deal_id is not null and type <> all(${sql.param(NOT_A_TOUCH)}::text[])
      group by asset_id, deal_id
      order by asset_id, deal_id
      on conflict (asset_id, deal_id) do update set
        first_touch_at = least(${assetDealTouches.firstTouchAt}, excluded.first_touch_at),
        last_touch_at = greatest(${assetDealTouches.lastTouchAt}, excluded.last_touch_at),
        count = ${assetDealTouches.count} + excluded.count
      returning 1
    ),
    -- a use recorded late, from before a deal closed, changes the asset's track record
    reindexed as (
      insert into ${searchOutbox} (asset_id)
      select distinct i.asset_id from inserted i join ${deals} d on d.id = i.deal_id
      where i.asset_id is not null and d.status <> 'open' and i.at < d.closed_at
        and i.type <> all(${sql.param(NOT_A_TOUCH)}::text[])
      returning 1
    )
    select id from inserted`);
  // both drivers (node-postgres, PGlite) answer execute() with { rows }
  const { rows } = result as unknown as { rows: { id: string }[] };
  const fresh = new Set(rows.map((r) => r.id));
  // a batch repeating an id inserts it once; the first occurrence is the one kept
  const inserted: NewEvent[] = [];
  for (const e of batch) {
    if (fresh.delete(e.id)) inserted.push(e);
  }
  return inserted;
}

/** The same outside a transaction: the single statement is atomic on its own. */
export const ingestEvents = ingestEventsIn;

export interface TrackedEvent {
  id: string;
  type: EventType;
  assetId?: string | undefined;
  dealId?: string | undefined;
  shareId?: string | undefined;
  surface: Surface;
  at?: string | undefined;
  props?: Record<string, unknown> | undefined;
}

export interface TrackResult {
  /** Newly stored. */
  accepted: number;
  /** Ids already stored: a retry, not counted twice. */
  duplicates: number;
  rejected: { id: string; reason: string }[];
}

/** `column = any($1::uuid[])`: one parameter however many ids (an IN list costs one each). */
const anyOf = (column: AnyPgColumn, ids: string[]) => sql`${column} = any(${sql.param(ids)}::uuid[])`;

/**
 * The ids a batch refers to that this user may use: assets by the one
 * visibility rule, deals by the deal rule (with when each was created), share
 * links they made.
 */
async function usableReferences(db: Db, user: SessionUser, batch: readonly TrackedEvent[]) {
  const ids = (pick: (e: TrackedEvent) => string | undefined) => [
    ...new Set(batch.flatMap((e) => (pick(e) ? [pick(e) as string] : []))),
  ];
  const assetIds = ids((e) => e.assetId);
  const dealIds = ids((e) => e.dealId);
  const shareIds = ids((e) => e.shareId);
  // three small indexed lookups, run side by side (a pool runs them on separate connections)
  const [visibleAssets, visibleDeals, ownShares] = await Promise.all([
    assetIds.length > 0
      ? db
          .select({ id: assets.id })
          .from(assets)
          .where(and(anyOf(assets.id, assetIds), visibleAssetsWhere(user)))
      : [],
    dealIds.length > 0
      ? db
          .select({ id: deals.id, createdAt: deals.createdAt })
          .from(deals)
          .where(and(anyOf(deals.id, dealIds), visibleDealsWhere(user)))
      : [],
    shareIds.length > 0
      ? db
          .select({ id: shareLinks.id })
          .from(shareLinks)
          .where(
            and(
              anyOf(shareLinks.id, shareIds),
              seesEverything(user) ? sql`true` : eq(shareLinks.createdBy, user.id),
            ),
          )
      : [],
  ]);
  return {
    assets: new Set(visibleAssets.map((r) => r.id)),
    deals: new Map(visibleDeals.map((r) => [r.id, r.createdAt])),
    shares: new Set(ownShares.map((r) => r.id)),
  };
}

/** How far ahead of the server a client's clock may run. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** How old a client-supplied time may be: the extension's offline queue, not a rewrite of history. */
export const MAX_BACKDATE_MS = 24 * 60 * 60_000;

/**
 * Why an event's own time is refused, or null: only a little in the past, never
 * before its deal existed, never ahead of the clock. A backdated use would
 * otherwise count on deals closed long ago and inflate an asset's track record.
 */
export function whyNotAt(at: number, now: number, dealCreatedAt: Date | undefined): string | null {
  if (at > now + CLOCK_SKEW_MS) {
    return "at: more than 5 minutes ahead of the server's clock; check the device's date and time";
  }
  if (at < now - MAX_BACKDATE_MS) {
    return "at: more than 24 hours ago; only events queued offline in the last 24 hours may carry their own time";
  }
  if (dealCreatedAt && at < dealCreatedAt.getTime() - CLOCK_SKEW_MS) {
    return `at: before the deal existed (created ${dealCreatedAt.toISOString()})`;
  }
  return null;
}

/** events.track: a batch from the portal or the extension, checked against what the caller may see. */
export async function trackEvents(
  db: Db,
  user: SessionUser,
  batch: readonly TrackedEvent[],
): Promise<TrackResult> {
  const usable = await usableReferences(db, user, batch);
  const now = Date.now();
  const rows: NewEvent[] = [];
  const rejected: TrackResult["rejected"] = [];
  const seen = new Set<string>();
  for (const e of batch) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    const missing = (["asset", "deal", "share"] as const).find((kind) => {
      if (kind === "asset") return e.assetId !== undefined && !usable.assets.has(e.assetId);
      if (kind === "deal") return e.dealId !== undefined && !usable.deals.has(e.dealId);
      return e.shareId !== undefined && !usable.shares.has(e.shareId);
    });
    if (missing) {
      rejected.push({ id: e.id, reason: `${missing}Id: no ${missing} with that id that you can see` });
      continue;
    }
    const at = e.at ? Date.parse(e.at) : now;
    const badTime = e.at ? whyNotAt(at, now, e.dealId ? usable.deals.get(e.dealId) : undefined) : null;
    if (badTime) {
      rejected.push({ id: e.id, reason: badTime });
      continue;
    }
    rows.push({
      id: e.id,
      type: e.type,
      userId: user.id,
      assetId: e.assetId ?? null,
      dealId: e.dealId ?? null,
      shareId: e.shareId ?? null,
      surface: e.surface,
      // a clock a little ahead must not make touches from the future
      at: new Date(Math.min(at, now)),
      props: e.props ?? {},
    });
  }
  const inserted = await ingestEvents(db, rows);
  return { accepted: inserted.length, duplicates: rows.length - inserted.length, rejected };
}
