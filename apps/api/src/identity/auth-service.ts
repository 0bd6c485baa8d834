import type { Client } from "@pitchside/shared";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { changeAndNotify } from "../cluster/change-notices";
import type { ClusterBus } from "../cluster/cluster-bus";
import type { Db } from "../db/client";
import { apiTokens, sessions, users } from "../db/schema";
import { AppError } from "../errors";
import { credentialCache } from "./credential-cache";
import type { LoginAttempt, LoginThrottle } from "./login-throttle";
import { assertStrongPassword } from "./password-strength";
import { dummyHash, hashPassword, verifyPassword } from "./passwords";
import { coarseAddress, storedUserAgent } from "./session-devices";
import { hashToken, newSecretToken } from "./tokens";
import { byEmail, endAllSessions, publicUserColumns, type SessionUser } from "./users-service";

export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;
export const EXTENSION_TOKEN_PREFIX = "psx_";

export type Credential = { kind: "session"; tokenHash: string } | { kind: "token"; tokenId: string };

export type LoginResult =
  | { client: "portal"; user: SessionUser; sessionToken: string; expiresAt: Date }
  | { client: "extension"; user: SessionUser; token: string; tokenId: string };

/** Counts a password check before it happens, so parallel guesses cannot outrun the count. */
async function admitAttempt(throttle: LoginThrottle, email: string, ip: string): Promise<LoginAttempt> {
  const admission = await throttle.admit(email, ip);
  if (admission.admitted) return admission.attempt;
  const seconds = Math.ceil(admission.retryAfterMs / 1000);
  throw new AppError("TOO_MANY_REQUESTS", `Too many failed sign-ins; try again in ${seconds} seconds`, {
    reason: "signInThrottled",
    params: { seconds },
  });
}

export async function login(
  db: Db,
  throttle: LoginThrottle,
  input: {
    email: string;
    password: string;
    client: Client;
    ip: string;
    tokenName?: string;
    userAgent?: string | null;
  },
): Promise<LoginResult> {
  const attempt = await admitAttempt(throttle, input.email, input.ip);
  const [row] = await db
    .select({ ...publicUserColumns, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(byEmail(input.email));
  const ok = await verifyPassword(row?.passwordHash ?? (await dummyHash), input.password);
  if (!row || !ok || row.disabledAt) {
    await attempt.failed();
    throw new AppError("UNAUTHORIZED", "Wrong email or password", { reason: "wrongCredentials" });
  }
  await attempt.succeeded();
  const { passwordHash: _hash, disabledAt: _disabled, ...user } = row;

  if (input.client === "extension") {
    return { client: "extension", user, ...(await issueExtensionToken(db, user.id, input.tokenName)) };
  }
  return { client: "portal", user, ...(await startSession(db, user.id, input)) };
}

/** A new extension token for `userId` (shown once; the table keeps its hash), listed under `name`. */
export async function issueExtensionToken(
  db: Db,
  userId: string,
  name = "Chrome extension",
): Promise<{ token: string; tokenId: string }> {
  const token = newSecretToken(EXTENSION_TOKEN_PREFIX);
  const [created] = await db
    .insert(apiTokens)
    .values({ userId, tokenHash: hashToken(token), name })
    .returning({ id: apiTokens.id });
  if (!created) throw new Error("insert returned no row");
  return { token, tokenId: created.id };
}

/** A new portal session for `userId`, with where it started (browser, rough address) for its owner's list. */
export async function startSession(
  db: Db,
  userId: string,
  from: { ip?: string | null; userAgent?: string | null } = {},
): Promise<{ sessionToken: string; expiresAt: Date }> {
  const sessionToken = newSecretToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.insert(sessions).values({
    tokenHash: hashToken(sessionToken),
    userId,
    expiresAt,
    userAgent: storedUserAgent(from.userAgent),
    ipPrefix: coarseAddress(from.ip),
  });
  return { sessionToken, expiresAt };
}

/**
 * The signed-in user's own change: needs the current password (checked under the sign-in throttle,
 * so a borrowed session is no guessing oracle), then ends every other session and token.
 */
export async function changePassword(
  db: Db,
  bus: ClusterBus,
  throttle: LoginThrottle,
  input: {
    user: SessionUser;
    credential: Credential;
    ip: string;
    currentPassword: string;
    newPassword: string;
  },
): Promise<void> {
  const attempt = await admitAttempt(throttle, input.user.email, input.ip);
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, input.user.id));
  if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    await attempt.failed();
    throw new AppError("BAD_REQUEST", "The current password is wrong", {
      reason: "currentPasswordWrong",
      field: "currentPassword",
    });
  }
  await attempt.succeeded();
  if (input.newPassword === input.currentPassword) {
    throw new AppError("BAD_REQUEST", "The new password is the same as the current one", {
      reason: "passwordUnchanged",
      field: "password",
    });
  }
  await assertStrongPassword(input.newPassword, input.user);
  const passwordHash = await hashPassword(input.newPassword);
  await changeAndNotify(db, bus, [{ kind: "user", userId: input.user.id }], async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, input.user.id));
    await endAllSessions(tx, input.user.id, input.credential);
  });
}

export interface Authenticated {
  user: SessionUser;
  credential: Credential;
}

export function userForSession(db: Db, token: string): Promise<Authenticated | null> {
  const tokenHash = hashToken(token);
  return credentialCache.get(db, `session:${tokenHash}`, () => lookupSession(db, tokenHash));
}

export function userForBearer(db: Db, token: string): Promise<Authenticated | null> {
  const tokenHash = hashToken(token);
  return credentialCache.get(db, `bearer:${tokenHash}`, () => lookupBearer(db, tokenHash));
}

async function lookupSession(db: Db, tokenHash: string): Promise<Authenticated | null> {
  const [row] = await db
    .select({ ...publicUserColumns, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date()), isNull(users.disabledAt)),
    );
  if (!row) return null;
  const { lastSeenAt, ...user } = row;
  if (Date.now() - lastSeenAt.getTime() > 5 * 60_000) {
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.tokenHash, tokenHash));
  }
  return { user, credential: { kind: "session", tokenHash } };
}

async function lookupBearer(db: Db, tokenHash: string): Promise<Authenticated | null> {
  const [row] = await db
    .select({ ...publicUserColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), isNull(users.disabledAt)));
  if (!row) return null;
  const { tokenId, lastUsedAt, ...user } = row;
  if (!lastUsedAt || Date.now() - lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, tokenId));
  }
  return { user, credential: { kind: "token", tokenId } };
}

export async function logout(db: Db, bus: ClusterBus, auth: Authenticated): Promise<void> {
  const { credential } = auth;
  await changeAndNotify(db, bus, [{ kind: "user", userId: auth.user.id }], async (tx) => {
    if (credential.kind === "session") {
      await tx.delete(sessions).where(eq(sessions.tokenHash, credential.tokenHash));
    } else {
      await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, credential.tokenId));
    }
  });
}

export async function listTokens(db: Db, userId: string | undefined) {
  return db
    .select({
      id: apiTokens.id,
      userId: apiTokens.userId,
      userEmail: users.email,
      name: apiTokens.name,
      scope: apiTokens.scope,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(userId ? eq(apiTokens.userId, userId) : sql`true`)
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes a token; `ownerId` limits it to that user's tokens (admins pass none). */
export async function revokeToken(
  db: Db,
  bus: ClusterBus,
  id: string,
  ownerId: string | undefined,
): Promise<void> {
  const where = and(eq(apiTokens.id, id), ownerId ? eq(apiTokens.userId, ownerId) : sql`true`);
  const [token] = await db.select({ userId: apiTokens.userId }).from(apiTokens).where(where);
  if (!token) throw new AppError("NOT_FOUND", `No token with id ${id}`);
  await changeAndNotify(db, bus, [{ kind: "user", userId: token.userId }], (tx) =>
    tx.update(apiTokens).set({ revokedAt: new Date() }).where(where),
  );
}
