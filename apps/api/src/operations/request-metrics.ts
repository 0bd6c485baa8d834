import type { NextFunction, Request, Response } from "express";
import { appRouter } from "../app-router";
import type { AppMetrics } from "./metrics";

const procedures = new Set(Object.keys(appRouter._def.procedures));

/** The tRPC procedure a URL calls, if it is one of ours: a made-up name must not become a label. */
function procedureLabel(pathname: string): string {
  const names = decodeURIComponent(pathname.slice("/trpc/".length)).split(",");
  if (!names.every((name) => procedures.has(name))) return "trpc:unknown";
  // a batch's names differ with each page's calls: one label for all of them keeps the series few
  return names.length === 1 ? `trpc:${names[0]}` : "trpc:batch";
}

/**
 * What a request is counted under: the route's pattern (`/s/:token`, never the token), the
 * procedure's name, or a class (static file, not found). Never the raw URL: it can carry tokens and
 * what people typed, and each distinct URL would be a series of its own.
 */
export function routeLabel(req: Request, status: number): string {
  const pathname = (req.originalUrl.split("?")[0] ?? "").replace(/\/+$/, "");
  if (pathname.startsWith("/trpc/")) {
    try {
      return procedureLabel(pathname);
    } catch {
      return "trpc:unknown"; // a malformed escape
    }
  }
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (typeof route?.path === "string") return `${req.baseUrl}${route.path}`;
  if (route) return "portal"; // the single-page app's catch-all (a pattern, not a string)
  return status === 404 ? "not_found" : "static";
}

/** Times every request into the latency histogram once its response is sent. */
export function requestMetrics(metrics: AppMetrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const end = metrics.requestSeconds.startTimer();
    res.once("finish", () => {
      end({ method: req.method, route: routeLabel(req, res.statusCode), status: String(res.statusCode) });
    });
    next();
  };
}
