import type { Request, Response } from "express";
import type { Db } from "../db/client";
import type { AppDeps } from "../deps";
import { type Credential, userForBearer, userForSession } from "../identity/auth-service";
import { offeredCredential } from "../identity/request-credential";
import { clearSessionCookie, setSessionCookie } from "../identity/session-cookie";
import type { SessionUser } from "../identity/users-service";
import type { Logger } from "../logger";

export interface Context {
  deps: AppDeps;
  db: Db;
  log: Logger;
  user: SessionUser | null;
  credential: Credential | null;
  ip: string;
  /** The client's User-Agent header, as a new session records it. */
  userAgent: string | null;
  /** Cookie side effects; no-ops outside HTTP. */
  cookies: { setSession(token: string, expiresAt: Date): void; clearSession(): void };
}

const noCookies: Context["cookies"] = { setSession: () => undefined, clearSession: () => undefined };

/** The context without HTTP: what tests call directly. */
export function createContextInner(
  deps: AppDeps,
  opts: Partial<Pick<Context, "user" | "credential" | "ip" | "userAgent" | "cookies" | "log">> = {},
): Context {
  return {
    deps,
    db: deps.database.db,
    log: opts.log ?? deps.logger,
    user: opts.user ?? null,
    credential: opts.credential ?? null,
    ip: opts.ip ?? "127.0.0.1",
    userAgent: opts.userAgent ?? null,
    cookies: opts.cookies ?? noCookies,
  };
}

/** Who is calling: a bearer token (extension) or the portal's session cookie, never one for the other. */
export async function authenticate(deps: AppDeps, req: Request) {
  const offered = offeredCredential(req);
  if (offered?.kind === "bearer") return userForBearer(deps.database.db, offered.token);
  if (offered?.kind === "cookie") return userForSession(deps.database.db, offered.token);
  return null;
}

export function createExpressContext(deps: AppDeps) {
  return async ({ req, res }: { req: Request; res: Response }): Promise<Context> => {
    const auth = await authenticate(deps, req);
    const secure = deps.config.publicUrl.startsWith("https:");
    return createContextInner(deps, {
      user: auth?.user ?? null,
      credential: auth?.credential ?? null,
      ip: req.ip ?? "unknown",
      userAgent: req.get("user-agent") ?? null,
      log: req.log ?? deps.logger,
      cookies: {
        setSession: (token, expiresAt) => setSessionCookie(res, token, expiresAt, secure),
        clearSession: () => clearSessionCookie(res, secure),
      },
    });
  };
}
