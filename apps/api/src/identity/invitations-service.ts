import { randomUUID } from "node:crypto";
import type { Role } from "@pitchside/shared";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Config } from "../config";
import type { Db } from "../db/client";
import { invitations, teams, users } from "../db/schema";
import { AppError } from "../errors";
import { enqueueJob } from "../jobs/queue";
import { accountLink, linkRefusal, openableLink } from "./account-links";
import { invitationMessage, type MailLocale, mailLocale, type OutgoingAccountMail } from "./account-mail";
import { assertStrongPassword } from "./password-strength";
import { hashToken, signedLinkToken } from "./tokens";
import { byEmail, createUser, requireTeam, type SessionUser } from "./users-service";

export const INVITATION_DAYS = 7;
const INVITATION_TTL_MS = INVITATION_DAYS * 24 * 3600_000;

/** What the admin gets back: the link to copy when no mail goes out (shown once), else that it was queued. */
export type InvitationDelivery =
  | { id: string; mailed: true; link: null }
  | { id: string; mailed: false; link: string };

const pending = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));

async function refuseExistingAccount(db: Db, email: string, reason: string) {
  const [existing] = await db.select({ id: users.id }).from(users).where(byEmail(email));
  if (existing) {
    throw new AppError("CONFLICT", `A user with email ${email} already exists`, { reason, field: "email" });
  }
}

/** Mails the invitation (SMTP_URL), or hands back the link to copy. */
async function deliver(db: Db, config: Config, id: string): Promise<InvitationDelivery> {
  if (!config.smtp) return { id, mailed: false, link: accountLink(config, "invite", id) };
  await enqueueJob(db, "send_mail", { invitationId: id });
  return { id, mailed: true, link: null };
}

/** Invites an email with a role and team; an earlier pending invitation to it is withdrawn. */
export async function createInvitation(
  db: Db,
  config: Config,
  input: { email: string; role: Role; teamId: string | null; locale: MailLocale; invitedBy: string },
): Promise<InvitationDelivery> {
  await refuseExistingAccount(db, input.email, "userExists");
  if (input.teamId) await requireTeam(db, input.teamId);
  const id = randomUUID();
  return db.transaction(async (tx) => {
    await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(pending, sql`lower(${invitations.email}) = ${input.email.toLowerCase()}`));
    await tx.insert(invitations).values({
      id,
      email: input.email.toLowerCase(),
      role: input.role,
      teamId: input.teamId,
      locale: input.locale,
      tokenHash: hashToken(signedLinkToken(config.sessionSecret, "invite", id)),
      invitedBy: input.invitedBy,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    });
    return deliver(tx, config, id);
  });
}

/** Sends (or shows) a pending invitation's link again, good for another week. */
export async function resendInvitation(db: Db, config: Config, id: string): Promise<InvitationDelivery> {
  const [row] = await db
    .update(invitations)
    .set({ expiresAt: new Date(Date.now() + INVITATION_TTL_MS) })
    .where(and(eq(invitations.id, id), pending))
    .returning({ email: invitations.email });
  if (!row) throw new AppError("NOT_FOUND", `No pending invitation with id ${id}`);
  return deliver(db, config, id);
}

export async function revokeInvitation(db: Db, id: string): Promise<{ email: string }> {
  const [row] = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.id, id), pending))
    .returning({ email: invitations.email });
  if (!row) throw new AppError("NOT_FOUND", `No pending invitation with id ${id}`);
  return row;
}

const inviter = alias(users, "inviter");

/** Invitations neither accepted nor withdrawn, expired ones included (an admin may resend them). */
export async function listPendingInvitations(db: Db) {
  const rows = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      teamId: invitations.teamId,
      locale: invitations.locale,
      invitedByName: inviter.name,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      mailedAt: invitations.mailedAt,
    })
    .from(invitations)
    .leftJoin(inviter, eq(inviter.id, invitations.invitedBy))
    .where(pending)
    .orderBy(asc(invitations.email));
  const now = Date.now();
  return rows.map((r) => ({ ...r, expired: r.expiresAt.getTime() <= now }));
}

async function invitationByToken(db: Db, token: string) {
  const [row] = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      teamId: invitations.teamId,
      teamName: teams.name,
      locale: invitations.locale,
      expiresAt: invitations.expiresAt,
      usedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .leftJoin(teams, eq(teams.id, invitations.teamId))
    .where(eq(invitations.tokenHash, hashToken(token)));
  return openableLink(row);
}

/** What the invitation page shows before the invitee chooses a name and password. */
export async function lookupInvitation(db: Db, token: string) {
  const row = await invitationByToken(db, token);
  const [existing] = await db.select({ id: users.id }).from(users).where(byEmail(row.email));
  return {
    email: row.email,
    role: row.role,
    teamName: row.teamName,
    locale: mailLocale(row.locale),
    expiresAt: row.expiresAt,
    accountExists: Boolean(existing),
  };
}

/** Creates the invitee's account from the link, once: a second use finds the invitation accepted. */
export async function acceptInvitation(
  db: Db,
  input: { token: string; name: string; password: string },
): Promise<SessionUser> {
  const row = await invitationByToken(db, input.token);
  await refuseExistingAccount(db, row.email, "inviteAccountExists");
  await assertStrongPassword(input.password, { email: row.email, name: input.name });
  return db.transaction(async (tx) => {
    // claimed under the same conditions as above: of two racing accepts, one finds it taken
    const [claimed] = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitations.id, row.id), pending, sql`${invitations.expiresAt} > now()`))
      .returning({ id: invitations.id });
    if (!claimed) throw linkRefusal("used");
    const user = await createUser(
      tx,
      {
        email: row.email,
        name: input.name,
        role: row.role,
        teamId: row.teamId,
        password: input.password,
        locale: row.locale,
      },
      { checkStrength: false },
    );
    await noteInvitationAccepted(tx, row.id, user.id);
    return user;
  });
}

/**
 * An invitation taken up through SSO: the provider proved the invited email, so the pending,
 * unexpired invitation to it (if any) is claimed, once. The caller creates the account with its role,
 * team and language, in the same transaction, and records it with `noteInvitationAccepted`.
 */
export async function claimInvitationByEmail(db: Db, email: string) {
  const [claimed] = await db
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(
      and(
        pending,
        sql`lower(${invitations.email}) = ${email.toLowerCase()}`,
        sql`${invitations.expiresAt} > now()`,
      ),
    )
    .returning({
      id: invitations.id,
      role: invitations.role,
      teamId: invitations.teamId,
      locale: invitations.locale,
    });
  return claimed ?? null;
}

export async function noteInvitationAccepted(db: Db, id: string, userId: string): Promise<void> {
  await db.update(invitations).set({ acceptedUserId: userId }).where(eq(invitations.id, id));
}

/** The invitation mail (`send_mail` job `{ invitationId }`), or null when it is no longer pending. */
export async function invitationMail(
  db: Db,
  config: Config,
  id: string,
): Promise<OutgoingAccountMail | null> {
  const [row] = await db
    .select({
      email: invitations.email,
      role: invitations.role,
      locale: invitations.locale,
      expiresAt: invitations.expiresAt,
      inviterName: inviter.name,
      teamName: teams.name,
    })
    .from(invitations)
    .leftJoin(inviter, eq(inviter.id, invitations.invitedBy))
    .leftJoin(teams, eq(teams.id, invitations.teamId))
    .where(and(eq(invitations.id, id), pending));
  if (!row || row.expiresAt.getTime() <= Date.now()) return null;
  const message = invitationMessage(
    {
      inviterName: row.inviterName,
      role: row.role,
      teamName: row.teamName,
      link: accountLink(config, "invite", id),
      days: INVITATION_DAYS,
    },
    mailLocale(row.locale),
  );
  return {
    to: row.email,
    ...message,
    sent: async () => {
      await db.update(invitations).set({ mailedAt: new Date() }).where(eq(invitations.id, id));
    },
  };
}
