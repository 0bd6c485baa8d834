import type { Role, SsoRefusal } from "@pitchside/shared";
import { eq } from "drizzle-orm";
import { writeAudit } from "../audit";
import type { ClusterBus } from "../cluster/cluster-bus";
import type { OidcConfig } from "../config";
import type { Db } from "../db/client";
import { teams, users } from "../db/schema";
import { claimInvitationByEmail, noteInvitationAccepted } from "./invitations-service";
import { newSecretToken } from "./tokens";
import { byEmail, createUser, publicUserColumns, type SessionUser, updateUser } from "./users-service";

/** What the provider told us about the person, once the ID token has been validated. */
export interface SsoIdentity {
  issuer: string;
  sub: string;
  email: string | undefined;
  emailVerified: boolean;
  name: string | undefined;
  /** Every claim (ID token and userinfo): the role and team claims are read from here. */
  claims: Record<string, unknown>;
}

export type SsoOutcome = { ok: true; user: SessionUser } | { ok: false; reason: SsoRefusal };

/** The groups a claim lists: an array of strings, or one string. */
const groupsIn = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === "string")
    : typeof value === "string"
      ? [value]
      : [];

/** The first entry of `map` (the admin's order) whose group the person is in. */
const firstMatch = <T>(map: Array<[string, T]>, groups: string[]): T | undefined =>
  map.find(([group]) => groups.includes(group))?.[1];

async function teamIdNamed(db: Db, name: string): Promise<string> {
  await db.insert(teams).values({ name }).onConflictDoNothing({ target: teams.name });
  const [team] = await db.select({ id: teams.id }).from(teams).where(eq(teams.name, name));
  if (!team) throw new Error(`team ${name} vanished after its insert`);
  return team.id;
}

/**
 * Role and team as the provider's groups grant them, for each claim that is configured
 * (undefined: not configured, leave as it is). A configured claim is authoritative: no matching
 * group means role rep, and no team.
 */
async function mappedAccess(
  db: Db,
  oidc: OidcConfig,
  claims: Record<string, unknown>,
): Promise<{ role?: Role; teamId?: string | null }> {
  const access: { role?: Role; teamId?: string | null } = {};
  if (oidc.roleClaim) access.role = firstMatch(oidc.roleMap, groupsIn(claims[oidc.roleClaim])) ?? "rep";
  if (oidc.teamClaim) {
    const team = firstMatch(oidc.teamMap, groupsIn(claims[oidc.teamClaim]));
    access.teamId = team ? await teamIdNamed(db, team) : null;
  }
  return access;
}

const subjectOf = (identity: SsoIdentity) => `${identity.issuer} ${identity.sub}`;

/**
 * The account a validated sign-in belongs to: the one bound to the provider's subject, else the one
 * with the same verified email (bound now), else a new one when the email's domain is allowed.
 * Role and team follow the mapped claims at every sign-in. Every outcome leaves an audit line.
 */
export async function resolveSsoUser(
  db: Db,
  bus: ClusterBus,
  oidc: OidcConfig,
  identity: SsoIdentity,
): Promise<SsoOutcome> {
  const subject = subjectOf(identity);
  const columns = { ...publicUserColumns, disabledAt: users.disabledAt, ssoSubject: users.ssoSubject };
  let [row] = await db.select(columns).from(users).where(eq(users.ssoSubject, subject));
  const email = identity.emailVerified ? identity.email?.toLowerCase() : undefined;
  const refuse = async (reason: SsoRefusal, userId: string | null) => {
    await writeAudit(db, userId, "auth.sso_refused", "user", userId, {
      reason,
      subject,
      email: identity.email,
    });
    return { ok: false as const, reason };
  };

  if (!row && email) {
    [row] = await db.select(columns).from(users).where(byEmail(email));
    // an account bound to another subject of the provider is not this person's
    if (row?.ssoSubject && row.ssoSubject !== subject) return refuse("sso_account_conflict", row.id);
    if (row && !row.disabledAt) {
      await db.update(users).set({ ssoSubject: subject, updatedAt: new Date() }).where(eq(users.id, row.id));
      await writeAudit(db, row.id, "user.sso_linked", "user", row.id, { subject });
    }
  }
  if (row?.disabledAt) return refuse("sso_user_disabled", row.id);

  const access = await mappedAccess(db, oidc, identity.claims);
  if (!row) {
    if (!email) return refuse("sso_email_missing", null);
    const domain = email.slice(email.lastIndexOf("@") + 1);
    const created = await db.transaction(async (tx) => {
      // an admin's pending invitation to this email lets it in (any domain), in the invited language,
      // with the invited role and team unless role and team claims are configured (the provider decides)
      const invitation = await claimInvitationByEmail(tx, email);
      if (!invitation && !oidc.allowedDomains.includes(domain)) return null;
      // no password anyone knows: this account signs in through the provider (or a reset, later)
      const user = await createUser(
        tx,
        {
          email,
          name: identity.name?.trim() || email.slice(0, email.indexOf("@")),
          role: access.role ?? invitation?.role ?? "rep",
          teamId: access.teamId ?? invitation?.teamId ?? null,
          password: newSecretToken(),
          ...(invitation ? { locale: invitation.locale } : {}),
        },
        { checkStrength: false },
      );
      await tx.update(users).set({ ssoSubject: subject }).where(eq(users.id, user.id));
      if (invitation) await noteInvitationAccepted(tx, invitation.id, user.id);
      await writeAudit(tx, user.id, "user.sso_created", "user", user.id, {
        subject,
        role: user.role,
        teamId: user.teamId,
        invitationId: invitation?.id ?? null,
      });
      return user;
    });
    if (!created) return refuse("sso_domain_not_allowed", null);
    return { ok: true, user: created };
  }

  const { disabledAt: _disabled, ssoSubject: _subject, ...user } = row;
  const changed: { role?: Role; teamId?: string | null } = {};
  if (access.role !== undefined && access.role !== user.role) changed.role = access.role;
  if (access.teamId !== undefined && access.teamId !== user.teamId) changed.teamId = access.teamId;
  if (Object.keys(changed).length === 0) return { ok: true, user };
  const updated = await updateUser(db, bus, user.id, changed);
  await writeAudit(db, user.id, "user.sso_access_changed", "user", user.id, {
    from: { role: user.role, teamId: user.teamId },
    to: changed,
  });
  return { ok: true, user: updated };
}
