import { whyNotShareable } from "@pitchside/shared";
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { shareState } from "../assets/share-rules";
import { seesEverything } from "../assets/visibility";
import { writeAudit } from "../audit";
import type { Db } from "../db/client";
import { assets, assetVersions, dealRooms, deals, shareLinks, users } from "../db/schema";
import { AppError } from "../errors";
import { hashPassword } from "../identity/passwords";
import type { SessionUser } from "../identity/users-service";
import { linkEngagement } from "../tracking/link-visits";
import {
  MAX_ROOM_ASSETS,
  type RoomCreateInput,
  type RoomListInput,
  type RoomUpdateInput,
} from "./share-inputs";
import {
  futureDate,
  insertShareLink,
  newShareToken,
  requireVisibleDeal,
  shareableAsset,
  shareUrl,
} from "./shares-service";

type Room = typeof dealRooms.$inferSelect;

/** One asset joining a room: a link of the room's, with the room's deal, recipient and download rule. */
async function addItems(tx: Db, user: SessionUser, room: Room, assetIds: string[]) {
  const [last] = await tx
    .select({ n: sql<number>`coalesce(max(${shareLinks.roomPosition}), 0)::int` })
    .from(shareLinks)
    .where(eq(shareLinks.roomId, room.id));
  let position = last?.n ?? 0;
  for (const assetId of assetIds) {
    position += 1;
    const asset = await shareableAsset(tx, user, assetId);
    await insertShareLink(tx, user, {
      assetId,
      versionId: asset.currentVersionId,
      pinned: false,
      roomId: room.id,
      roomPosition: position,
      dealId: room.dealId,
      recipientEmail: room.recipientEmail,
      allowDownload: room.allowDownload,
      name: "",
      requireEmail: false,
      passcodeHash: null,
      expiresAt: null,
      surface: "portal",
    });
  }
}

/**
 * A deal room: one link to several assets (each live and for buyers) for one
 * deal, with a short note. Each asset is tracked on a link of its own, so
 * opens and page time count as touches on the deal exactly like single links.
 */
export async function createRoom(db: Db, publicUrl: string, user: SessionUser, input: RoomCreateInput) {
  const ids = [...new Set(input.assetIds)];
  if (ids.length === 0) throw new AppError("BAD_REQUEST", "assetIds: choose at least one asset");
  if (ids.length > MAX_ROOM_ASSETS)
    throw new AppError("BAD_REQUEST", `assetIds: at most ${MAX_ROOM_ASSETS} assets`);
  for (const id of ids) await shareableAsset(db, user, id); // refuse before writing anything
  await requireVisibleDeal(db, user, input.dealId);
  const expiresAt = futureDate(input.expiresAt);
  const passcodeHash = input.passcode ? await hashPassword(input.passcode) : null;
  return db.transaction(async (tx) => {
    const [room] = await tx
      .insert(dealRooms)
      .values({
        token: newShareToken(),
        name: input.name?.trim() ?? "",
        note: input.note?.trim() ?? "",
        dealId: input.dealId ?? null,
        recipientEmail: input.recipientEmail ?? null,
        allowDownload: input.allowDownload ?? false,
        requireEmail: input.requireEmail ?? false,
        passcodeHash,
        createdBy: user.id,
        expiresAt,
      })
      .returning();
    if (!room) throw new Error("insert returned no row");
    await addItems(tx, user, room, ids);
    await writeAudit(tx, user.id, "room.create", "deal_room", room.id, {
      assetIds: ids,
      dealId: room.dealId,
    });
    return { id: room.id, token: room.token, url: shareUrl(publicUrl, room.token) };
  });
}

/** The room's assets a prospect sees: live, not removed, in the order they were added. */
export async function roomItems(db: Db, roomId: string) {
  const rows = await db
    .select({
      token: shareLinks.token,
      title: assets.title,
      status: assets.status,
      audience: assets.audience,
      expiresAt: assets.expiresAt,
      thumbnailKey: assetVersions.thumbnailKey,
    })
    .from(shareLinks)
    .innerJoin(assets, eq(assets.id, shareLinks.assetId))
    .leftJoin(assetVersions, eq(assetVersions.id, assets.currentVersionId))
    .where(and(eq(shareLinks.roomId, roomId), isNull(shareLinks.revokedAt)))
    .orderBy(asc(shareLinks.roomPosition));
  return rows
    .filter((r) => whyNotShareable(r) === null)
    .map((r) => ({ token: r.token, title: r.title, hasThumbnail: r.thumbnailKey !== null }));
}

async function loadOwnRoom(db: Db, user: SessionUser, id: string) {
  const [room] = await db.select().from(dealRooms).where(eq(dealRooms.id, id));
  // a room of someone else's answers like one that does not exist
  if (!room || (!seesEverything(user) && room.createdBy !== user.id)) {
    throw new AppError("NOT_FOUND", `No deal room with id ${id}`);
  }
  return room;
}

/** Rooms with their assets and what prospects did with each, for "My links" and the deal page. */
async function describeRooms(
  db: Db,
  publicUrl: string,
  rooms: (Room & { dealName: string | null; createdByName: string | null })[],
) {
  const ids = rooms.map((r) => r.id);
  const items =
    ids.length === 0
      ? []
      : await db
          .select({
            share: shareLinks,
            assetTitle: assets.title,
            status: assets.status,
            audience: assets.audience,
            expiresAt: assets.expiresAt,
          })
          .from(shareLinks)
          .innerJoin(assets, eq(assets.id, shareLinks.assetId))
          .where(inArray(shareLinks.roomId, ids))
          .orderBy(asc(shareLinks.roomPosition));
  const engagement = await linkEngagement(
    db,
    items.map((i) => i.share.id),
  );
  const now = new Date();
  return rooms.map((room) => {
    const own = items
      .filter((i) => i.share.roomId === room.id && !i.share.revokedAt)
      .map((i) => ({
        shareId: i.share.id,
        assetId: i.share.assetId,
        assetTitle: i.assetTitle,
        live: whyNotShareable(i, now) === null,
        endedReason: whyNotShareable(i, now),
        ...engagement.of(i.share.id),
      }));
    const last =
      own
        .map((i) => i.lastSeenAt)
        .filter((d): d is string => d !== null)
        .sort()
        .at(-1) ?? null;
    return {
      id: room.id,
      url: shareUrl(publicUrl, room.token),
      name: room.name,
      note: room.note,
      dealId: room.dealId,
      dealName: room.dealName,
      recipientEmail: room.recipientEmail,
      allowDownload: room.allowDownload,
      requireEmail: room.requireEmail,
      hasPasscode: room.passcodeHash !== null,
      createdBy: room.createdBy,
      createdByName: room.createdByName,
      createdAt: room.createdAt.toISOString(),
      expiresAt: room.expiresAt?.toISOString() ?? null,
      revokedAt: room.revokedAt?.toISOString() ?? null,
      state: shareState(room, now),
      items: own,
      opens: own.reduce((a, i) => a + i.opens, 0),
      activeMs: own.reduce((a, i) => a + i.activeMs, 0),
      assetsOpened: own.filter((i) => i.opens > 0).length,
      lastSeenAt: last,
    };
  });
}

export async function listRooms(db: Db, publicUrl: string, user: SessionUser, f: RoomListInput) {
  const conditions: SQL[] = [];
  if (f.mine || !seesEverything(user)) conditions.push(eq(dealRooms.createdBy, user.id));
  if (f.dealId) conditions.push(eq(dealRooms.dealId, f.dealId));
  const rows = await db
    .select({ room: dealRooms, dealName: deals.name, createdByName: users.name })
    .from(dealRooms)
    .leftJoin(deals, eq(deals.id, dealRooms.dealId))
    .leftJoin(users, eq(users.id, dealRooms.createdBy))
    .where(and(...conditions))
    .orderBy(desc(dealRooms.createdAt), desc(dealRooms.id))
    .limit(f.limit)
    .offset(f.offset);
  return describeRooms(
    db,
    publicUrl,
    rows.map((r) => ({ ...r.room, dealName: r.dealName, createdByName: r.createdByName })),
  );
}

export async function getRoom(db: Db, publicUrl: string, user: SessionUser, id: string) {
  const room = await loadOwnRoom(db, user, id);
  const [described] = await describeRooms(db, publicUrl, [{ ...room, ...(await names(db, room)) }]);
  if (!described) throw new AppError("NOT_FOUND", `No deal room with id ${id}`);
  return described;
}

async function names(db: Db, room: Room) {
  const [deal] = room.dealId
    ? await db.select({ name: deals.name }).from(deals).where(eq(deals.id, room.dealId))
    : [];
  const [creator] = room.createdBy
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, room.createdBy))
    : [];
  return { dealName: deal?.name ?? null, createdByName: creator?.name ?? null };
}

/** Changes a room after sending: its note and rules, and which assets it holds. */
export async function updateRoom(db: Db, user: SessionUser, patch: RoomUpdateInput) {
  const room = await loadOwnRoom(db, user, patch.id);
  if (room.revokedAt) throw new AppError("BAD_REQUEST", "This deal room was revoked; make a new one");
  const add = [...new Set(patch.addAssetIds ?? [])];
  for (const id of add) await shareableAsset(db, user, id);
  const expiresAt =
    patch.expiresAt === undefined ? undefined : patch.expiresAt === null ? null : futureDate(patch.expiresAt);
  const passcodeHash =
    patch.passcode === undefined
      ? undefined
      : patch.passcode === null
        ? null
        : await hashPassword(patch.passcode);
  return db.transaction(async (tx) => {
    const changes = {
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.note !== undefined ? { note: patch.note.trim() } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      ...(patch.allowDownload !== undefined ? { allowDownload: patch.allowDownload } : {}),
      ...(patch.requireEmail !== undefined ? { requireEmail: patch.requireEmail } : {}),
      ...(passcodeHash !== undefined ? { passcodeHash } : {}),
    };
    const [updated] =
      Object.keys(changes).length > 0
        ? await tx.update(dealRooms).set(changes).where(eq(dealRooms.id, room.id)).returning()
        : [room];
    if (!updated) throw new Error("update returned no row");
    if (patch.allowDownload !== undefined) {
      await tx
        .update(shareLinks)
        .set({ allowDownload: patch.allowDownload })
        .where(eq(shareLinks.roomId, room.id));
    }
    const current = await tx
      .select({ assetId: shareLinks.assetId })
      .from(shareLinks)
      .where(and(eq(shareLinks.roomId, room.id), isNull(shareLinks.revokedAt)));
    const held = new Set(current.map((c) => c.assetId));
    const joining = add.filter((id) => !held.has(id));
    if (held.size + joining.length - (patch.removeAssetIds?.length ?? 0) > MAX_ROOM_ASSETS) {
      throw new AppError("BAD_REQUEST", `addAssetIds: a room holds at most ${MAX_ROOM_ASSETS} assets`);
    }
    await addItems(tx, user, updated, joining);
    if (patch.removeAssetIds?.length) {
      await tx
        .update(shareLinks)
        .set({ revokedAt: new Date() })
        .where(
          and(
            eq(shareLinks.roomId, room.id),
            inArray(shareLinks.assetId, patch.removeAssetIds),
            isNull(shareLinks.revokedAt),
          ),
        );
    }
    await writeAudit(tx, user.id, "room.update", "deal_room", room.id, {
      added: joining,
      removed: patch.removeAssetIds ?? [],
    });
    return { id: room.id };
  });
}

export async function revokeRoom(db: Db, user: SessionUser, id: string) {
  const room = await loadOwnRoom(db, user, id);
  if (room.revokedAt) return { id, revokedAt: room.revokedAt.toISOString() };
  const revokedAt = new Date();
  await db.transaction(async (tx) => {
    await tx.update(dealRooms).set({ revokedAt }).where(eq(dealRooms.id, id));
    await writeAudit(tx, user.id, "room.revoke", "deal_room", id, {});
  });
  return { id, revokedAt: revokedAt.toISOString() };
}
