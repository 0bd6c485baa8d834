import { existsSync } from "node:fs";
import path from "node:path";
import { createExpressMiddleware } from "@trpc/server/adapters/express";
import express, { type NextFunction, type Request, type Response } from "express";
import { pinoHttp } from "pino-http";
import { appRouter } from "./app-router";
import { downloadRoutes } from "./assets/download-route";
import { uploadRoutes } from "./assets/upload-route";
import { limitedBody } from "./body-limit";
import { crmWebhookRoutes } from "./deals/crm-webhook-route";
import type { AppDeps } from "./deps";
import { AppError, retryAfterOf, sendAppError } from "./errors";
import { liveHandler, readyHandler } from "./health";
import { createExpressContext } from "./identity/authenticate";
import { extensionConnectRoutes } from "./identity/extension-connect-routes";
import { refuseCrossSiteCookies } from "./identity/http-auth";
import { oidcRoutes } from "./identity/oidc-routes";
import { LARGEST_TRPC_BODY, trpcBodyLimit, trpcTooLarge } from "./identity/role-body-limits";
import { metricsRoutes } from "./operations/metrics-route";
import { requestMetrics } from "./operations/request-metrics";
import { portalHeaders } from "./portal-headers";
import { portalStatic } from "./portal-static";
import { scimRoutes } from "./scim/scim-routes";
import { viewerRoutes } from "./shares/viewer-route";

/** The logged path: no query string (what people typed) and no share tokens (they grant access). */
export const redactPath = (url: string) =>
  (url.split("?")[0] ?? "")
    .replace(/^\/s\/(?!_\/)[^/]+/, "/s/:token")
    .replace(/^\/api\/v\/[^/]+/, "/api/v/:token");

/** Probes and scrapes: a load balancer and Prometheus ask every few seconds, a line each would drown the log. */
const OPERATIONS_PATHS = new Set(["/health", "/health/live", "/health/ready", "/metrics"]);
/** The portal's files (`/assets/index-3f9c.js`, `/favicon.svg`): a page load fetches dozens. */
const STATIC_FILE = /^\/(?!api\/|trpc\/|s\/)\S*\.[a-z0-9]+$/i;

/** Requests without a log line of their own; the latency histogram still counts them. */
const quietRequest = (req: { url?: string; method?: string }) => {
  const pathname = (req.url ?? "").split("?")[0] ?? "";
  if (OPERATIONS_PATHS.has(pathname)) return true;
  return (req.method === "GET" || req.method === "HEAD") && STATIC_FILE.test(pathname);
};

/** Builds the Express app; does not listen (main.ts and the tests do). */
export function createApp(deps: AppDeps) {
  const app = express();
  app.disable("x-powered-by");
  // the client's address (sign-in throttling, viewer limits) comes from X-Forwarded-For only via TRUST_PROXY
  app.set("trust proxy", deps.config.trustProxy);

  app.use(requestMetrics(deps.metrics));
  app.use((_req: Request, res: Response, next: NextFunction) => {
    // shutting down: a keep-alive client opens its next connection elsewhere
    if (deps.lifecycle.draining) res.setHeader("Connection", "close");
    next();
  });
  app.use(
    pinoHttp({
      logger: deps.logger,
      // a request line without the query string: tRPC inputs may carry what people typed
      serializers: {
        req: (req: { method: string; url: string; id: unknown }) => ({
          id: req.id,
          method: req.method,
          path: redactPath(req.url),
        }),
      },
      autoLogging: { ignore: quietRequest },
    }),
  );

  app.get("/health/live", liveHandler(deps));
  app.get(["/health", "/health/ready"], readyHandler(deps));
  app.use(metricsRoutes(deps.metrics, deps.config.metrics.token));
  // The public viewer and its beacon act for no signed-in user (a signed-in reader is simply not
  // counted), so the Origin check has nothing to protect there and would only drop beacons.
  app.use(viewerRoutes(deps));

  app.use(["/trpc", "/api"], refuseCrossSiteCookies(deps));

  app.use(oidcRoutes(deps));
  app.use(extensionConnectRoutes(deps));
  app.use(uploadRoutes(deps, deps.storage, () => deps.jobs.kick()));
  app.use(downloadRoutes(deps, deps.storage));
  app.use(crmWebhookRoutes(deps));
  // an identity provider's calls, judged by the SCIM bearer token alone (no cookies)
  app.use(scimRoutes(deps));

  app.use(
    "/trpc",
    // read here, within the call's limit, so tRPC's adapter finds the body already read
    limitedBody({ limit: trpcBodyLimit(deps), as: "text", refusal: trpcTooLarge }),
    createExpressMiddleware({
      router: appRouter,
      createContext: createExpressContext(deps),
      // queries may also come as POST with the input in the body: the extension sends what it derives
      // from a page that way, so it never sits in a URL (proxy and server logs, history)
      allowMethodOverride: true,
      maxBodySize: LARGEST_TRPC_BODY,
      // a throttled call says when to come back, as the plain routes' 429s do
      responseMeta: ({ errors }) => {
        const seconds = retryAfterOf(errors);
        return seconds === undefined ? {} : { headers: { "Retry-After": String(seconds) } };
      },
      onError: ({ error, path: procedure, req }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") {
          (req.log ?? deps.logger).error({ err: error.cause ?? error, procedure }, "procedure failed");
        }
      },
    }),
  );

  const portal = deps.config.portalDir;
  if (existsSync(path.join(portal, "index.html"))) {
    app.use(portalHeaders);
    app.use(portalStatic(portal));
  }

  app.use(() => {
    throw new AppError("NOT_FOUND", "Not found");
  });
  // Express needs all four parameters to see an error handler.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    // expected: answered with its status, not logged (a route that must answer a page or SCIM's body has its own)
    if (err instanceof AppError && !res.headersSent) return sendAppError(res, err);
    (req.log ?? deps.logger).error({ err }, "request failed");
    if (!res.headersSent) res.status(500).json({ error: "Internal server error" });
  });
  return app;
}
