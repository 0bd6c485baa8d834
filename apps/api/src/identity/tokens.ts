import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, URL-safe; what the client holds. */
export function newSecretToken(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** What the database holds: a lookup key that cannot be turned back into the token. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
