import { whyNotShareable } from "@pitchside/shared";
import { eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { originalIsTheOnlyCopy, readableRendition } from "../assets/original-access";
import { isOfficeKind } from "../assets/processing/detect-type";
import { shareState } from "../assets/share-rules";
import type { Db } from "../db/client";
import { assets, assetVersions, dealRooms, deals, shareLinks, users } from "../db/schema";
import type { LinkGate } from "./link-gate";
import { shareTokenPattern } from "./shares-service";
import type { ViewerKind } from "./viewer-page";

const roomCreator = alias(users, "room_creator");

/**
 * A link by its token, with what its viewer needs: the asset, the version it
 * shows (its pinned one, else the asset's live version), its deal room, who
 * shared it and the deal's name.
 */
export async function findShare(db: Db, token: string) {
  if (!shareTokenPattern.test(token)) return null;
  const [row] = await db
    .select({
      share: shareLinks,
      asset: {
        title: assets.title,
        status: assets.status,
        audience: assets.audience,
        expiresAt: assets.expiresAt,
        source: assets.source,
        url: assets.url,
      },
      version: {
        id: assetVersions.id,
        createdAt: assetVersions.createdAt,
        fileKey: assetVersions.fileKey,
        fileName: assetVersions.fileName,
        mimeType: assetVersions.mimeType,
        kind: assetVersions.kind,
        pageCount: assetVersions.pageCount,
        thumbnailKey: assetVersions.thumbnailKey,
        renditionKey: assetVersions.renditionKey,
        renditionState: assetVersions.renditionState,
      },
      room: {
        id: dealRooms.id,
        token: dealRooms.token,
        name: dealRooms.name,
        requireEmail: dealRooms.requireEmail,
        passcodeHash: dealRooms.passcodeHash,
        expiresAt: dealRooms.expiresAt,
        revokedAt: dealRooms.revokedAt,
      },
      sharedBy: users.name,
      sharedByRole: users.role,
      dealName: deals.name,
    })
    .from(shareLinks)
    .innerJoin(assets, eq(assets.id, shareLinks.assetId))
    // a pinned link shows its version; any other, the asset's live one
    .innerJoin(
      assetVersions,
      sql`${assetVersions.id} = case when ${shareLinks.pinned} then ${shareLinks.versionId} else coalesce(${assets.currentVersionId}, ${shareLinks.versionId}) end`,
    )
    .leftJoin(dealRooms, eq(dealRooms.id, shareLinks.roomId))
    .leftJoin(users, eq(users.id, shareLinks.createdBy))
    .leftJoin(deals, eq(deals.id, shareLinks.dealId))
    .where(eq(shareLinks.token, token));
  return row ?? null;
}
export type FoundShare = NonNullable<Awaited<ReturnType<typeof findShare>>>;

/** A deal room by its token, with who made it. */
export async function findRoom(db: Db, token: string) {
  if (!shareTokenPattern.test(token)) return null;
  const [row] = await db
    .select({ room: dealRooms, sharedBy: roomCreator.name })
    .from(dealRooms)
    .leftJoin(roomCreator, eq(roomCreator.id, dealRooms.createdBy))
    .where(eq(dealRooms.token, token));
  return row ?? null;
}
export type FoundRoom = NonNullable<Awaited<ReturnType<typeof findRoom>>>;

/**
 * A link is gone (410) when revoked or expired, when its deal room is, and
 * when its asset stopped being live for buyers: unpublished, archived,
 * expired or made internal since.
 */
export function isGone(found: FoundShare, now = new Date()): boolean {
  if (shareState(found.share, now) !== "active") return true;
  if (found.room?.id && shareState(found.room, now) !== "active") return true;
  return whyNotShareable(found.asset, now) !== null;
}

/** The gate in front of a link: its deal room's, when it is one of a room's assets. */
export function gateOf(found: FoundShare): LinkGate {
  if (found.room?.id) {
    return {
      id: found.room.id,
      requireEmail: found.room.requireEmail,
      passcodeHash: found.room.passcodeHash,
    };
  }
  return {
    id: found.share.id,
    requireEmail: found.share.requireEmail,
    passcodeHash: found.share.passcodeHash,
  };
}

export function kindOf(found: FoundShare): ViewerKind {
  if (found.asset.source === "link") return "link";
  const { version } = found;
  if (!version.fileKey) return "other";
  // PDFs and Office files alike are read as their rendition's pages
  if (readableRendition(version)) return "pdf";
  if (version.renditionState === "pending") return "preparing";
  const mime = (version.mimeType ?? "").split(";")[0]?.trim() ?? "";
  if (/^image\/(png|jpeg|webp|gif)$/.test(mime)) return "image";
  if (/^video\/(mp4|webm|quicktime)$/.test(mime)) return "video";
  if (mime === "text/markdown" || mime === "text/plain") return "markdown";
  return "other";
}

/**
 * A link gives no more than its maker may have: a download from a rep's link
 * to an Office file is its PDF, the original (speaker notes and all) only
 * from a marketer's or an admin's link, or when no PDF can be made.
 */
export function originalAllowed(found: FoundShare): boolean {
  const makerCurates = found.sharedByRole === "marketer" || found.sharedByRole === "admin";
  return (
    makerCurates ||
    !(found.version.kind && isOfficeKind(found.version.kind)) ||
    originalIsTheOnlyCopy(found.version)
  );
}

/**
 * What `/s/:token/file` serves for reading: the rendition of a document (never
 * its original, which may hold speaker notes), or the image, video or text itself.
 */
export function readableKey(found: FoundShare, kind: ViewerKind): string | null {
  if (kind === "pdf") return readableRendition(found.version);
  if (kind === "image" || kind === "video" || kind === "markdown") return found.version.fileKey;
  return null;
}
