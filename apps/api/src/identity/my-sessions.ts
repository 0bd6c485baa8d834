import { and, desc, eq, gt } from "drizzle-orm";
import { changeAndNotify } from "../cluster/change-notices";
import type { ClusterBus } from "../cluster/cluster-bus";
import type { Db } from "../db/client";
import { sessions } from "../db/schema";
import { AppError } from "../errors";
import type { Credential } from "./auth-service";
import { describeUserAgent } from "./session-devices";
import { endAllSessions } from "./users-service";

/** A user's own portal sessions, newest first, named by their public id (never the token or its hash). */
export async function listMySessions(db: Db, userId: string, current: Credential) {
  const rows = await db
    .select({
      id: sessions.id,
      tokenHash: sessions.tokenHash,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      userAgent: sessions.userAgent,
      ipPrefix: sessions.ipPrefix,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
  return rows.map(({ tokenHash, userAgent, ...row }) => ({
    ...row,
    ...describeUserAgent(userAgent),
    current: current.kind === "session" && current.tokenHash === tokenHash,
  }));
}

/** Ends one of the user's own sessions; it is refused from its next request on, in every process. */
export async function endMySession(
  db: Db,
  bus: ClusterBus,
  userId: string,
  sessionId: string,
  current: Credential,
): Promise<{ wasCurrent: boolean }> {
  return changeAndNotify(db, bus, [{ kind: "user", userId }], async (tx) => {
    const [ended] = await tx
      .delete(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
      .returning({ tokenHash: sessions.tokenHash });
    // someone else's session answers like one that does not exist
    if (!ended) throw new AppError("NOT_FOUND", `No session with id ${sessionId}`);
    return { wasCurrent: current.kind === "session" && current.tokenHash === ended.tokenHash };
  });
}

/** "Sign out everywhere else": every other session and every extension token but the caller's. */
export async function endOtherSessions(db: Db, bus: ClusterBus, userId: string, keep: Credential) {
  await changeAndNotify(db, bus, [{ kind: "user", userId }], (tx) => endAllSessions(tx, userId, keep));
}
