import { createHmac, timingSafeEqual } from "node:crypto";
import { parseCookie } from "cookie";
import type { Request, Response } from "express";
import { z } from "zod";

/**
 * The sign-in in flight between /start and /callback: state, nonce and the PKCE verifier, in a
 * cookie signed with the session secret. No table: any API process can finish what another began,
 * and an abandoned sign-in leaves nothing behind. httpOnly (scripts never see it), SameSite=Lax (the
 * provider's redirect back is a top-level GET, which Lax lets through), scoped to the callback path,
 * ten minutes long, and cleared by the callback whatever its outcome.
 */
export const OIDC_COOKIE = "pitchside_oidc";
const COOKIE_PATH = "/api/auth/oidc";
export const TRANSACTION_TTL_MS = 10 * 60_000;

const transactionSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  redirectUri: z.string(),
  /** Where the portal goes once signed in: a path of ours, never another site. */
  returnTo: z.string(),
  expiresAt: z.number(),
});
export type OidcTransaction = z.infer<typeof transactionSchema>;

const mac = (secret: string, payload: string) =>
  createHmac("sha256", `oidc-transaction:${secret}`).update(payload).digest("base64url");

export function setTransactionCookie(res: Response, secret: string, tx: OidcTransaction, secure: boolean) {
  const payload = Buffer.from(JSON.stringify(tx)).toString("base64url");
  res.cookie(OIDC_COOKIE, `${payload}.${mac(secret, payload)}`, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: COOKIE_PATH,
    maxAge: TRANSACTION_TTL_MS,
  });
}

export function clearTransactionCookie(res: Response, secure: boolean) {
  res.clearCookie(OIDC_COOKIE, { httpOnly: true, sameSite: "lax", secure, path: COOKIE_PATH });
}

/** The transaction this browser started, if its cookie is ours, intact and not expired. */
export function readTransactionCookie(req: Request, secret: string): OidcTransaction | undefined {
  const raw = req.headers.cookie ? parseCookie(req.headers.cookie)[OIDC_COOKIE] : undefined;
  const [payload, signature, ...rest] = (raw ?? "").split(".");
  if (!payload || !signature || rest.length > 0) return undefined;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  const parsed = transactionSchema.safeParse(decoded);
  if (!parsed.success || parsed.data.expiresAt < Date.now()) return undefined;
  return parsed.data;
}

/** A return path of ours: starts with one slash (not `//host`, not `/\host`), else the portal's home. */
export const safeReturnPath = (value: unknown): string =>
  typeof value === "string" && /^\/(?![/\\])/.test(value) && value.length <= 512 ? value : "/";
