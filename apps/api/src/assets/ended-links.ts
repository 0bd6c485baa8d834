import { whyNotShareable } from "@pitchside/shared";
import { and, eq, gt, inArray, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { assets, notifications, shareLinks } from "../db/schema";

/** Links whose asset stopped being live (unpublished, archived, expired, made internal) answer 410: SQL of it. */
const assetNotLive = (now: Date): SQL =>
  or(
    eq(assets.audience, "internal"),
    sql`${assets.status} <> 'published'`,
    and(isNotNull(assets.expiresAt), sql`${assets.expiresAt} <= ${now}`),
  ) as SQL;

const linkStillOpen = (now: Date): SQL =>
  and(isNull(shareLinks.revokedAt), or(isNull(shareLinks.expiresAt), gt(shareLinks.expiresAt, now))) as SQL;

/**
 * Tells the makers of links that ended because their asset is no longer live,
 * once per link: one notification per maker and asset, naming why and how many
 * links. A link whose asset is live again works again and may be told again
 * later. Runs after every status or audience change and every minute (expiry
 * is a matter of time). Returns how many links were newly ended.
 */
export async function notifyEndedLinks(db: Db, now = new Date()): Promise<number> {
  await db
    .update(shareLinks)
    .set({ endedNotifiedAt: null })
    .where(
      and(
        isNotNull(shareLinks.endedNotifiedAt),
        inArray(
          shareLinks.assetId,
          db
            .select({ id: assets.id })
            .from(assets)
            .where(sql`not (${assetNotLive(now)})`),
        ),
      ),
    );
  const ended = await db
    .select({
      id: shareLinks.id,
      createdBy: shareLinks.createdBy,
      asset: {
        id: assets.id,
        title: assets.title,
        status: assets.status,
        audience: assets.audience,
        expiresAt: assets.expiresAt,
      },
    })
    .from(shareLinks)
    .innerJoin(assets, eq(assets.id, shareLinks.assetId))
    .where(and(isNull(shareLinks.endedNotifiedAt), linkStillOpen(now), assetNotLive(now)))
    .limit(5000);
  if (ended.length === 0) return 0;
  return db.transaction(async (tx) => {
    const claimed = new Set(
      (
        await tx
          .update(shareLinks)
          .set({ endedNotifiedAt: now })
          .where(
            and(
              inArray(
                shareLinks.id,
                ended.map((e) => e.id),
              ),
              isNull(shareLinks.endedNotifiedAt),
            ),
          )
          .returning({ id: shareLinks.id })
      ).map((r) => r.id),
    );
    const groups = new Map<
      string,
      { userId: string; asset: (typeof ended)[number]["asset"]; shareIds: string[] }
    >();
    for (const link of ended) {
      if (!claimed.has(link.id) || !link.createdBy) continue;
      const key = `${link.createdBy}:${link.asset.id}`;
      const group = groups.get(key) ?? { userId: link.createdBy, asset: link.asset, shareIds: [] };
      group.shareIds.push(link.id);
      groups.set(key, group);
    }
    if (groups.size > 0) {
      await tx.insert(notifications).values(
        [...groups.values()].map((g) => ({
          userId: g.userId,
          kind: "link_ended",
          payload: {
            assetId: g.asset.id,
            assetTitle: g.asset.title,
            reason: whyNotShareable(g.asset, now),
            shareIds: g.shareIds,
            links: g.shareIds.length,
          },
        })),
      );
    }
    return claimed.size;
  });
}
