import { randomBytes, randomUUID } from "node:crypto";
import type { ClientSurface } from "@pitchside/shared";
import { whyNotShareable } from "@pitchside/shared";
import { and, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { refusal, shareState } from "../assets/share-rules";
import { seesEverything, visibleAssetsWhere } from "../assets/visibility";
import { writeAudit } from "../audit";
import type { Db } from "../db/client";
import { assets, assetVersions, deals, shareLinks, teams, users } from "../db/schema";
import { visibleDealsWhere } from "../deals/deal-visibility";
import { AppError } from "../errors";
import { hashPassword } from "../identity/passwords";
import type { SessionUser } from "../identity/users-service";
import { ingestEventsIn } from "../tracking/events-service";
import { linkEngagement } from "../tracking/link-visits";
import type { ShareCreateInput, ShareListInput } from "./share-inputs";

/** 144 random bits, base64url: 24 characters, nothing to guess. */
export const newShareToken = () => randomBytes(18).toString("base64url");
export const shareTokenPattern = /^[A-Za-z0-9_-]{22,64}$/;

export const shareUrl = (publicUrl: string, token: string) => `${publicUrl}/s/${token}`;

/** A deal the caller can see, or NOT_FOUND naming the field. */
export async function requireVisibleDeal(db: Db, user: SessionUser, dealId: string | undefined) {
  if (!dealId) return;
  const [deal] = await db
    .select({ id: deals.id })
    .from(deals)
    .where(and(eq(deals.id, dealId), visibleDealsWhere(user)));
  if (!deal) throw new AppError("NOT_FOUND", `dealId: no deal with id ${dealId}`);
}

export function futureDate(value: string | undefined, field = "expiresAt"): Date | null {
  if (!value) return null;
  const date = new Date(value);
  if (date.getTime() <= Date.now()) throw new AppError("BAD_REQUEST", `${field}: must be in the future`);
  return date;
}

/** The asset as a link may carry it: visible to the caller, live, for buyers; else the reason it may not. */
export async function shareableAsset(db: Db, user: SessionUser, assetId: string) {
  const [asset] = await db
    .select({
      id: assets.id,
      title: assets.title,
      status: assets.status,
      audience: assets.audience,
      expiresAt: assets.expiresAt,
      currentVersionId: assets.currentVersionId,
    })
    .from(assets)
    .where(and(eq(assets.id, assetId), visibleAssetsWhere(user)));
  // an asset the caller cannot see answers like one that does not exist
  if (!asset) throw new AppError("NOT_FOUND", `assetId: no asset with id ${assetId}`);
  const why = whyNotShareable(asset);
  if (why) throw refusal(why, asset.title);
  if (!asset.currentVersionId)
    throw new AppError("BAD_REQUEST", "assetId: the asset has no version to share yet");
  return { ...asset, currentVersionId: asset.currentVersionId };
}

/**
 * Writes one link (a single link, or one asset of a deal room) and, unless the caller
 * records the use itself, its `shared` event (a touch on the deal), in the caller's transaction.
 */
export async function insertShareLink(
  tx: Db,
  user: SessionUser,
  input: {
    assetId: string;
    versionId: string;
    pinned: boolean;
    roomId?: string | undefined;
    roomPosition?: number | undefined;
    dealId: string | null;
    recipientEmail: string | null;
    allowDownload: boolean;
    name: string;
    requireEmail: boolean;
    passcodeHash: string | null;
    expiresAt: Date | null;
    surface: ClientSurface;
    /** False when the caller records the use itself (see ShareCreateInput.trackedByCaller). */
    recordShared?: boolean;
  },
) {
  const [share] = await tx
    .insert(shareLinks)
    .values({
      token: newShareToken(),
      assetId: input.assetId,
      versionId: input.versionId,
      pinned: input.pinned,
      roomId: input.roomId ?? null,
      roomPosition: input.roomPosition ?? null,
      dealId: input.dealId,
      recipientEmail: input.recipientEmail,
      allowDownload: input.allowDownload,
      name: input.name,
      requireEmail: input.requireEmail,
      passcodeHash: input.passcodeHash,
      createdBy: user.id,
      expiresAt: input.expiresAt,
    })
    .returning();
  if (!share) throw new Error("insert returned no row");
  if (input.recordShared === false) return share;
  await ingestEventsIn(tx, [
    {
      id: randomUUID(),
      type: "shared",
      userId: user.id,
      assetId: input.assetId,
      dealId: share.dealId,
      shareId: share.id,
      surface: input.surface,
      at: share.createdAt,
      props: { versionId: input.versionId, ...(input.roomId ? { roomId: input.roomId } : {}) },
    },
  ]);
  return share;
}

/**
 * A tracked link to an asset the caller can see, which must be live (published,
 * unexpired) and for buyers, optionally for a deal they can see. It shows the
 * asset's live version as it changes, unless pinned.
 */
export async function createShare(db: Db, publicUrl: string, user: SessionUser, input: ShareCreateInput) {
  const asset = await shareableAsset(db, user, input.assetId);
  const pinned = input.pinVersion === true || input.versionId !== undefined;
  const versionId = input.versionId ?? asset.currentVersionId;
  // reps share what they can read: the live version only
  if (input.versionId && !seesEverything(user) && input.versionId !== asset.currentVersionId) {
    throw new AppError("NOT_FOUND", `versionId: no version with id ${input.versionId}`);
  }
  const [version] = await db
    .select({ id: assetVersions.id })
    .from(assetVersions)
    .where(and(eq(assetVersions.id, versionId), eq(assetVersions.assetId, asset.id)));
  if (!version) throw new AppError("NOT_FOUND", `versionId: no version with id ${versionId} of this asset`);
  await requireVisibleDeal(db, user, input.dealId);
  const expiresAt = futureDate(input.expiresAt);
  const passcodeHash = input.passcode ? await hashPassword(input.passcode) : null;

  return db.transaction(async (tx) => {
    const share = await insertShareLink(tx, user, {
      assetId: asset.id,
      versionId,
      pinned,
      dealId: input.dealId ?? null,
      recipientEmail: input.recipientEmail ?? null,
      allowDownload: input.allowDownload ?? false,
      name: input.name?.trim() ?? "",
      requireEmail: input.requireEmail ?? false,
      passcodeHash,
      expiresAt,
      surface: input.surface ?? "portal",
      recordShared: input.trackedByCaller !== true,
    });
    await writeAudit(tx, user.id, "share.create", "share_link", share.id, {
      assetId: asset.id,
      dealId: share.dealId,
      allowDownload: share.allowDownload,
      pinned,
      requireEmail: share.requireEmail,
      passcode: passcodeHash !== null,
    });
    return {
      id: share.id,
      token: share.token,
      url: shareUrl(publicUrl, share.token),
      expiresAt: share.expiresAt?.toISOString() ?? null,
    };
  });
}

export { shareState };

/**
 * Single links (not a deal room's) by asset, deal or creator, with what
 * prospects did with them. Reps see only their own.
 */
export async function listShares(db: Db, publicUrl: string, user: SessionUser, f: ShareListInput) {
  // one's own links stay listed after their asset stops being live, so "My links" can say why they ended
  const own = f.mine === true || !seesEverything(user);
  const conditions: SQL[] = [
    isNull(shareLinks.roomId),
    own ? eq(shareLinks.createdBy, user.id) : visibleAssetsWhere(user),
  ];
  if (f.assetId) conditions.push(eq(shareLinks.assetId, f.assetId));
  if (f.dealId) conditions.push(eq(shareLinks.dealId, f.dealId));
  const rows = await db
    .select({
      share: shareLinks,
      assetTitle: assets.title,
      asset: { status: assets.status, audience: assets.audience, expiresAt: assets.expiresAt },
      dealName: deals.name,
      createdByName: users.name,
      // a deactivated rep's links keep working and belong to their team: the list says whose they are
      createdByTeamName: teams.name,
      createdByDeactivated: sql<boolean>`${users.disabledAt} is not null`,
    })
    .from(shareLinks)
    .innerJoin(assets, eq(assets.id, shareLinks.assetId))
    .leftJoin(deals, eq(deals.id, shareLinks.dealId))
    .leftJoin(users, eq(users.id, shareLinks.createdBy))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(and(...conditions))
    .orderBy(desc(shareLinks.createdAt), desc(shareLinks.id))
    .limit(f.limit)
    .offset(f.offset);
  const engagement = await linkEngagement(
    db,
    rows.map((r) => r.share.id),
  );
  const now = new Date();
  return rows.map(
    ({ share, assetTitle, asset, dealName, createdByName, createdByTeamName, createdByDeactivated }) => ({
      id: share.id,
      url: shareUrl(publicUrl, share.token),
      name: share.name,
      assetId: share.assetId,
      assetTitle,
      versionId: share.versionId,
      pinned: share.pinned,
      dealId: share.dealId,
      dealName,
      recipientEmail: share.recipientEmail,
      allowDownload: share.allowDownload,
      requireEmail: share.requireEmail,
      hasPasscode: share.passcodeHash !== null,
      createdBy: share.createdBy,
      createdByName,
      createdByTeamName,
      createdByDeactivated,
      createdAt: share.createdAt.toISOString(),
      expiresAt: share.expiresAt?.toISOString() ?? null,
      revokedAt: share.revokedAt?.toISOString() ?? null,
      endedAt: share.endedNotifiedAt?.toISOString() ?? null,
      /** Why the link no longer shows its asset (unpublished, archived, expired, internal); null while it is live. */
      endedReason: whyNotShareable(asset, now),
      state: shareState(share, now),
      ...engagement.of(share.id),
    }),
  );
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
