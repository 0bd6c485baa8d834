import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { assetDealTouches, deals } from "../db/schema";

export interface TrackRecord {
  closed: number;
  won: number;
}

/**
 * Each asset's closed and won deals, counting only touches made before the close (a touch after
 * it did not influence it). Kept in the search documents, so suggestions and the "most used in won
 * deals" sort read it from the index; a deal that closes marks its assets for reindexing.
 */
export async function trackRecords(db: Db, ids: string[]): Promise<Map<string, TrackRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      assetId: assetDealTouches.assetId,
      closed: sql<number>`count(*) filter (where ${deals.status} in ('won', 'lost'))::int`,
      won: sql<number>`count(*) filter (where ${deals.status} = 'won')::int`,
    })
    .from(assetDealTouches)
    .innerJoin(deals, eq(deals.id, assetDealTouches.dealId))
    .where(
      and(
        inArray(assetDealTouches.assetId, ids),
        sql`(${deals.closedAt} is null or ${assetDealTouches.firstTouchAt} < ${deals.closedAt})`,
      ),
    )
    .groupBy(assetDealTouches.assetId);
  return new Map(rows.map((r) => [r.assetId, { closed: r.closed, won: r.won }]));
}
