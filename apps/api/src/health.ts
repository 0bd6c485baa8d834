import type { Request, Response } from "express";
import type { AppDeps } from "./deps";

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms))]);

async function probe(check: () => Promise<unknown>): Promise<"ok" | "down"> {
  try {
    await withTimeout(check(), 2000);
    return "ok";
  } catch {
    return "down";
  }
}

export function healthHandler(deps: AppDeps) {
  return async (_req: Request, res: Response) => {
    const [db, search] = await Promise.all([
      probe(() => deps.database.ping()),
      probe(() => deps.searchIndex.client.health()),
    ]);
    const ok = db === "ok" && search === "ok";
    res.status(ok ? 200 : 503).json({ status: ok ? "ok" : "degraded", db, search });
  };
}
