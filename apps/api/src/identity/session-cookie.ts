import { parseCookie } from "cookie";
import type { Request, Response } from "express";

export const SESSION_COOKIE = "pitchside_session";

export function readSessionCookie(req: Request): string | undefined {
  const header = req.headers.cookie;
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

export function setSessionCookie(res: Response, token: string, expiresAt: Date, secure: boolean) {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    expires: expiresAt,
  });
}

export function clearSessionCookie(res: Response, secure: boolean) {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "lax", secure, path: "/" });
}

/**
 * State-changing requests that ride on the cookie must come from our own
 * origin (or PUBLIC_URL's): a cross-site form cannot post with the session.
 * The Origin header decides; without one, the Referer's origin.
 */
export function originAllowed(req: Request, publicUrl: string): boolean {
  const origin = req.headers.origin ?? refererOrigin(req.headers.referer);
  if (!origin) return false;
  const own = `${req.protocol}://${req.headers.host ?? ""}`;
  return origin === own || origin === new URL(publicUrl).origin;
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer || !URL.canParse(referer)) return undefined;
  return new URL(referer).origin;
}
