import type { Role } from "@pitchside/shared";
import type { NextFunction, Request, Response } from "express";
import type { AppDeps } from "../deps";
import { AppError } from "../errors";
import { authenticate } from "./authenticate";
import { offeredCredential } from "./request-credential";
import { originAllowed, readSessionCookie } from "./session-cookie";
import type { SessionUser } from "./users-service";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cookie-carrying state changes must come from our own origin, whatever other headers they carry:
 * only a request judged by its bearer token (offeredCredential) is let through without, as it signs
 * no one in by the cookie. Queries sent as POST (the extension's) are held to it too.
 */
export function refuseCrossSiteCookies(deps: AppDeps) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const cookieRides = readSessionCookie(req) !== undefined && offeredCredential(req)?.kind !== "bearer";
    if (cookieRides && !SAFE_METHODS.has(req.method) && !originAllowed(req, deps.config.publicUrl)) {
      throw new AppError(
        "FORBIDDEN",
        "Cross-origin request refused: the Origin (or Referer) header is missing or foreign",
      );
    }
    next();
  };
}

/** The plain-Express twin of authedProcedure/roleProcedure; puts the user in res.locals. */
export function requireUser(deps: AppDeps, ...roles: Role[]) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const auth = await authenticate(deps, req);
      if (!auth) throw new AppError("UNAUTHORIZED", "Sign in first");
      if (roles.length > 0 && !roles.includes(auth.user.role)) {
        throw new AppError("FORBIDDEN", `This needs the role ${roles.join(" or ")}`);
      }
      res.locals.user = auth.user;
      next();
    } catch (err) {
      next(err);
    }
  };
}

export const currentUser = (res: Response): SessionUser => res.locals.user as SessionUser;
