import { and, desc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { notifications } from "../db/schema";
import type { SessionUser } from "../identity/users-service";

export interface ShareOpenedPayload {
  shareId: string;
  assetId: string;
  assetTitle: string;
  dealId: string | null;
  dealName: string | null;
  recipientEmail: string | null;
  openedAt: string;
}

/** Repeated opens of one link within this window make one notification, not a stream of them. */
export const SHARE_OPENED_QUIET_MS = 60 * 60_000;

/** Tells the share's creator their link was opened (once per link per quiet window). */
export async function notifyShareOpened(
  tx: Db,
  userId: string,
  payload: ShareOpenedPayload,
): Promise<boolean> {
  const [recent] = await tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        eq(notifications.kind, "share_opened"),
        gt(notifications.createdAt, new Date(Date.now() - SHARE_OPENED_QUIET_MS)),
        sql`${notifications.payload}->>'shareId' = ${payload.shareId}`,
      ),
    )
    .limit(1);
  if (recent) return false;
  await tx.insert(notifications).values({ userId, kind: "share_opened", payload: { ...payload } });
  return true;
}

export async function unreadCount(db: Db, user: SessionUser): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function listNotifications(
  db: Db,
  user: SessionUser,
  opts: { unreadOnly: boolean; limit: number; before?: string | undefined },
) {
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
export async function markRead(
  db: Db,
  user: SessionUser,
  input: { ids?: string[] | undefined; all?: boolean | undefined },
) {
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
