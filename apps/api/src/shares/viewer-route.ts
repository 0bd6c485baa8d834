import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { emailSchema } from "@pitchside/shared/schemas";
import express, { type NextFunction, type Request, type Response, Router } from "express";
import { pickLanguage, type ViewerLang } from "../accept-language";
import { pageUnitOf } from "../assets/asset-dto";
import { KB, limitedBody } from "../body-limit";
import type { AppDeps } from "../deps";
import { AppError, replyStatus, sendAppError, statusOf } from "../errors";
import { readSmallFile } from "../files/storage";
import { presignsDownloads, sendStoredFile } from "../files/stored-delivery";
import { userForSession } from "../identity/auth-service";
import { verifyPassword } from "../identity/passwords";
import { readSessionCookie } from "../identity/session-cookie";
import {
  checkRoomBeacons,
  checkShareBeacons,
  clientHash,
  clientVisitorKey,
  ingestShareBeacons,
  ipHash,
  parseBeacons,
  roomOpened,
} from "../tracking/beacons";
import { isBot } from "../tracking/bots";
import { admitBeacon, type BeaconLimits, newBeaconLimits } from "./beacon-limits";
import { type FoundLink, LinkFinder } from "./link-finder";
import { giveGatePass, readGatePass } from "./link-gate";
import { type FoundShare, gateOf, isGone, kindOf, originalAllowed, readableKey } from "./public-link";
import { roomItems } from "./rooms-service";
import { renderMarkdown } from "./safe-markdown";
import { goneLink, type LiveLink, liveLink } from "./share-lookup";
import { shareTokenPattern } from "./shares-service";
import { gatePage, messagePage, roomPage, viewerPage } from "./viewer-page";

const here = path.dirname(fileURLToPath(import.meta.url));
const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
const staticFiles: Record<string, string> = {
  "viewer.js": path.join(here, "viewer-client.js"),
  "pdf.mjs": path.join(pdfjsRoot, "build/pdf.min.mjs"),
  "pdf.worker.mjs": path.join(pdfjsRoot, "build/pdf.worker.min.mjs"),
};
const pdfjsDirs: Record<string, string> = {
  standard_fonts: path.join(pdfjsRoot, "standard_fonts"),
  wasm: path.join(pdfjsRoot, "wasm"),
};

export const DEFAULT_FLUSH_MS = 5000;
export const IDLE_MS = 30_000;
const MAX_MARKDOWN_BYTES = 2 * 1024 * 1024;

function pageHeaders(res: Response, nonce: string) {
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      `style-src 'self' 'nonce-${nonce}'`,
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "worker-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
  );
  res.setHeader("X-Robots-Tag", "noindex, nofollow");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Vary", "Accept-Language, User-Agent");
  res.type("html");
}

/** A request to show a response as a document (the address bar, a frame, an embed), as browsers say it. */
function opensAsPage(req: Request): boolean {
  const dest = req.get("sec-fetch-dest");
  return (
    req.get("sec-fetch-mode") === "navigate" ||
    (dest !== undefined && ["document", "iframe", "frame", "object", "embed"].includes(dest))
  );
}

function sendStatic(res: Response, file: string, maxAge: number) {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Cache-Control", `public, max-age=${maxAge}`);
  if (/\.m?js$/.test(file)) res.type("text/javascript");
  // pnpm keeps packages under node_modules/.pnpm: a dot directory `send` refuses by default
  res.sendFile(file, { dotfiles: "allow" });
}

/** What the :token parameter found (set by the router's param handler). */
const linkOf = (res: Response) => res.locals.link as FoundLink;

/** How a viewer route answers: the beacon JSON, the link's page and its gate a page, the rest (files) text. */
function answerFormat(req: Request): "json" | "page" | "text" {
  if (req.path.startsWith("/api/")) return "json";
  return /^\/s\/[^/]+(\/unlock)?$/.test(req.path) ? "page" : "text";
}

/**
 * The viewer's AppErrors, in the form the request expects: JSON for the beacon, a page in the
 * reader's language (404, 410, 429) for the link's page and gate, plain text for files.
 */
function viewerErrors(err: unknown, req: Request, res: Response, next: NextFunction) {
  if (!(err instanceof AppError) || res.headersSent) return next(err);
  const format = answerFormat(req);
  if (format === "json") return sendAppError(res, err);
  const status = statusOf(err);
  if (format === "page" && (status === 404 || status === 410 || status === 429)) {
    const nonce = randomBytes(16).toString("base64");
    pageHeaders(res, nonce);
    return void replyStatus(res, err).send(
      messagePage(pickLanguage(req.get("accept-language")), nonce, status),
    );
  }
  replyStatus(res, err).type("text").send(err.message);
}

/**
 * The public viewer: GET /s/:token (page), /s/:token/file (bytes), /s/_/* (its
 * scripts), and the beacon POST /api/v/:token/events.
 */
export function viewerRoutes(deps: AppDeps, opts: { limits?: BeaconLimits; links?: LinkFinder } = {}) {
  const router = Router();
  const limits = opts.limits ?? newBeaconLimits(deps.limiters);
  const db = deps.database.db;
  const links = opts.links ?? new LinkFinder(db, deps.limiters);

  // every :token route looks its token up once, here: unknown tokens are remembered and budgeted
  router.param("token", async (req, res, next, token: string) => {
    try {
      const found = await links.find(token, req.ip ?? "");
      if (!("limited" in found)) {
        res.locals.link = found;
        return next();
      }
      throw new AppError(
        "TOO_MANY_REQUESTS",
        answerFormat(req) === "json"
          ? "Too many unknown links from your address; try again in a minute"
          : "Too many requests; try again in a minute",
        undefined,
        { "Retry-After": String(found.retryAfterSeconds) },
      );
    } catch (err) {
      next(err);
    }
  });

  router.get("/s/_/:file", (req, res, next) => {
    const file = staticFiles[String(req.params.file)];
    if (!file) return next();
    sendStatic(res, file, 3600);
  });
  router.get("/s/_/:dir/:file", (req, res, next) => {
    const dir = pdfjsDirs[String(req.params.dir)];
    const name = String(req.params.file);
    if (!dir || !/^[A-Za-z0-9_.-]+$/.test(name) || name.startsWith(".")) return next();
    const file = path.join(dir, name);
    if (!existsSync(file)) return next();
    sendStatic(res, file, 86_400);
  });

  const notFound = () => new AppError("NOT_FOUND", "Not found");
  const notPassed = () => new AppError("FORBIDDEN", "Open the link first");

  /** Where a visitor who must pass the gate is sent, or null when they may read. */
  const gateCheck = (req: Request, found: FoundShare) => {
    const gate = gateOf(found);
    return { gate, ...readGatePass(req, deps.config.sessionSecret, gate) };
  };

  router.get("/s/:token", async (req, res, next) => {
    try {
      const lang = pickLanguage(req.get("accept-language"));
      const nonce = randomBytes(16).toString("base64");
      pageHeaders(res, nonce);
      const token = String(req.params.token);
      const live = liveLink(linkOf(res));
      if (!live.share) return void (await sendRoom(req, res, { token, lang, nonce }, live));
      const found = live.share;
      const gate = gateCheck(req, found);
      if (!gate.passed) {
        return void res.status(200).send(
          gatePage({
            lang,
            nonce,
            token,
            title: found.asset.title,
            sharedBy: found.sharedBy,
            requireEmail: gate.gate.requireEmail,
            passcode: gate.gate.passcodeHash !== null,
          }),
        );
      }
      const kind = kindOf(found);
      let markdownHtml: string | undefined;
      if (kind === "markdown" && found.version.fileKey) {
        const text = await readSmallFile(deps.storage, found.version.fileKey, MAX_MARKDOWN_BYTES);
        markdownHtml = renderMarkdown(text?.toString("utf8") ?? "");
      }
      // knobs for tests and demos: flush faster, or call the reader idle sooner (within sane bounds)
      const flush = Number(req.query.flush);
      const idle = Number(req.query.idle);
      res.status(200).send(
        viewerPage({
          lang,
          nonce,
          token,
          title: found.asset.title,
          sharedBy: found.sharedBy,
          kind,
          ...(markdownHtml !== undefined ? { markdownHtml } : {}),
          ...(kind === "link" && found.asset.url && /^https?:\/\//i.test(found.asset.url)
            ? { linkUrl: found.asset.url }
            : {}),
          allowDownload: found.share.allowDownload,
          pageUnit: pageUnitOf(found.version.kind),
          flushMs:
            Number.isFinite(flush) && flush >= 100 && flush <= 60_000 ? Math.round(flush) : DEFAULT_FLUSH_MS,
          idleMs: Number.isFinite(idle) && idle >= 500 && idle <= IDLE_MS ? Math.round(idle) : IDLE_MS,
          // a crawler or link scanner gets the same page; only its reading is not counted
          track: !isBot(req.get("user-agent")),
          updatedAt: found.version.createdAt,
          room: found.room?.id ? { token: found.room.token, name: found.room.name } : undefined,
        }),
      );
    } catch (err) {
      next(err);
    }
  });

  /** A deal room's page: its note and the live assets it holds. */
  async function sendRoom(
    req: Request,
    res: Response,
    { token, lang, nonce }: { token: string; lang: ViewerLang; nonce: string },
    live: LiveLink & { share: null },
  ) {
    const found = live.room;
    const { room } = found;
    if (!readGatePass(req, deps.config.sessionSecret, live.gate).passed) {
      return void res.status(200).send(
        gatePage({
          lang,
          nonce,
          token,
          title: room.name,
          sharedBy: found.sharedBy,
          requireEmail: room.requireEmail,
          passcode: room.passcodeHash !== null,
        }),
      );
    }
    const items = await roomItems(db, room.id);
    res.status(200).send(
      roomPage({
        lang,
        nonce,
        name: room.name,
        note: room.note,
        sharedBy: found.sharedBy,
        items: items.map((i) => ({ token: i.token, title: i.title, hasThumbnail: i.hasThumbnail })),
        beacon: isBot(req.get("user-agent")) ? null : `/api/v/${token}/events`,
      }),
    );
  }

  /** The gate's form: an email (not verified) and/or a passcode, checked with a throttle per link. */
  router.post(
    "/s/:token/unlock",
    express.urlencoded({ extended: false, limit: "4kb", parameterLimit: 5 }),
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const lang = pickLanguage(req.get("accept-language"));
        const nonce = randomBytes(16).toString("base64");
        pageHeaders(res, nonce);
        const token = String(req.params.token);
        const { gate, title, sharedBy } = liveLink(linkOf(res));
        const body = (req.body ?? {}) as Record<string, unknown>;
        const email = typeof body.email === "string" ? body.email.trim().toLowerCase() : "";
        // not an error reply: the gate's form again, with what was wrong, is the gate's own flow
        const again = (status: number, error: "email" | "passcode" | "busy") =>
          res.status(status).send(
            gatePage({
              lang,
              nonce,
              token,
              title,
              sharedBy,
              requireEmail: gate.requireEmail,
              passcode: gate.passcodeHash !== null,
              error,
              email,
            }),
          );
        if (gate.requireEmail && !emailSchema.safeParse(email).success) return void again(400, "email");
        if (gate.passcodeHash) {
          const tries = await limits.passcodes.take(
            `${gate.id}:${ipHash(deps.config.sessionSecret, req.ip)}`,
          );
          if (!tries.ok) {
            res.setHeader("Retry-After", String(tries.retryAfterSeconds));
            return void again(429, "busy");
          }
          const passcode = typeof body.passcode === "string" ? body.passcode : "";
          if (!(await verifyPassword(gate.passcodeHash, passcode))) return void again(401, "passcode");
        }
        giveGatePass(
          res,
          deps.config.sessionSecret,
          gate,
          email,
          deps.config.publicUrl.startsWith("https://"),
        );
        res.redirect(303, `/s/${token}`);
      } catch (err) {
        next(err);
      }
    },
  );

  /** A link's card picture, for its deal room's list. */
  router.get("/s/:token/thumbnail", async (req, res, next) => {
    try {
      const found = linkOf(res).share;
      const key = found?.version.thumbnailKey;
      if (!found || !key || isGone(found) || !gateCheck(req, found).passed) throw notFound();
      res.setHeader("X-Content-Type-Options", "nosniff");
      res.setHeader("Cache-Control", "private, max-age=300");
      res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
      res.type("image/webp");
      if (!(await sendStoredFile(req, res, deps.storage, key))) throw notFound();
    } catch (err) {
      next(err);
    }
  });

  router.get("/s/:token/file", async (req, res, next) => {
    try {
      res.setHeader("X-Robots-Tag", "noindex, nofollow");
      res.setHeader("Referrer-Policy", "no-referrer");
      res.setHeader("X-Content-Type-Options", "nosniff");
      res.setHeader("Cache-Control", "private, no-store");
      const found = linkOf(res).share;
      const key = found?.version.fileKey;
      if (!found || !key || found.asset.source === "link") throw notFound();
      if (isGone(found)) throw goneLink();
      if (!gateCheck(req, found).passed) throw notPassed();
      const download = req.query.download === "1";
      if (download && !found.share.allowDownload) {
        throw new AppError("FORBIDDEN", "This link does not allow downloads");
      }
      // a no-download link's file is for the viewer's script and tags; opened as a page of its own
      // (the browser's PDF viewer, with its Save button) it is the viewer that opens instead
      if (!found.share.allowDownload && opensAsPage(req)) {
        return void res.redirect(303, `/s/${String(req.params.token)}`);
      }
      const kind = kindOf(found);
      const original = download && originalAllowed(found);
      const servedKey = original ? key : readableKey(found, kind);
      if (!servedKey) throw notFound();
      // nothing served here may run as a page of ours, and no other site may embed it
      res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
      res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
      const asPdf = !original && kind === "pdf";
      const mime = asPdf ? "application/pdf" : (found.version.mimeType ?? "application/octet-stream");
      res.setHeader("Content-Type", /^text\//.test(mime) ? "text/plain; charset=utf-8" : mime);
      const fileName = found.version.fileName ?? "download";
      res.attachment(asPdf ? `${fileName.replace(/\.[^.]+$/, "")}.pdf` : fileName);
      if (!download) {
        res.setHeader(
          "Content-Disposition",
          String(res.getHeader("Content-Disposition")).replace(/^attachment/, "inline"),
        );
      }
      // the viewer's own reading stays on our origin (its pdf.js may only fetch from it); a download may go to the bucket
      const presign = download && presignsDownloads(deps.config);
      if (!(await sendStoredFile(req, res, deps.storage, servedKey, { presign }))) throw notFound();
    } catch (err) {
      next(err);
    }
  });

  router.post(
    "/api/v/:token/events",
    limitedBody({ limit: 16 * KB, as: "text" }),
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        res.setHeader("Cache-Control", "no-store");
        const token = String(req.params.token);
        if (!shareTokenPattern.test(token)) throw new AppError("NOT_FOUND", "No such link");
        const beacons = parseBeacons(req.body);
        const { sessionSecret } = deps.config;
        const userAgent = req.get("user-agent");
        const visitorId = beacons[0]?.visitorId ?? clientVisitorKey(sessionSecret, req.ip, userAgent);
        const client = clientHash(sessionSecret, req.ip, userAgent);
        const admitted = await admitBeacon(limits, token, client);
        if (!admitted.ok) {
          throw new AppError("TOO_MANY_REQUESTS", "Too many events for this link; slow down", undefined, {
            "Retry-After": String(admitted.retryAfterSeconds),
          });
        }
        // crawlers and link scanners are answered like anyone, and not counted
        if (isBot(userAgent)) return void res.status(204).end();
        // a colleague (or the sender) previewing the link while signed in is not a prospect
        const session = readSessionCookie(req);
        const colleague = session ? await userForSession(db, session) : null;
        const live = liveLink(linkOf(res));
        const pass = readGatePass(req, sessionSecret, live.gate);
        if (!pass.passed) throw notPassed();
        const mailing = deps.config.smtp !== undefined;
        if (!live.share) {
          checkRoomBeacons(beacons);
          if (!colleague) await roomOpened(db, { mailing }, live.room, pass.email);
          return void res.status(204).end();
        }
        checkShareBeacons(live.share, beacons);
        if (colleague) return void res.status(204).end();
        await ingestShareBeacons(
          db,
          { metrics: deps.metrics, mailing },
          {
            found: live.share,
            beacons,
            visitorId,
            clientHash: client,
            ipHash: ipHash(sessionSecret, req.ip),
            email: pass.email,
          },
        );
        res.status(204).end();
      } catch (err) {
        next(err);
      }
    },
  );

  router.use(viewerErrors);
  return router;
}
