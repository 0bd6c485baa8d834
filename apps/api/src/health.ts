import type { Request, Response } from "express";
import { pendingMigrations } from "./db/migration-status";
import type { AppDeps } from "./deps";

const withTimeout = <T>(p: Promise<T>, ms: number) => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
};

async function probe(check: () => Promise<unknown>): Promise<"ok" | "down"> {
  try {
    await withTimeout(check(), 2000);
    return "ok";
  } catch {
    return "down";
  }
}

async function migrationsCurrent(deps: AppDeps): Promise<void> {
  const pending = await pendingMigrations(deps.database.db);
  if (pending > 0) throw new Error(`${pending} migrations not applied`);
}

/**
 * GET /health/live: the process is up and answering. Only a shutdown turns it to 503; a database
 * or search outage does not (restarting the process would not mend either).
 */
export function liveHandler(deps: AppDeps) {
  return (_req: Request, res: Response) => {
    res.setHeader("Cache-Control", "no-store");
    if (deps.lifecycle.draining) res.status(503).json({ status: "shutting_down" });
    else res.json({ status: "ok" });
  };
}

/**
 * GET /health/ready (and /health): whether to send this process traffic. The database and
 * Meilisearch answer, the schema has every migration this build ships, and no shutdown is under way;
 * a 503 names the part that is down.
 */
export function readyHandler(deps: AppDeps) {
  return async (_req: Request, res: Response) => {
    res.setHeader("Cache-Control", "no-store");
    if (deps.lifecycle.draining) {
      res.status(503).json({ status: "shutting_down" });
      return;
    }
    const [db, search, migrations] = await Promise.all([
      probe(() => deps.database.ping()),
      probe(() => deps.searchIndex.client.health()),
      probe(() => migrationsCurrent(deps)),
    ]);
    const parts = {
      db,
      search,
      migrations: db === "down" ? "unknown" : migrations === "ok" ? "current" : "pending",
    };
    const ok = db === "ok" && search === "ok" && migrations === "ok";
    res.status(ok ? 200 : 503).json({ status: ok ? "ok" : "degraded", ...parts });
  };
}
