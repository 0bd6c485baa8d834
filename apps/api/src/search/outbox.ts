import type { Db } from "../db/client";
import { searchOutbox } from "../db/schema";

/** Marks assets for (re)indexing; call inside the transaction that changed them. */
export async function markForIndexing(db: Db, assetIds: string[]): Promise<void> {
  const unique = [...new Set(assetIds)];
  if (unique.length > 0) await db.insert(searchOutbox).values(unique.map((assetId) => ({ assetId })));
}
