/** The controls a share link carries, as the share dialog edits them and `shares.create` takes them. */
export interface LinkControlValues {
  dealId: string | null;
  recipientEmail: string;
  name: string;
  /** `YYYY-MM-DD`, or empty for no expiry. */
  expiresOn: string;
  allowDownload: boolean;
  requireEmail: boolean;
  passcode: string;
  version: "latest" | "pinned";
}

export const noControls: LinkControlValues = {
  dealId: null,
  recipientEmail: "",
  name: "",
  expiresOn: "",
  allowDownload: false,
  requireEmail: false,
  passcode: "",
  version: "latest",
};

/** Today as `YYYY-MM-DD` in the browser's time zone, the earliest day a link may run until. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The form as `shares.create` takes it: empty fields left out, an expiry day running to its end. */
export function linkControlsInput(v: LinkControlValues) {
  const text = (s: string) => s.trim() || undefined;
  return {
    dealId: v.dealId ?? undefined,
    recipientEmail: text(v.recipientEmail),
    name: text(v.name),
    // the link works through the chosen day, in the sender's time zone
    expiresAt: v.expiresOn ? new Date(`${v.expiresOn}T23:59:59`).toISOString() : undefined,
    allowDownload: v.allowDownload,
    requireEmail: v.requireEmail,
    passcode: v.passcode || undefined,
    pinVersion: v.version === "pinned",
  };
}
