import type { Request } from "express";
import { readSessionCookie } from "./session-cookie";

/** What a request offers to sign in with; `unusable` is an Authorization header that is no bearer token. */
export type OfferedCredential =
  | { kind: "bearer"; token: string }
  | { kind: "cookie"; token: string }
  | { kind: "unusable" };

/**
 * The one credential a request is judged by. A request with an Authorization header is judged by that
 * header alone (a bearer token, the scheme in any case), never by its cookie: falling back would let a
 * junk header switch the Origin check off while the cookie still signs the caller in.
 */
export function offeredCredential(req: Request): OfferedCredential | null {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const token = /^bearer[ \t]+([^ \t]+)[ \t]*$/i.exec(header)?.[1];
    return token ? { kind: "bearer", token } : { kind: "unusable" };
  }
  const cookie = readSessionCookie(req);
  return cookie ? { kind: "cookie", token: cookie } : null;
}
