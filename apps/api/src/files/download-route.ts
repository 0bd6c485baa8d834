import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { type Response, Router } from "express";
import { z } from "zod";
import { seesEverything, visibleAssetsWhere } from "../assets/visibility";
import { assets, assetVersions, events } from "../db/schema";
import type { AppDeps } from "../deps";
import { currentUser, requireUser } from "../identity/http-auth";
import type { SessionUser } from "../identity/users-service";
import type { FileStorage } from "./storage";

const idSchema = z.uuid();

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

function imageMime(head: Buffer): string {
  if (head.subarray(0, 4).toString("latin1") === "RIFF") return "image/webp";
  if (head[0] === 0xff && head[1] === 0xd8) return "image/jpeg";
  return "image/png";
}

/** GET /api/files/:versionId (download) and /api/files/:versionId/thumbnail. */
export function downloadRoutes(deps: AppDeps, storage: FileStorage) {
  const router = Router();
  const notFound = (res: Response) => res.status(404).json({ error: "No such file" });

  router.get("/api/files/:versionId", requireUser(deps), async (req, res, next) => {
    try {
      const user = currentUser(res);
      const row = await findVersion(deps, user, String(req.params.versionId ?? ""));
      const fileKey = row?.version.fileKey;
      if (!row || !fileKey) return void notFound(res);
      const { version } = row;
      hardenHeaders(res);
      res.setHeader("Content-Type", version.mimeType ?? "application/octet-stream");
      const disposition = req.query.inline === "1" ? "inline" : "attachment";
      res.attachment(version.fileName ?? "download");
      if (disposition === "inline") {
        res.setHeader(
          "Content-Disposition",
          String(res.getHeader("Content-Disposition")).replace(/^attachment/, "inline"),
        );
      }
      res.setHeader("Content-Length", String(await storage.size(fileKey)));
      await deps.database.db.insert(events).values({
        id: randomUUID(),
        type: disposition === "inline" ? "asset_viewed" : "asset_downloaded",
        userId: user.id,
        assetId: version.assetId,
        surface: "portal",
        props: { versionId: version.id },
      });
      storage.read(fileKey).on("error", next).pipe(res);
    } catch (err) {
      next(err);
    }
  });

  router.get("/api/files/:versionId/thumbnail", requireUser(deps), async (req, res, next) => {
    try {
      const row = await findVersion(deps, currentUser(res), String(req.params.versionId ?? ""));
      if (!row?.version.thumbnailKey) return void notFound(res);
      const key = row.version.thumbnailKey;
      const stream = storage.read(key);
      const head: Buffer = await new Promise((resolve, reject) => {
        stream.once("readable", () => {
          const chunk = stream.read(12) as Buffer | null;
          if (chunk) stream.unshift(chunk);
          resolve(chunk ?? Buffer.alloc(0));
        });
        stream.once("error", reject);
      });
      hardenHeaders(res);
      res.setHeader("Content-Type", imageMime(head));
      stream.pipe(res);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
