import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { emailSchema } from "@pitchside/shared/schemas";
import { eq } from "drizzle-orm";
import express, { type NextFunction, type Request, type Response, Router } from "express";
import { z } from "zod";
import { pickLanguage, type ViewerLang } from "../accept-language";
import { pageUnitOf } from "../assets/asset-dto";
import { shareState } from "../assets/share-rules";
import { KB, limitedBody } from "../body-limit";
import { deals } from "../db/schema";
import type { AppDeps } from "../deps";
import { readSmallFile } from "../files/storage";
import { presignsDownloads, sendStoredFile } from "../files/stored-delivery";
import { userForSession } from "../identity/auth-service";
import { verifyPassword } from "../identity/passwords";
import { readSessionCookie } from "../identity/session-cookie";
import { isBot } from "../tracking/bots";
import { ingestEventsIn, type NewEvent } from "../tracking/events-service";
import { activeAllowance, findVisitor, recordVisit } from "../tracking/link-visits";
import { notifyRoomOpened, notifyShareOpened } from "../tracking/notifications-service";
import { admitBeacon, type BeaconLimits, newBeaconLimits } from "./beacon-limits";
import { type FoundLink, LinkFinder } from "./link-finder";
import { giveGatePass, readGatePass } from "./link-gate";
import { type FoundShare, gateOf, isGone, kindOf, originalAllowed, readableKey } from "./public-link";
import { roomItems } from "./rooms-service";
import { renderMarkdown } from "./safe-markdown";
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
/** The most one flush may claim: a reader flushes every few seconds. */
export const MAX_ACTIVE_MS_PER_FLUSH = 30 * 60_000;
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

/** The client's address as a salted, truncated hash that changes every day: enough to spot abuse, not to identify. */
function ipHash(secret: string, ip: string | undefined): string {
  return dailyHash(secret, `viewer-ip:${ip ?? ""}`);
}

/** The browser (address and user agent) the same way: one client, whatever visitor ids it sends. */
function clientHash(secret: string, req: Request): string {
  return dailyHash(secret, `viewer-client:${req.ip ?? ""}:${req.get("user-agent") ?? ""}`);
}

/**
 * A visitor without a visitor id (storage blocked, a script of their own): their address and user
 * agent as a salted hash, kept (unlike the daily hashes) so a return visit counts as the same
 * visitor. The `c:` prefix never collides with a browser's id (URL-safe characters only).
 */
export function clientVisitorKey(
  secret: string,
  ip: string | undefined,
  userAgent: string | undefined,
): string {
  const hash = createHmac("sha256", secret)
    .update(`viewer-visitor:${ip ?? ""}:${userAgent ?? ""}`)
    .digest("base64url");
  return `c:${hash.slice(0, 22)}`;
}

function dailyHash(secret: string, what: string): string {
  const day = new Date().toISOString().slice(0, 10);
  return createHmac("sha256", secret).update(`${day}:${what}`).digest("hex").slice(0, 16);
}

const beaconSchema = z
  .object({
    id: z.uuid().optional(),
    type: z.enum(["open", "page", "download"]),
    page: z.number().int().min(1).max(100_000).optional(),
    activeMs: z
      .number()
      .int("must be whole milliseconds")
      .min(0, "must not be negative")
      .max(MAX_ACTIVE_MS_PER_FLUSH, `must be at most ${MAX_ACTIVE_MS_PER_FLUSH} per flush`)
      .optional(),
    /** Absent: the visitor is known by their hashed address and user agent. */
    visitorId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8 to 64 URL-safe characters")
      .optional(),
  })
  .refine((e) => e.type !== "page" || (e.page !== undefined && e.activeMs !== undefined), {
    message: "a page event needs page and activeMs",
    path: ["page"],
  });
const beaconBodySchema = z.union([beaconSchema, z.array(beaconSchema).min(1).max(20)]);
type Beacon = z.infer<typeof beaconSchema>;

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue?.code === "invalid_union") {
    const inner = issue.errors.flat()[0];
    if (inner) return `${inner.path.join(".") || "body"}: ${inner.message}`;
  }
  return issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "body: invalid";
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
      res.setHeader("Retry-After", String(found.retryAfterSeconds));
      if (req.path.startsWith("/api/")) {
        return void res
          .status(429)
          .json({ error: "Too many unknown links from your address; try again in a minute" });
      }
      if (req.path === `/s/${token}` || req.path === `/s/${token}/unlock`) {
        const nonce = randomBytes(16).toString("base64");
        pageHeaders(res, nonce);
        return void res.status(429).send(messagePage(pickLanguage(req.get("accept-language")), nonce, 429));
      }
      res.status(429).type("text").send("Too many requests; try again in a minute");
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
      const found = linkOf(res).share;
      if (!found) return void (await sendRoom(req, res, token, lang, nonce));
      if (isGone(found)) return void res.status(410).send(messagePage(lang, nonce, 410));
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
  async function sendRoom(req: Request, res: Response, token: string, lang: ViewerLang, nonce: string) {
    const found = linkOf(res).room;
    if (!found) return void res.status(404).send(messagePage(lang, nonce, 404));
    const { room } = found;
    if (shareState(room) !== "active") return void res.status(410).send(messagePage(lang, nonce, 410));
    const gate = { id: room.id, requireEmail: room.requireEmail, passcodeHash: room.passcodeHash };
    if (!readGatePass(req, deps.config.sessionSecret, gate).passed) {
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
        const { share, room } = linkOf(res);
        if (!share && !room) return void res.status(404).send(messagePage(lang, nonce, 404));
        if ((share && isGone(share)) || (room && shareState(room.room) !== "active")) {
          return void res.status(410).send(messagePage(lang, nonce, 410));
        }
        const gate = share
          ? gateOf(share)
          : {
              id: room?.room.id ?? "",
              requireEmail: room?.room.requireEmail ?? false,
              passcodeHash: room?.room.passcodeHash ?? null,
            };
        const title = share ? share.asset.title : (room?.room.name ?? "");
        const sharedBy = share ? share.sharedBy : (room?.sharedBy ?? null);
        const body = (req.body ?? {}) as Record<string, unknown>;
        const email = typeof body.email === "string" ? body.email.trim().toLowerCase() : "";
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
      if (!found || !key || isGone(found) || !gateCheck(req, found).passed) {
        return void res.status(404).type("text").send("Not found");
      }
      res.setHeader("X-Content-Type-Options", "nosniff");
      res.setHeader("Cache-Control", "private, max-age=300");
      res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
      res.type("image/webp");
      if (!(await sendStoredFile(req, res, deps.storage, key)))
        res.status(404).type("text").send("Not found");
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
      if (!found || !key || found.asset.source === "link")
        return void res.status(404).type("text").send("Not found");
      if (isGone(found)) return void res.status(410).type("text").send("This link is no longer available");
      if (!gateCheck(req, found).passed) return void res.status(403).type("text").send("Open the link first");
      const download = req.query.download === "1";
      if (download && !found.share.allowDownload) {
        return void res.status(403).type("text").send("This link does not allow downloads");
      }
      // a no-download link's file is for the viewer's script and tags; opened as a page of its own
      // (the browser's PDF viewer, with its Save button) it is the viewer that opens instead
      if (!found.share.allowDownload && opensAsPage(req)) {
        return void res.redirect(303, `/s/${String(req.params.token)}`);
      }
      const kind = kindOf(found);
      const original = download && originalAllowed(found);
      const servedKey = original ? key : readableKey(found, kind);
      if (!servedKey) return void res.status(404).type("text").send("Not found");
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
      if (!(await sendStoredFile(req, res, deps.storage, servedKey, { presign }))) {
        res.status(404).type("text").send("Not found");
      }
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
        if (!shareTokenPattern.test(token)) return void res.status(404).json({ error: "No such link" });
        let json: unknown;
        try {
          json = JSON.parse(typeof req.body === "string" ? req.body : "");
        } catch {
          return void res.status(400).json({ error: "body: not valid JSON" });
        }
        const parsed = beaconBodySchema.safeParse(json);
        if (!parsed.success) return void res.status(400).json({ error: issueText(parsed.error) });
        const beacons: Beacon[] = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
        const sentId = beacons[0]?.visitorId;
        if (beacons.some((b) => b.visitorId !== sentId)) {
          return void res.status(400).json({ error: "visitorId: one visitor per request" });
        }
        const visitorId =
          sentId ?? clientVisitorKey(deps.config.sessionSecret, req.ip, req.get("user-agent"));
        const client = clientHash(deps.config.sessionSecret, req);
        const admitted = await admitBeacon(limits, token, client);
        if (!admitted.ok) {
          res.setHeader("Retry-After", String(admitted.retryAfterSeconds));
          return void res.status(429).json({ error: "Too many events for this link; slow down" });
        }
        // crawlers and link scanners are answered like anyone, and not counted
        if (isBot(req.get("user-agent"))) return void res.status(204).end();
        // a colleague (or the sender) previewing the link while signed in is not a prospect
        const session = readSessionCookie(req);
        const colleague = session ? await userForSession(db, session) : null;
        const found = linkOf(res).share;
        if (!found) return void (await roomBeacon(req, res, beacons, colleague !== null));
        if (isGone(found)) return void res.status(410).json({ error: "This link is no longer available" });
        const pass = gateCheck(req, found);
        if (!pass.passed) return void res.status(403).json({ error: "Open the link first" });
        // a text, an image, a video or a link reads as one page
        const pageCount = found.version.pageCount ?? 1;
        if (beacons.some((b) => b.page !== undefined && b.page > pageCount))
          return void res.status(400).json({ error: `page: the document has ${pageCount} page(s)` });
        if (beacons.some((b) => b.type === "download") && !found.share.allowDownload) {
          return void res.status(400).json({ error: "type: this link does not allow downloads" });
        }
        if (colleague) return void res.status(204).end();

        const { share } = found;
        const hash = ipHash(deps.config.sessionSecret, req.ip);
        const now = new Date();
        await db.transaction(async (tx) => {
          const visitor = await findVisitor(tx, {
            shareId: share.id,
            visitorId,
            clientHash: client,
            at: now,
          });
          // a visit cannot have been read for longer than it has lasted: claims past that are cut
          let allowance = activeAllowance(visitor.visit, now);
          const rows: NewEvent[] = beacons.map((b) => {
            const activeMs = Math.min(b.activeMs ?? 0, allowance);
            if (b.type === "page") allowance -= activeMs;
            return {
              id: b.id ?? randomUUID(),
              type:
                b.type === "open"
                  ? "prospect_opened"
                  : b.type === "page"
                    ? "prospect_page"
                    : "asset_downloaded",
              userId: null,
              assetId: share.assetId,
              dealId: share.dealId,
              shareId: share.id,
              surface: "viewer",
              at: now,
              props: {
                visitorId: visitor.visitorId,
                ipHash: hash,
                versionId: found.version.id,
                ...(pass.email ? { email: pass.email } : {}),
                ...(b.type === "page" ? { page: b.page, activeMs } : {}),
              },
            };
          });
          const inserted = await ingestEventsIn(tx, rows);
          if (inserted.length === 0) return; // a retried batch
          deps.metrics.eventsIngested.inc({ source: "viewer" }, inserted.length);
          const pages = new Map<number, number>();
          for (const e of inserted) {
            const ms = Number(e.props.activeMs);
            if (e.type !== "prospect_page" || ms <= 0) continue;
            const page = Number(e.props.page);
            pages.set(page, (pages.get(page) ?? 0) + ms);
          }
          await recordVisit(tx, {
            shareId: share.id,
            visitor,
            clientHash: client,
            email: pass.email,
            at: now,
            pages,
          });
          if (share.createdBy && inserted.some((e) => e.type === "prospect_opened")) {
            await notifyShareOpened(tx, deps.config.smtp !== undefined, share.createdBy, {
              shareId: share.id,
              linkName: share.name,
              roomId: share.roomId,
              roomName: found.room?.name ?? null,
              assetId: share.assetId,
              assetTitle: found.asset.title,
              dealId: share.dealId,
              dealName: found.dealName,
              recipientEmail: share.recipientEmail,
              visitorEmail: pass.email,
              openedAt: now.toISOString(),
            });
          }
        });
        res.status(204).end();
      } catch (err) {
        next(err);
      }
    },
  );

  /** A deal room's own beacon: only its opening, which tells its maker; its assets count on their own links. */
  async function roomBeacon(req: Request, res: Response, beacons: Beacon[], colleague: boolean) {
    const found = linkOf(res).room;
    if (!found) return void res.status(404).json({ error: "No such link" });
    const { room } = found;
    if (shareState(room) !== "active")
      return void res.status(410).json({ error: "This link is no longer available" });
    const gate = { id: room.id, requireEmail: room.requireEmail, passcodeHash: room.passcodeHash };
    const pass = readGatePass(req, deps.config.sessionSecret, gate);
    if (!pass.passed) return void res.status(403).json({ error: "Open the link first" });
    if (beacons.some((b) => b.type !== "open"))
      return void res.status(400).json({ error: "type: a room only opens" });
    if (colleague || !room.createdBy) return void res.status(204).end();
    const dealName = room.dealId
      ? ((await db.select({ name: deals.name }).from(deals).where(eq(deals.id, room.dealId)))[0]?.name ??
        null)
      : null;
    await db.transaction((tx) =>
      notifyRoomOpened(tx, deps.config.smtp !== undefined, room.createdBy as string, {
        roomId: room.id,
        roomName: room.name,
        dealId: room.dealId,
        dealName,
        recipientEmail: room.recipientEmail,
        visitorEmail: pass.email,
        openedAt: new Date().toISOString(),
      }),
    );
    res.status(204).end();
  }

  return router;
}
