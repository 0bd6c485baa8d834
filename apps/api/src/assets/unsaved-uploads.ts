import { and, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { assets, assetVersions, versionPages } from "../db/schema";
import type { FileStorage } from "../files/storage";

export const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Uploads whose details were never saved (the marketer closed the tab after
 * the file went up), once they are a day old: the asset, its versions and
 * every file made for them. Returns how many assets went.
 */
export async function removeAbandonedUploads(
  db: Db,
  storage: FileStorage,
  olderThanMs = ABANDONED_AFTER_MS,
): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanMs);
  const stale = await db
    .select({ id: assets.id })
    .from(assets)
    .where(and(eq(assets.unsaved, true), lt(assets.createdAt, cutoff)));
  if (stale.length === 0) return 0;
  const files = await db
    .select({
      assetId: assetVersions.assetId,
      fileKey: assetVersions.fileKey,
      renditionKey: assetVersions.renditionKey,
      thumbnailKey: assetVersions.thumbnailKey,
      pageKey: versionPages.imageKey,
    })
    .from(assetVersions)
    .leftJoin(versionPages, eq(versionPages.versionId, assetVersions.id))
    .where(
      inArray(
        assetVersions.assetId,
        stale.map((a) => a.id),
      ),
    );
  // only those still unsaved: one saved meanwhile stays, files and all
  const removed = await db
    .delete(assets)
    .where(
      and(
        inArray(
          assets.id,
          stale.map((a) => a.id),
        ),
        eq(assets.unsaved, true),
      ),
    )
    .returning({ id: assets.id });
  const gone = new Set(removed.map((r) => r.id));
  const keys = new Set(
    files
      .filter((f) => gone.has(f.assetId))
      .flatMap((f) => [f.fileKey, f.renditionKey, f.thumbnailKey, f.pageKey])
      .filter((k): k is string => k !== null),
  );
  for (const key of keys) await storage.remove(key);
  return removed.length;
}
