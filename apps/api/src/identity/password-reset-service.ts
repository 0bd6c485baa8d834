import { randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { changeAndNotify } from "../cluster/change-notices";
import type { ClusterBus } from "../cluster/cluster-bus";
import type { Config } from "../config";
import type { Db } from "../db/client";
import { passwordResets, users } from "../db/schema";
import { AppError } from "../errors";
import { enqueueJob } from "../jobs/queue";
import { Budget } from "../limits/budget";
import type { LimiterStore } from "../limits/limiter-store";
import { accountLink, linkRefusal, openableLink } from "./account-links";
import { mailLocale, type OutgoingAccountMail, resetMessage } from "./account-mail";
import { assertStrongPassword } from "./password-strength";
import { hashPassword } from "./passwords";
import { hashToken, signedLinkToken } from "./tokens";
import { byEmail, endAllSessions, publicUserColumns, type SessionUser } from "./users-service";

export const RESET_MINUTES = 60;

/**
 * Requests for a reset mail: per address and per email, whether or not an account has it (a limit
 * that only counted accounts would tell which exist). Fails closed: each one may send a mail.
 */
export interface ResetBudgets {
  perIp: Budget;
  perEmail: Budget;
}

const budgetsByStore = new WeakMap<LimiterStore, ResetBudgets>();

export function resetBudgets(store: LimiterStore): ResetBudgets {
  let budgets = budgetsByStore.get(store);
  if (!budgets) {
    budgets = {
      perIp: new Budget(store, "password-reset:ip", 20, 3600, "refuse"),
      perEmail: new Budget(store, "password-reset:email", 3, 3600, "refuse"),
    };
    budgetsByStore.set(store, budgets);
  }
  return budgets;
}

async function insertReset(db: Db, config: Config, userId: string, requestedBy: string | null) {
  const id = randomUUID();
  await db.insert(passwordResets).values({
    id,
    userId,
    tokenHash: hashToken(signedLinkToken(config.sessionSecret, "reset", id)),
    requestedBy,
    expiresAt: new Date(Date.now() + RESET_MINUTES * 60_000),
  });
  return id;
}

/**
 * "Forgot password": mails a reset link when an active account has this email. The answer is the
 * same either way, so nobody learns from it which accounts exist. Only with SMTP_URL.
 */
export async function requestPasswordReset(
  db: Db,
  config: Config,
  budgets: ResetBudgets,
  input: { email: string; ip: string },
): Promise<void> {
  if (!config.smtp) {
    throw new AppError("BAD_REQUEST", "Password reset by mail is not set up here: ask an admin", {
      reason: "resetByMailOff",
    });
  }
  for (const [budget, key] of [
    [budgets.perIp, input.ip],
    [budgets.perEmail, input.email.toLowerCase()],
  ] as const) {
    const taken = await budget.take(key);
    if (!taken.ok) {
      const seconds = taken.retryAfterSeconds;
      throw new AppError("TOO_MANY_REQUESTS", `Too many reset requests; try again in ${seconds} seconds`, {
        reason: "resetThrottled",
        params: { seconds },
      });
    }
  }
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(byEmail(input.email), isNull(users.disabledAt)));
  if (!user) return;
  await db.transaction(async (tx) => {
    const id = await insertReset(tx, config, user.id, null);
    await enqueueJob(tx, "send_mail", { passwordResetId: id });
  });
}

/** An admin's reset link for a user, to hand over by other means (no mail needed). */
export async function createResetLink(
  db: Db,
  config: Config,
  input: { userId: string; adminId: string },
): Promise<{ link: string; expiresAt: Date }> {
  const [user] = await db
    .select({ disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, input.userId));
  if (!user) throw new AppError("NOT_FOUND", `No user with id ${input.userId}`);
  if (user.disabledAt) {
    throw new AppError("BAD_REQUEST", "This user is disabled: a reset link would not let them in", {
      reason: "userDisabled",
    });
  }
  const id = await insertReset(db, config, input.userId, input.adminId);
  return { link: accountLink(config, "reset", id), expiresAt: new Date(Date.now() + RESET_MINUTES * 60_000) };
}

async function resetByToken(db: Db, token: string) {
  const [row] = await db
    .select({
      id: passwordResets.id,
      expiresAt: passwordResets.expiresAt,
      usedAt: passwordResets.usedAt,
      disabledAt: users.disabledAt,
      user: publicUserColumns,
    })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, hashToken(token)));
  // a user disabled since the link was made gets what a stranger would
  return openableLink(row && !row.disabledAt ? { ...row, revokedAt: null } : undefined);
}

/** What the reset page shows: whose password it sets. */
export async function lookupPasswordReset(db: Db, token: string) {
  const row = await resetByToken(db, token);
  return { email: row.user.email, expiresAt: row.expiresAt };
}

/**
 * Sets the new password from the link, once; every session and token of the user ends, and every
 * other reset link of theirs with them.
 */
export async function completePasswordReset(
  db: Db,
  bus: ClusterBus,
  input: { token: string; password: string },
): Promise<SessionUser> {
  const row = await resetByToken(db, input.token);
  await assertStrongPassword(input.password, row.user);
  const passwordHash = await hashPassword(input.password);
  await changeAndNotify(db, bus, [{ kind: "user", userId: row.user.id }], async (tx) => {
    const [claimed] = await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(passwordResets.id, row.id),
          isNull(passwordResets.usedAt),
          sql`${passwordResets.expiresAt} > now()`,
        ),
      )
      .returning({ id: passwordResets.id });
    if (!claimed) throw linkRefusal("used");
    await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.userId, row.user.id), isNull(passwordResets.usedAt)));
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, row.user.id));
    await endAllSessions(tx, row.user.id);
  });
  return row.user;
}

/** The reset mail (`send_mail` job `{ passwordResetId }`) in the user's language; null once it cannot be used. */
export async function resetMail(db: Db, config: Config, id: string): Promise<OutgoingAccountMail | null> {
  const [row] = await db
    .select({
      email: users.email,
      name: users.name,
      locale: users.locale,
      disabledAt: users.disabledAt,
      expiresAt: passwordResets.expiresAt,
      usedAt: passwordResets.usedAt,
    })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.id, id));
  if (!row || row.disabledAt || row.usedAt || row.expiresAt.getTime() <= Date.now()) return null;
  const message = resetMessage(
    { name: row.name, link: accountLink(config, "reset", id), minutes: RESET_MINUTES },
    mailLocale(row.locale),
  );
  return {
    to: row.email,
    ...message,
    sent: async () => {
      await db.update(passwordResets).set({ mailedAt: new Date() }).where(eq(passwordResets.id, id));
    },
  };
}
