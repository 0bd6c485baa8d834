import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { storedWeeklySummary } from "../analytics/weekly-summary";
import { weeklySummaryMessage } from "../analytics/weekly-summary-mail";
import type { Config } from "../config";
import type { Db } from "../db/client";
import { notifications, users } from "../db/schema";
import { invitationMail } from "../identity/invitations-service";
import { resetMail } from "../identity/password-reset-service";
import type { JobHandler } from "../jobs/runner";

interface Message {
  subject: string;
  text: string;
}

const str = (v: unknown) => (typeof v === "string" && v ? v : null);

/** The alert an email carries, in the rep's language; null for kinds that are not mailed. */
export function alertMessage(
  kind: string,
  payload: Record<string, unknown>,
  locale: "en" | "ja",
  publicUrl: string,
): Message | null {
  const who = str(payload.visitorEmail) ?? str(payload.recipientEmail);
  const deal = str(payload.dealName);
  const link = `${publicUrl}/links`;
  if (kind === "share_opened") {
    const asset = str(payload.assetTitle) ?? "";
    return locale === "ja"
      ? {
          subject: `「${asset}」が開かれました`,
          text: `${who ? `${who} さんが` : "相手先が"}「${asset}」を開きました${deal ? `（${deal}）` : ""}。\n\n閲覧状況: ${link}\n`,
        }
      : {
          subject: `${who ?? "Your prospect"} opened "${asset}"`,
          text: `${who ?? "Your prospect"} opened "${asset}"${deal ? ` (${deal})` : ""}.\n\nSee what they read: ${link}\n`,
        };
  }
  if (kind === "room_opened") {
    const room = str(payload.roomName);
    return locale === "ja"
      ? {
          subject: `ディールルーム${room ? `「${room}」` : ""}が開かれました`,
          text: `${who ? `${who} さんが` : "相手先が"}ディールルーム${room ? `「${room}」` : ""}を開きました${deal ? `（${deal}）` : ""}。\n\n閲覧状況: ${link}\n`,
        }
      : {
          subject: `${who ?? "Your prospect"} opened your deal room${room ? ` "${room}"` : ""}`,
          text: `${who ?? "Your prospect"} opened your deal room${room ? ` "${room}"` : ""}${deal ? ` (${deal})` : ""}.\n\nSee what they read: ${link}\n`,
        };
  }
  return null;
}

/** The weekly summary for one marketer or admin, in their language (`{ summaryWeek, userId }`). */
async function summaryMail(db: Db, config: Config, week: string, userId: string) {
  const [user] = await db
    .select({ email: users.email, locale: users.locale, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, userId));
  const summary = await storedWeeklySummary(db, week);
  if (!user || user.disabledAt || !summary) return null;
  const message = weeklySummaryMessage(summary, user.locale === "ja" ? "ja" : "en", config.publicUrl);
  return { to: user.email, ...message };
}

/**
 * Sends an email (`send_mail` jobs, queued when SMTP_URL is set): a notification's alert, a
 * week's summary, an invitation or a password reset. Through the jobs table, so an SMTP server that is down delays the mail instead
 * of losing it.
 */
export function sendMailJob(db: Db, config: Config): JobHandler {
  const smtp = config.smtp;
  const transport = smtp ? nodemailer.createTransport(smtp.url) : null;
  return {
    async run(payload) {
      if (!transport || !smtp) return;
      if (typeof payload.summaryWeek === "string" && typeof payload.userId === "string") {
        const mail = await summaryMail(db, config, payload.summaryWeek, payload.userId);
        if (mail) await transport.sendMail({ from: smtp.from, ...mail });
        return;
      }
      const account =
        typeof payload.invitationId === "string"
          ? await invitationMail(db, config, payload.invitationId)
          : typeof payload.passwordResetId === "string"
            ? await resetMail(db, config, payload.passwordResetId)
            : undefined;
      if (account !== undefined) {
        if (!account) return;
        const { sent, ...mail } = account;
        await transport.sendMail({ from: smtp.from, ...mail });
        await sent();
        return;
      }
      if (typeof payload.notificationId !== "string") return;
      const [row] = await db
        .select({
          notification: notifications,
          email: users.email,
          locale: users.locale,
          disabledAt: users.disabledAt,
        })
        .from(notifications)
        .innerJoin(users, eq(users.id, notifications.userId))
        .where(eq(notifications.id, payload.notificationId));
      if (!row || row.disabledAt) return;
      const message = alertMessage(
        row.notification.kind,
        row.notification.payload,
        row.locale === "ja" ? "ja" : "en",
        config.publicUrl,
      );
      if (!message) return;
      await transport.sendMail({
        from: smtp.from,
        to: row.email,
        subject: message.subject,
        text: message.text,
      });
    },
    // a mailbox the server refuses for good (5xx) will not take it on a retry
    isPermanent: (err) => {
      const code = (err as { responseCode?: number }).responseCode;
      return typeof code === "number" && code >= 500;
    },
  };
}
