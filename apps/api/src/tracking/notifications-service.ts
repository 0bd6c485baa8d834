import { and, desc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { notifications } from "../db/schema";
import type { SessionUser } from "../identity/users-service";
import { enqueueJob } from "../jobs/queue";
import type { MarkReadInput, NotificationListInput } from "./notification-inputs";

export interface ShareOpenedPayload {
  shareId: string;
  linkName: string;
  roomId: string | null;
  roomName: string | null;
  assetId: string;
  assetTitle: string;
  dealId: string | null;
  dealName: string | null;
  recipientEmail: string | null;
  /** Given at the link's email gate (not verified). */
  visitorEmail: string | null;
  openedAt: string;
}

export interface RoomOpenedPayload {
  roomId: string;
  roomName: string;
  dealId: string | null;
  dealName: string | null;
  recipientEmail: string | null;
  visitorEmail: string | null;
  openedAt: string;
}

/** Repeated opens of one link within this window make one notification, not a stream of them. */
export const SHARE_OPENED_QUIET_MS = 60 * 60_000;

/**
 * A notification of `kind` about `key` (a link, a room) unless one was made in
 * the quiet window; with mail configured, an email alert is queued with it.
 */
async function notifyQuietly(
  tx: Db,
  mail: boolean,
  userId: string,
  kind: "share_opened" | "room_opened",
  key: { field: "shareId" | "roomId"; value: string },
  payload: Record<string, unknown>,
): Promise<boolean> {
  const [recent] = await tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        eq(notifications.kind, kind),
        gt(notifications.createdAt, new Date(Date.now() - SHARE_OPENED_QUIET_MS)),
        sql`${notifications.payload}->>${key.field} = ${key.value}`,
      ),
    )
    .limit(1);
  if (recent) return false;
  const [created] = await tx
    .insert(notifications)
    .values({ userId, kind, payload })
    .returning({ id: notifications.id });
  if (mail && created) await enqueueJob(tx, "send_mail", { notificationId: created.id });
  return true;
}

/** Tells the share's creator their link was opened (once per link per quiet window). */
export function notifyShareOpened(tx: Db, mail: boolean, userId: string, payload: ShareOpenedPayload) {
  return notifyQuietly(
    tx,
    mail,
    userId,
    "share_opened",
    { field: "shareId", value: payload.shareId },
    { ...payload },
  );
}

/** Tells a deal room's creator it was opened (once per room per quiet window). */
export function notifyRoomOpened(tx: Db, mail: boolean, userId: string, payload: RoomOpenedPayload) {
  return notifyQuietly(
    tx,
    mail,
    userId,
    "room_opened",
    { field: "roomId", value: payload.roomId },
    { ...payload },
  );
}

export async function unreadCount(db: Db, user: SessionUser): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function listNotifications(db: Db, user: SessionUser, opts: NotificationListInput) {
  const rows = await db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, user.id),
        opts.unreadOnly ? isNull(notifications.readAt) : undefined,
        opts.before ? lt(notifications.createdAt, new Date(opts.before)) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit);
  return {
    items: rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      payload: n.payload,
      readAt: n.readAt?.toISOString() ?? null,
      createdAt: n.createdAt.toISOString(),
    })),
    unread: await unreadCount(db, user),
  };
}

/** Marks the given notifications (or all) of the caller read; returns the unread count left. */
export async function markRead(db: Db, user: SessionUser, input: MarkReadInput) {
  if (input.all || (input.ids && input.ids.length > 0)) {
    await db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(
        and(
          eq(notifications.userId, user.id),
          isNull(notifications.readAt),
          input.all ? undefined : inArray(notifications.id, input.ids ?? []),
        ),
      );
  }
  return { unread: await unreadCount(db, user) };
}
