import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { type Request, type Response, Router } from "express";
import { z } from "zod";
import { assets, assetVersions, events, versionPages } from "../db/schema";
import type { AppDeps } from "../deps";
import { AppError } from "../errors";
import type { FileStorage } from "../files/storage";
import { headOfStoredFile, presignsDownloads, sendStoredFile } from "../files/stored-delivery";
import { currentUser, requireUser } from "../identity/http-auth";
import type { SessionUser } from "../identity/users-service";
import { mayDownloadOriginal, readableRendition } from "./original-access";
import { seesEverything, visibleAssetsWhere } from "./visibility";

const idSchema = z.uuid();
const pageSchema = z.coerce.number().int().min(1).max(100_000);

/** Nothing we serve may run as a page of ours. */
function hardenHeaders(res: Response) {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
  res.setHeader("Cache-Control", "private, max-age=300");
}

async function findVersion(deps: AppDeps, user: SessionUser, versionId: string) {
  if (!idSchema.safeParse(versionId).success) return null;
  const [row] = await deps.database.db
    .select({ version: assetVersions, asset: { id: assets.id, currentVersionId: assets.currentVersionId } })
    .from(assetVersions)
    .innerJoin(assets, eq(assets.id, assetVersions.assetId))
    .where(and(eq(assetVersions.id, versionId), visibleAssetsWhere(user)));
  if (!row) return null;
  // reps only ever get the current version; old ones are for marketers
  if (!seesEverything(user) && row.asset.currentVersionId !== row.version.id) return null;
  return row;
}

type Version = NonNullable<Awaited<ReturnType<typeof findVersion>>>["version"];
function imageMime(head: Buffer): string {
  if (head.subarray(0, 4).toString("latin1") === "RIFF") return "image/webp";
  if (head[0] === 0xff && head[1] === 0xd8) return "image/jpeg";
  return "image/png";
}

/** A view is counted once per load: pdf.js fetches the rest of a large file in ranges. */
const isFirstRange = (req: Request) => !req.headers.range || /^bytes=0-/.test(req.headers.range);

/** Content-Disposition with the file name (RFC 6266 via Express), inline or as a download. */
function disposition(res: Response, fileName: string, inline: boolean) {
  res.attachment(fileName);
  if (inline) {
    res.setHeader(
      "Content-Disposition",
      String(res.getHeader("Content-Disposition")).replace(/^attachment/, "inline"),
    );
  }
}

/**
 * GET /api/files/:versionId (the original), …/rendition (the PDF every page
 * view reads), …/pages/:n (a page's picture) and …/thumbnail (the card).
 */
export function downloadRoutes(deps: AppDeps, storage: FileStorage) {
  const router = Router();
  const db = deps.database.db;
  const noSuchFile = () => new AppError("NOT_FOUND", "No such file");
  const recordUse = (user: SessionUser, version: Version, type: "asset_viewed" | "asset_downloaded") =>
    db.insert(events).values({
      id: randomUUID(),
      type,
      userId: user.id,
      assetId: version.assetId,
      surface: "portal",
      props: { versionId: version.id },
    });
  const presign = presignsDownloads(deps.config);
  const sendStored = async (req: Request, res: Response, key: string, opts: { presign?: boolean } = {}) => {
    if (!(await sendStoredFile(req, res, storage, key, opts))) throw noSuchFile();
  };

  router.get("/api/files/:versionId", requireUser(deps), async (req, res, next) => {
    try {
      const user = currentUser(res);
      const row = await findVersion(deps, user, String(req.params.versionId ?? ""));
      const fileKey = row?.version.fileKey;
      if (!row || !fileKey) throw noSuchFile();
      const { version } = row;
      if (!mayDownloadOriginal(user, version)) {
        throw new AppError(
          "FORBIDDEN",
          "The original Office file is for marketers; download the PDF instead",
        );
      }
      const inline = req.query.inline === "1";
      hardenHeaders(res);
      res.setHeader("Content-Type", version.mimeType ?? "application/octet-stream");
      disposition(res, version.fileName ?? "download", inline);
      if (isFirstRange(req)) await recordUse(user, version, inline ? "asset_viewed" : "asset_downloaded");
      // inline views stay on our origin: the portal's pdf.js may only fetch from it
      await sendStored(req, res, fileKey, { presign: presign && !inline });
    } catch (err) {
      next(err);
    }
  });

  router.get("/api/files/:versionId/rendition", requireUser(deps), async (req, res, next) => {
    try {
      const user = currentUser(res);
      const row = await findVersion(deps, user, String(req.params.versionId ?? ""));
      const key = row && readableRendition(row.version);
      if (!row || !key) throw noSuchFile();
      const download = req.query.download === "1";
      hardenHeaders(res);
      res.setHeader("Content-Type", "application/pdf");
      const stem = (row.version.fileName ?? "document").replace(/\.[^.]+$/, "");
      disposition(res, `${stem}.pdf`, !download);
      if (isFirstRange(req))
        await recordUse(user, row.version, download ? "asset_downloaded" : "asset_viewed");
      await sendStored(req, res, key, { presign: presign && download });
    } catch (err) {
      next(err);
    }
  });

  router.get("/api/files/:versionId/pages/:page", requireUser(deps), async (req, res, next) => {
    try {
      const page = pageSchema.safeParse(req.params.page);
      const row = await findVersion(deps, currentUser(res), String(req.params.versionId ?? ""));
      if (!row || !page.success) throw noSuchFile();
      const [found] = await db
        .select({ imageKey: versionPages.imageKey })
        .from(versionPages)
        .where(and(eq(versionPages.versionId, row.version.id), eq(versionPages.number, page.data)));
      if (!found?.imageKey) throw noSuchFile();
      hardenHeaders(res);
      res.setHeader("Content-Type", "image/webp");
      await sendStored(req, res, found.imageKey);
    } catch (err) {
      next(err);
    }
  });

  router.get("/api/files/:versionId/thumbnail", requireUser(deps), async (req, res, next) => {
    try {
      const row = await findVersion(deps, currentUser(res), String(req.params.versionId ?? ""));
      if (!row?.version.thumbnailKey) throw noSuchFile();
      const key = row.version.thumbnailKey;
      const head = await headOfStoredFile(storage, key, 12).catch(() => Buffer.alloc(0));
      hardenHeaders(res);
      res.setHeader("Content-Type", imageMime(head));
      await sendStored(req, res, key);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
