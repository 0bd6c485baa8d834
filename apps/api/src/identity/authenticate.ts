import type { Request, Response } from "express";
import type { AppDeps } from "../deps";
import { type Context, createContextInner } from "../trpc/context";
import { userForBearer, userForSession } from "./auth-service";
import { offeredCredential } from "./request-credential";
import { clearSessionCookie, setSessionCookie } from "./session-cookie";

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
