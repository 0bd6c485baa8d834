import { createHash, createHmac, randomBytes } from "node:crypto";

/** 256 random bits, URL-safe; what the client holds. */
export function newSecretToken(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** What the database holds: a lookup key that cannot be turned back into the token. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * A mailed link's token, signed from the row it opens: the mail job can write it again on a retry
 * without the database ever holding it, and nobody can make one without the server's secret.
 */
export function signedLinkToken(secret: string, purpose: "invite" | "reset", id: string): string {
  return createHmac("sha256", secret).update(`${purpose}:${id}`).digest("base64url");
}
