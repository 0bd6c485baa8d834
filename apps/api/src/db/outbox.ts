import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { assetDealTouches, searchOutbox } from "./schema";

/** Marks assets for (re)indexing; call inside the transaction that changed them. */
export async function markForIndexing(db: Db, assetIds: string[]): Promise<void> {
  const unique = [...new Set(assetIds)];
  if (unique.length > 0) await db.insert(searchOutbox).values(unique.map((assetId) => ({ assetId })));
}

/** A deal that closed, reopened or went away changes the track record of every asset it touched. */
export async function markDealAssetsForIndexing(db: Db, dealId: string): Promise<void> {
  await db.execute(sql`insert into ${searchOutbox} (asset_id)
    select ${assetDealTouches.assetId} from ${assetDealTouches} where ${assetDealTouches.dealId} = ${dealId}`);
}
