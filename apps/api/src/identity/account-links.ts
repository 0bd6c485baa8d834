import { z } from "zod";
import type { Config } from "../config";
import { AppError } from "../errors";
import { signedLinkToken } from "./tokens";

/** A link's token as procedures take it: 43 base64url characters (an HMAC-SHA256). */
export const linkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "not a link token");

export type LinkPurpose = "invite" | "reset";

/** The portal's pages for each link; the token rides in the fragment, so no server or proxy logs it. */
const pagePath: Record<LinkPurpose, string> = { invite: "/invite", reset: "/reset-password" };

export function accountLink(
  config: Pick<Config, "publicUrl" | "sessionSecret">,
  purpose: LinkPurpose,
  id: string,
) {
  return `${config.publicUrl}${pagePath[purpose]}#${signedLinkToken(config.sessionSecret, purpose, id)}`;
}

/** The parts of an invitation or a reset that decide whether its link still opens. */
export interface LinkRow {
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

const refusals = {
  unknown: ["NOT_FOUND", "linkInvalid", "This link is not valid: ask for a new one"],
  used: ["CONFLICT", "linkUsed", "This link has already been used"],
  revoked: ["CONFLICT", "linkRevoked", "This link was withdrawn: ask for a new one"],
  expired: ["CONFLICT", "linkExpired", "This link has expired: ask for a new one"],
} as const;

export type LinkRefusal = keyof typeof refusals;

/** Why a link no longer opens, as the error the caller gets (reason linkInvalid, linkUsed, …). */
export function linkRefusal(state: LinkRefusal): AppError {
  const [code, reason, message] = refusals[state];
  return new AppError(code, message, { reason });
}

/** Throws why a link no longer opens (unknown, used, withdrawn or expired); returns the row when it does. */
export function openableLink<T extends LinkRow>(row: T | undefined, now = new Date()): T {
  if (!row) throw linkRefusal("unknown");
  if (row.usedAt) throw linkRefusal("used");
  if (row.revokedAt) throw linkRefusal("revoked");
  if (row.expiresAt <= now) throw linkRefusal("expired");
  return row;
}
