import type { Db } from "../db/client";
import type { AppDeps } from "../deps";
import type { Credential } from "../identity/auth-service";
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
