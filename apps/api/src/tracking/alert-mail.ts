import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Config } from "../config";
import type { Db } from "../db/client";
import { notifications, users } from "../db/schema";
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

/**
 * Sends the email alert for a notification (`send_mail` jobs, queued with the
 * notification when SMTP_URL is set): through the jobs table, so an SMTP
 * server that is down delays the alert instead of losing it.
 */
export function sendMailJob(db: Db, config: Config): JobHandler {
  const smtp = config.smtp;
  const transport = smtp ? nodemailer.createTransport(smtp.url) : null;
  return {
    async run(payload) {
      if (!transport || !smtp || typeof payload.notificationId !== "string") return;
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
