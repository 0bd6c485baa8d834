import { randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { seesEverything, visibleAssetsWhere } from "../assets/visibility";
import { writeAudit } from "../audit";
import type { Db } from "../db/client";
import { assets, assetVersions, deals, events, shareLinks, users } from "../db/schema";
import { visibleDealsWhere } from "../deals/deal-visibility";
import { AppError } from "../errors";
import type { SessionUser } from "../identity/users-service";
import { ingestEventsIn, type Surface } from "../tracking/events-service";

/** 144 random bits, base64url: 24 characters, nothing to guess. */
export const newShareToken = () => randomBytes(18).toString("base64url");
export const shareTokenPattern = /^[A-Za-z0-9_-]{22,64}$/;

export const shareUrl = (publicUrl: string, token: string) => `${publicUrl}/s/${token}`;

export interface NewShare {
  assetId: string;
  versionId?: string | undefined;
  dealId?: string | undefined;
  recipientEmail?: string | undefined;
  expiresAt?: string | undefined;
  allowDownload?: boolean | undefined;
  surface?: Exclude<Surface, "viewer"> | undefined;
}

/**
 * A tracked link to one version of an asset the caller can see, optionally
 * for a deal they can see. Records a `shared` event (and so a touch on the deal).
 */
export async function createShare(db: Db, publicUrl: string, user: SessionUser, input: NewShare) {
  const [asset] = await db
    .select({ id: assets.id, title: assets.title, currentVersionId: assets.currentVersionId })
    .from(assets)
    .where(and(eq(assets.id, input.assetId), visibleAssetsWhere(user)));
  // an asset the caller cannot see answers like one that does not exist
  if (!asset) throw new AppError("NOT_FOUND", `assetId: no asset with id ${input.assetId}`);
  const versionId = input.versionId ?? asset.currentVersionId;
  if (!versionId) throw new AppError("BAD_REQUEST", "assetId: the asset has no version to share yet");
  // reps share what they can download: the current version only
  if (input.versionId && !seesEverything(user) && input.versionId !== asset.currentVersionId) {
    throw new AppError("NOT_FOUND", `versionId: no version with id ${input.versionId}`);
  }
  const [version] = await db
    .select({ id: assetVersions.id })
    .from(assetVersions)
    .where(and(eq(assetVersions.id, versionId), eq(assetVersions.assetId, asset.id)));
  if (!version) throw new AppError("NOT_FOUND", `versionId: no version with id ${versionId} of this asset`);
  if (input.dealId) {
    const [deal] = await db
      .select({ id: deals.id })
      .from(deals)
      .where(and(eq(deals.id, input.dealId), visibleDealsWhere(user)));
    if (!deal) throw new AppError("NOT_FOUND", `dealId: no deal with id ${input.dealId}`);
  }
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    throw new AppError("BAD_REQUEST", "expiresAt: must be in the future");
  }

  const token = newShareToken();
  return db.transaction(async (tx) => {
    const [share] = await tx
      .insert(shareLinks)
      .values({
        token,
        assetId: asset.id,
        versionId,
        dealId: input.dealId ?? null,
        recipientEmail: input.recipientEmail ?? null,
        allowDownload: input.allowDownload ?? false,
        createdBy: user.id,
        expiresAt,
      })
      .returning();
    if (!share) throw new Error("insert returned no row");
    await ingestEventsIn(tx, [
      {
        id: randomUUID(),
        type: "shared",
        userId: user.id,
        assetId: asset.id,
        dealId: share.dealId,
        shareId: share.id,
        surface: input.surface ?? "portal",
        at: share.createdAt,
        props: { versionId },
      },
    ]);
    await writeAudit(tx, user.id, "share.create", "share_link", share.id, {
      assetId: asset.id,
      dealId: share.dealId,
      allowDownload: share.allowDownload,
    });
    return {
      id: share.id,
      token,
      url: shareUrl(publicUrl, token),
      expiresAt: share.expiresAt?.toISOString() ?? null,
    };
  });
}

export type ShareState = "active" | "expired" | "revoked";

export function shareState(
  share: { revokedAt: Date | null; expiresAt: Date | null },
  now = new Date(),
): ShareState {
  if (share.revokedAt) return "revoked";
  if (share.expiresAt && share.expiresAt <= now) return "expired";
  return "active";
}

export interface ShareListFilters {
  assetId?: string | undefined;
  dealId?: string | undefined;
  /** Only the caller's own links (what a rep always gets). */
  mine?: boolean | undefined;
  limit: number;
  offset: number;
}

/** Links by asset, deal or creator, with how often prospects opened them. Reps see only their own. */
export async function listShares(db: Db, publicUrl: string, user: SessionUser, f: ShareListFilters) {
  const conditions: SQL[] = [visibleAssetsWhere(user)];
  if (f.mine || !seesEverything(user)) conditions.push(eq(shareLinks.createdBy, user.id));
  if (f.assetId) conditions.push(eq(shareLinks.assetId, f.assetId));
  if (f.dealId) conditions.push(eq(shareLinks.dealId, f.dealId));
  const rows = await db
    .select({
      share: shareLinks,
      assetTitle: assets.title,
      dealName: deals.name,
      createdByName: users.name,
    })
    .from(shareLinks)
    .innerJoin(assets, eq(assets.id, shareLinks.assetId))
    .leftJoin(deals, eq(deals.id, shareLinks.dealId))
    .leftJoin(users, eq(users.id, shareLinks.createdBy))
    .where(and(...conditions))
    .orderBy(desc(shareLinks.createdAt), desc(shareLinks.id))
    .limit(f.limit)
    .offset(f.offset);
  const ids = rows.map((r) => r.share.id);
  const assetIds = [...new Set(rows.map((r) => r.share.assetId))];
  // filtering on the asset too lets the (asset_id, at) index do the work
  const engagement =
    ids.length === 0
      ? []
      : await db
          .select({
            shareId: events.shareId,
            opens: sql<number>`count(*) filter (where ${events.type} = 'prospect_opened')::int`,
            activeMs: sql<number>`coalesce(sum((${events.props}->>'activeMs')::bigint) filter (where ${events.type} = 'prospect_page'), 0)::bigint`,
            lastOpenedAt: sql<Date | null>`max(${events.at}) filter (where ${events.type} = 'prospect_opened')`,
          })
          .from(events)
          .where(and(inArray(events.assetId, assetIds), inArray(events.shareId, ids)))
          .groupBy(events.shareId);
  const byShare = new Map(engagement.map((e) => [e.shareId, e]));
  const now = new Date();
  return rows.map(({ share, assetTitle, dealName, createdByName }) => {
    const e = byShare.get(share.id);
    const last = e?.lastOpenedAt ? new Date(e.lastOpenedAt) : null;
    return {
      id: share.id,
      url: shareUrl(publicUrl, share.token),
      assetId: share.assetId,
      assetTitle,
      versionId: share.versionId,
      dealId: share.dealId,
      dealName,
      recipientEmail: share.recipientEmail,
      allowDownload: share.allowDownload,
      createdBy: share.createdBy,
      createdByName,
      createdAt: share.createdAt.toISOString(),
      expiresAt: share.expiresAt?.toISOString() ?? null,
      revokedAt: share.revokedAt?.toISOString() ?? null,
      state: shareState(share, now),
      opens: e?.opens ?? 0,
      activeMs: Number(e?.activeMs ?? 0),
      lastOpenedAt: last ? last.toISOString() : null,
    };
  });
}

/** The creator, or a marketer or admin, may revoke; revoking twice is harmless. */
export async function revokeShare(db: Db, user: SessionUser, id: string) {
  const [share] = await db.select().from(shareLinks).where(eq(shareLinks.id, id));
  if (!share || (!seesEverything(user) && share.createdBy !== user.id)) {
    throw new AppError("NOT_FOUND", `No share link with id ${id}`);
  }
  if (share.revokedAt) return { id, revokedAt: share.revokedAt.toISOString() };
  const revokedAt = new Date();
  await db.transaction(async (tx) => {
    await tx.update(shareLinks).set({ revokedAt }).where(eq(shareLinks.id, id));
    await writeAudit(tx, user.id, "share.revoke", "share_link", id, { assetId: share.assetId });
  });
  return { id, revokedAt: revokedAt.toISOString() };
}
