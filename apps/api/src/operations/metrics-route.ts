import { timingSafeEqual } from "node:crypto";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { AppError, sendAppError } from "../errors";
import type { AppMetrics } from "./metrics";

const sameToken = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

function serveMetrics(metrics: AppMetrics) {
  return async (_req: Request, res: Response) => {
    res.setHeader("Content-Type", metrics.registry.contentType);
    res.setHeader("Cache-Control", "no-store");
    res.send(await metrics.registry.metrics());
  };
}

/**
 * GET /metrics on the API's own port, for `Authorization: Bearer <METRICS_TOKEN>` only. Without a
 * token configured it answers 404 like any unknown API path (and not the portal's page, which
 * would otherwise take every path it does not know).
 */
export function metricsRoutes(metrics: AppMetrics, token: string | undefined): Router {
  const routes = express.Router();
  if (!token) {
    routes.get("/metrics", () => {
      throw new AppError("NOT_FOUND", "Not found");
    });
    return routes;
  }
  routes.get("/metrics", (req, res, next) => {
    const given = /^Bearer (.+)$/.exec(req.get("authorization") ?? "")?.[1] ?? "";
    if (!sameToken(given, token)) {
      throw new AppError("UNAUTHORIZED", "Unauthorized", undefined, {
        "WWW-Authenticate": 'Bearer realm="metrics"',
      });
    }
    serveMetrics(metrics)(req, res).catch(next);
  });
  return routes;
}

/** The admin listener's app (METRICS_PORT, bound to 127.0.0.1): /metrics and nothing else, no token. */
export function metricsAdminApp(metrics: AppMetrics) {
  const app = express();
  app.disable("x-powered-by");
  app.get("/metrics", (req, res, next) => {
    serveMetrics(metrics)(req, res).catch(next);
  });
  app.use(() => {
    throw new AppError("NOT_FOUND", "Not found");
  });
  // Express needs all four parameters to see an error handler.
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (err instanceof AppError) return sendAppError(res, err);
    next(err);
  });
  return app;
}
