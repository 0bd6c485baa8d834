import type { Role } from "@pitchside/shared";
import { escapeHtml } from "../html-escape";

export type MailLocale = "en" | "ja";

/** One mail: a subject, a plain-text part and an HTML part saying the same. */
export interface AccountMessage {
  subject: string;
  text: string;
  html: string;
}

/** A mail the send_mail job sends, to whom, and what to note once the server took it. */
export type OutgoingAccountMail = AccountMessage & { to: string; sent: () => Promise<void> };

export const mailLocale = (locale: string | null | undefined): MailLocale => (locale === "ja" ? "ja" : "en");

const roleNames: Record<MailLocale, Record<Role, string>> = {
  en: { admin: "admin", marketer: "marketer", rep: "sales rep" },
  ja: { admin: "管理者", marketer: "マーケター", rep: "営業担当" },
};

interface InvitationFacts {
  inviterName: string | null;
  role: Role;
  teamName: string | null;
  link: string;
  days: number;
}

interface ResetFacts {
  name: string;
  link: string;
  minutes: number;
}

/** Paragraphs, then the button's label; the link goes between them in both parts. */
interface Wording {
  subject: string;
  before: string[];
  button: string;
  after: string[];
}

const wording = {
  en: {
    invitation: (f: InvitationFacts): Wording => ({
      subject: f.inviterName ? `${f.inviterName} invited you to Pitchside` : "You're invited to Pitchside",
      before: [
        `${f.inviterName ?? "Your admin"} invited you to join Pitchside as a ${roleNames.en[f.role]}${f.teamName ? ` in the team ${f.teamName}` : ""}.`,
        "Open the link below to choose your name and password.",
      ],
      button: "Accept the invitation",
      after: [
        `The link works once and expires in ${f.days} days.`,
        "If you did not expect this invitation, you can ignore this mail.",
      ],
    }),
    reset: (f: ResetFacts): Wording => ({
      subject: "Reset your Pitchside password",
      before: [`Hello ${f.name},`, "Someone asked to reset the password of your Pitchside account."],
      button: "Choose a new password",
      after: [
        `The link works once and expires in ${f.minutes} minutes. Setting a new password signs you out everywhere else.`,
        "If you did not ask for this, ignore this mail: your password stays as it is.",
      ],
    }),
  },
  ja: {
    invitation: (f: InvitationFacts): Wording => ({
      subject: f.inviterName ? `${f.inviterName} さんから Pitchside への招待` : "Pitchside への招待",
      before: [
        `${f.inviterName ? `${f.inviterName} さん` : "管理者"}から、${f.teamName ? `チーム「${f.teamName}」の` : ""}${roleNames.ja[f.role]}として Pitchside に招待されました。`,
        "下のリンクを開いて、名前とパスワードを設定してください。",
      ],
      button: "招待を受ける",
      after: [
        `このリンクは 1 回だけ使え、${f.days} 日後に無効になります。`,
        "心当たりのない場合は、このメールを無視してください。",
      ],
    }),
    reset: (f: ResetFacts): Wording => ({
      subject: "Pitchside パスワードの再設定",
      before: [`${f.name} さん`, "Pitchside アカウントのパスワード再設定が依頼されました。"],
      button: "新しいパスワードを設定する",
      after: [
        `このリンクは 1 回だけ使え、${f.minutes} 分後に無効になります。新しいパスワードを設定すると、ほかの端末ではすべてログアウトします。`,
        "依頼した覚えがない場合は、このメールを無視してください。パスワードは変わりません。",
      ],
    }),
  },
} as const;

function compose(w: Wording, link: string, locale: MailLocale): AccountMessage {
  const text = [...w.before, "", `${w.button}: ${link}`, "", ...w.after, ""].join("\n");
  const paragraph = (p: string) => `<p>${escapeHtml(p)}</p>`;
  const html = [
    `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif;line-height:1.5">`,
    ...w.before.map(paragraph),
    `<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 16px;background:#4c6ef5;color:#fff;border-radius:4px;text-decoration:none">${escapeHtml(w.button)}</a></p>`,
    `<p style="font-size:12px;color:#666">${escapeHtml(link)}</p>`,
    ...w.after.map(paragraph),
    "</body></html>",
  ].join("\n");
  return { subject: w.subject, text, html };
}

export const invitationMessage = (facts: InvitationFacts, locale: MailLocale): AccountMessage =>
  compose(wording[locale].invitation(facts), facts.link, locale);

export const resetMessage = (facts: ResetFacts, locale: MailLocale): AccountMessage =>
  compose(wording[locale].reset(facts), facts.link, locale);
