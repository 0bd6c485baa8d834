import type { Role } from "@pitchside/shared";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { changeAndNotify } from "../cluster/change-notices";
import type { ClusterBus } from "../cluster/cluster-bus";
import type { Db } from "../db/client";
import { apiTokens, sessions, teams, users } from "../db/schema";
import { AppError } from "../errors";
import type { Credential } from "./auth-service";
import { assertStrongPassword } from "./password-strength";
import { hashPassword } from "./passwords";
import { nameTaken, sameName } from "./teams-service";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  teamId: string | null;
  locale: string | null;
}

export const publicUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  teamId: users.teamId,
  locale: users.locale,
} as const;

export const byEmail = (email: string) => sql`lower(${users.email}) = ${email.toLowerCase()}`;

export async function createUser(
  db: Db,
  input: {
    email: string;
    name: string;
    role: Role;
    password: string;
    teamId?: string | null;
    locale?: string | null;
  },
  opts: { checkStrength?: boolean } = {},
): Promise<SessionUser> {
  const existing = await db.select({ id: users.id }).from(users).where(byEmail(input.email));
  if (existing.length > 0) throw new AppError("CONFLICT", `A user with email ${input.email} already exists`);
  if (input.teamId) await requireTeam(db, input.teamId);
  if (opts.checkStrength !== false) await assertStrongPassword(input.password, input);
  const [row] = await db
    .insert(users)
    .values({
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      teamId: input.teamId ?? null,
      locale: input.locale ?? null,
      passwordHash: await hashPassword(input.password),
    })
    .returning(publicUserColumns);
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function requireTeam(db: Db, teamId: string) {
  const [team] = await db.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId));
  if (!team) throw new AppError("BAD_REQUEST", `teamId: no team with id ${teamId}`);
}

export async function listUsers(db: Db) {
  return db
    .select({ ...publicUserColumns, disabledAt: users.disabledAt, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.email));
}

export async function updateUser(
  db: Db,
  bus: ClusterBus,
  id: string,
  patch: { name?: string; role?: Role; teamId?: string | null; password?: string; locale?: string | null },
): Promise<SessionUser> {
  if (patch.teamId) await requireTeam(db, patch.teamId);
  const { password, ...rest } = patch;
  if (password) {
    const [owner] = await db
      .select({ email: users.email, name: users.name })
      .from(users)
      .where(eq(users.id, id));
    if (!owner) throw new AppError("NOT_FOUND", `No user with id ${id}`);
    await assertStrongPassword(password, { email: owner.email, name: rest.name ?? owner.name });
  }
  const passwordHash = password ? await hashPassword(password) : undefined;
  // a new role or team must count from the next request on, in every process
  return changeAndNotify(db, bus, [{ kind: "user", userId: id }], async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ ...rest, ...(passwordHash ? { passwordHash } : {}), updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning(publicUserColumns);
    if (!row) throw new AppError("NOT_FOUND", `No user with id ${id}`);
    if (password) await endAllSessions(tx, id);
    return row;
  });
}

/** Disabling signs the user out everywhere: sessions end, tokens are revoked. */
export async function disableUser(db: Db, bus: ClusterBus, id: string): Promise<void> {
  await changeAndNotify(db, bus, [{ kind: "user", userId: id }], async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ disabledAt: new Date(), updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning({ id: users.id });
    if (!row) throw new AppError("NOT_FOUND", `No user with id ${id}`);
    await endAllSessions(tx, id);
  });
}

/** Lets a deactivated user sign in again; nothing they had comes back (sessions and tokens stay ended). */
export async function enableUser(db: Db, bus: ClusterBus, id: string): Promise<void> {
  await changeAndNotify(db, bus, [{ kind: "user", userId: id }], async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ disabledAt: null, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning({ id: users.id });
    if (!row) throw new AppError("NOT_FOUND", `No user with id ${id}`);
  });
}

/**
 * Ends the user's sessions and revokes their extension tokens, all but `keep` when given. Part of a
 * change made with `changeAndNotify`, which tells every process.
 */
export async function endAllSessions(db: Db, userId: string, keep?: Credential) {
  await db
    .delete(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        keep?.kind === "session" ? ne(sessions.tokenHash, keep.tokenHash) : undefined,
      ),
    );
  await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(apiTokens.userId, userId),
        sql`${apiTokens.revokedAt} is null`,
        keep?.kind === "token" ? ne(apiTokens.id, keep.tokenId) : undefined,
      ),
    );
}

export async function listTeams(db: Db) {
  return db.select().from(teams).orderBy(asc(teams.name));
}

export async function createTeam(db: Db, name: string) {
  const existing = await db.select({ id: teams.id }).from(teams).where(sameName(name));
  if (existing.length > 0) throw nameTaken(name);
  const [row] = await db.insert(teams).values({ name }).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}
