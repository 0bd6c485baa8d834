import { type NextFunction, type Request, type Response, Router } from "express";
import { DEFAULT_BODY_LIMIT, formatBytes, limitedBody } from "../body-limit";
import type { AppDeps } from "../deps";
import { discoveryList, serviceProviderConfig } from "./scim-discovery";
import {
  badRequest,
  ERROR_SCHEMA,
  notFound,
  ScimError,
  sendScim,
  sendScimError,
  sendScimFailure,
} from "./scim-errors";
import { parseFilter } from "./scim-filter";
import {
  createScimGroup,
  deleteScimGroup,
  getScimGroup,
  listScimGroups,
  patchScimGroup,
  replaceScimGroup,
  toScimGroups,
} from "./scim-groups";
import { readPatch } from "./scim-patch";
import { DEFAULT_PAGE, listResponse, MAX_PAGE, type Page, SCIM_PATH, scimBaseUrl } from "./scim-resources";
import { scimTokenMatches } from "./scim-token";
import {
  createScimUser,
  deleteScimUser,
  getScimUser,
  listScimUsers,
  patchScimUser,
  replaceScimUser,
  toScimUser,
} from "./scim-users";

type Handler = (req: Request, res: Response) => Promise<void>;
const handle = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => {
  fn(req, res).catch(next);
};

const query = (req: Request, name: string): string | undefined => {
  const v = req.query[name];
  return typeof v === "string" ? v : undefined;
};

function readPage(req: Request): Page {
  const number = (name: string, fallback: number) => {
    const raw = query(req, name);
    if (raw === undefined || raw === "") return fallback;
    if (!/^-?\d{1,9}$/.test(raw)) throw badRequest("invalidValue", `${name}: an integer was expected`);
    return Number(raw);
  };
  // RFC 7644 §3.4.2.4: a startIndex below 1 counts as 1, a negative count as 0
  return {
    startIndex: Math.max(1, number("startIndex", 1)),
    count: Math.min(MAX_PAGE, Math.max(0, number("count", DEFAULT_PAGE))),
  };
}

/** `excludedAttributes=members` (Entra ID asks so for large groups). */
const excludesMembers = (req: Request) =>
  (query(req, "excludedAttributes") ?? "").split(",").some((a) => a.trim().toLowerCase() === "members");

function readJson(req: Request): unknown {
  const body = typeof req.body === "string" ? req.body : "";
  try {
    return JSON.parse(body);
  } catch {
    throw badRequest("invalidSyntax", "body: not valid JSON");
  }
}

/** The bearer token an admin set (Admin → Provisioning); anything else is a SCIM 401. */
function requireScimToken(deps: AppDeps) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    try {
      const token = /^bearer[ \t]+([^ \t]+)[ \t]*$/i.exec(req.headers.authorization ?? "")?.[1];
      if (token && (await scimTokenMatches(deps.database.db, token))) return next();
      throw new ScimError(
        "UNAUTHORIZED",
        "A valid SCIM bearer token is required (Admin → Provisioning)",
        undefined,
        { "WWW-Authenticate": 'Bearer realm="SCIM"' },
      );
    } catch (err) {
      next(err);
    }
  };
}

/** Users, Groups and discovery under /scim/v2 (docs/scim.md). */
export function scimRoutes(deps: AppDeps) {
  const db = () => deps.database.db;
  const { bus } = deps;
  const base = scimBaseUrl(deps.config.publicUrl);
  const api = Router({ caseSensitive: false });

  api.get(
    "/ServiceProviderConfig",
    handle(async (_req, res) => sendScim(res, 200, serviceProviderConfig(base, DEFAULT_BODY_LIMIT))),
  );
  for (const kind of ["ResourceTypes", "Schemas"] as const) {
    api.get(
      `/${kind}`,
      handle(async (_req, res) => sendScim(res, 200, discoveryList(kind, base))),
    );
    api.get(
      `/${kind}/:id`,
      handle(async (req, res) => {
        const found = discoveryList(kind, base, String(req.params.id));
        if (!found) throw notFound(kind === "Schemas" ? "Schema" : "ResourceType", String(req.params.id));
        sendScim(res, 200, found);
      }),
    );
  }

  const sendUser = async (res: Response, status: number, id: string) => {
    const row = await getScimUser(db(), id);
    res.setHeader("Location", `${base}/Users/${id}`);
    sendScim(res, status, toScimUser(row, base));
  };
  api.get(
    "/Users",
    handle(async (req, res) => {
      const filter = parseFilter(query(req, "filter"));
      const page = readPage(req);
      const { total, rows } = await listScimUsers(db(), filter, page);
      sendScim(
        res,
        200,
        listResponse(
          rows.map((r) => toScimUser(r, base)),
          total,
          page,
        ),
      );
    }),
  );
  api.get(
    "/Users/:id",
    handle((req, res) => sendUser(res, 200, String(req.params.id))),
  );
  api.post(
    "/Users",
    handle(async (req, res) => {
      const { id } = await createScimUser(db(), bus, readJson(req));
      await sendUser(res, 201, id);
    }),
  );
  api.put(
    "/Users/:id",
    handle(async (req, res) => {
      const id = String(req.params.id);
      await replaceScimUser(db(), bus, id, readJson(req));
      await sendUser(res, 200, id);
    }),
  );
  api.patch(
    "/Users/:id",
    handle(async (req, res) => {
      const id = String(req.params.id);
      await patchScimUser(db(), bus, id, readPatch(readJson(req)));
      await sendUser(res, 200, id);
    }),
  );
  api.delete(
    "/Users/:id",
    handle(async (req, res) => {
      await deleteScimUser(db(), bus, String(req.params.id));
      res.status(204).end();
    }),
  );

  const sendGroup = async (req: Request, res: Response, status: number, id: string) => {
    const row = await getScimGroup(db(), id);
    const [group] = await toScimGroups(db(), [row], base, !excludesMembers(req));
    res.setHeader("Location", `${base}/Groups/${id}`);
    sendScim(res, status, group);
  };
  api.get(
    "/Groups",
    handle(async (req, res) => {
      const filter = parseFilter(query(req, "filter"));
      const page = readPage(req);
      const { total, rows } = await listScimGroups(db(), filter, page);
      const groups = await toScimGroups(db(), rows, base, !excludesMembers(req));
      sendScim(res, 200, listResponse(groups, total, page));
    }),
  );
  api.get(
    "/Groups/:id",
    handle((req, res) => sendGroup(req, res, 200, String(req.params.id))),
  );
  api.post(
    "/Groups",
    handle(async (req, res) => {
      const id = await createScimGroup(db(), bus, readJson(req));
      await sendGroup(req, res, 201, id);
    }),
  );
  api.put(
    "/Groups/:id",
    handle(async (req, res) => {
      const id = String(req.params.id);
      await replaceScimGroup(db(), bus, id, readJson(req));
      await sendGroup(req, res, 200, id);
    }),
  );
  api.patch(
    "/Groups/:id",
    handle(async (req, res) => {
      const id = String(req.params.id);
      await patchScimGroup(db(), bus, id, readPatch(readJson(req)));
      await sendGroup(req, res, 200, id);
    }),
  );
  api.delete(
    "/Groups/:id",
    handle(async (req, res) => {
      await deleteScimGroup(db(), bus, String(req.params.id));
      res.status(204).end();
    }),
  );

  api.use((req: Request) => {
    throw new ScimError("NOT_FOUND", `No SCIM endpoint ${req.method} ${SCIM_PATH}${req.path}`);
  });
  // SCIM's own error body for all of /scim/v2, the token check included.
  // Express needs all four parameters to see an error handler.
  const scimErrors = (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ScimError) return sendScimFailure(res, err);
    if (isUniqueViolation(err)) return sendScimError(res, 409, "That value is already taken", "uniqueness");
    (req.log ?? deps.logger).error({ err }, "SCIM request failed");
    if (!res.headersSent) sendScimError(res, 500, "Internal server error");
  };

  const router = Router();
  router.use(
    SCIM_PATH,
    requireScimToken(deps),
    limitedBody({
      limit: DEFAULT_BODY_LIMIT,
      as: "text",
      refusal: (limit) => ({
        schemas: [ERROR_SCHEMA],
        status: "413",
        detail: `body: larger than ${formatBytes(limit)}`,
      }),
    }),
    api,
    scimErrors,
  );
  return router;
}

/** Postgres's unique_violation, however the driver wraps it. */
function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth += 1) {
    if (typeof e === "object" && (e as { code?: unknown }).code === "23505") return true;
    e = typeof e === "object" ? (e as { cause?: unknown }).cause : undefined;
  }
  return false;
}
