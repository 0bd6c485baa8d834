import type { Role } from "@pitchside/shared";
import type { NextFunction, Request, Response } from "express";
import type { AppDeps } from "../deps";
import { authenticate } from "../trpc/context";
import type { SessionUser } from "./users-service";

/** The plain-Express twin of authedProcedure/roleProcedure; puts the user in res.locals. */
export function requireUser(deps: AppDeps, ...roles: Role[]) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const auth = await authenticate(deps, req);
      if (!auth) {
        res.status(401).json({ error: "Sign in first" });
        return;
      }
      if (roles.length > 0 && !roles.includes(auth.user.role)) {
        res.status(403).json({ error: `This needs the role ${roles.join(" or ")}` });
        return;
      }
      res.locals.user = auth.user;
      next();
    } catch (err) {
      next(err);
    }
  };
}

export const currentUser = (res: Response): SessionUser => res.locals.user as SessionUser;
