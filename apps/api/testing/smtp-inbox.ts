import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** One received mail as a mail client reads it. */
export interface ReceivedMail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
}

export interface SmtpInbox {
  /** The SMTP_URL that reaches it. */
  url: string;
  mails: ReceivedMail[];
  /** The mails to one address, oldest first. */
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

/** A real SMTP server (npm smtp-server) on a free port of 127.0.0.1, keeping every message it accepts. */
export async function startSmtpInbox(): Promise<SmtpInbox> {
  const mails: ReceivedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address).join(","),
            from: parsed.from?.text ?? "",
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
          });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    to: (address) => mails.filter((m) => m.to === address),
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
