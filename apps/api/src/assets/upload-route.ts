import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { assetMetaSchema } from "@pitchside/shared/schemas";
import { type NextFunction, type Request, type Response, Router } from "express";
import multer from "multer";
import { z } from "zod";
import type { AppDeps } from "../deps";
import { AppError } from "../errors";
import { type FileStorage, versionFileKey } from "../files/storage";
import { uploadStagingDir } from "../files/upload-staging";
import { currentUser, requireUser } from "../identity/http-auth";
import { addVersion, createAsset } from "./assets-service";
import { detectFileType } from "./processing/detect-type";
import { uploadBudget } from "./upload-limit";

const ACCEPTED =
  "PDF, PowerPoint, Word, Excel (also .ppt, .doc, .xls), OpenDocument, RTF, PNG, JPEG, WebP, GIF, MP4, Markdown or plain text";

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** busboy hands over names as latin1; browsers send UTF-8 (日本語.pdf). */
function decodeFileName(name: string): string {
  const utf8 = Buffer.from(name, "latin1").toString("utf8");
  return utf8.includes("\uFFFD") ? name : utf8;
}

function parseMeta(raw: unknown, fallbackTitle: string) {
  let json: unknown = {};
  if (typeof raw === "string" && raw.trim() !== "") {
    try {
      json = JSON.parse(raw);
    } catch {
      throw new AppError("BAD_REQUEST", "meta: is not valid JSON");
    }
  }
  const withTitle =
    typeof json === "object" && json !== null && !("title" in json)
      ? { ...json, title: fallbackTitle }
      : json;
  const result = assetMetaSchema.safeParse(withTitle);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError("BAD_REQUEST", `meta.${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
  }
  return result.data;
}

/** What a new version changed, as the marketer put it (at most 2,000 characters). */
function changeNote(raw: unknown): string | undefined {
  if (typeof raw !== "string" || !raw.trim()) return undefined;
  if (raw.length > 2000) throw new AppError("BAD_REQUEST", "changeNote: at most 2000 characters");
  return raw.trim();
}

/** POST /api/uploads: the file is checked by content, stored, and processed later by a job. */
export function uploadRoutes(deps: AppDeps, storage: FileStorage, onQueued: () => void) {
  const tmpDir = uploadStagingDir(deps.config.dataDir);
  const upload = multer({
    storage: multer.diskStorage({
      destination: (_req, _file, cb) => {
        mkdir(tmpDir, { recursive: true }).then(
          () => cb(null, tmpDir),
          (err: Error) => cb(err, tmpDir),
        );
      },
    }),
    limits: { fileSize: deps.config.uploadMaxBytes, files: 1, fields: 10, fieldSize: 256 * 1024 },
  });
  const limitMb = Math.round(deps.config.uploadMaxBytes / 1024 / 1024);

  const receive = (req: Request, res: Response, next: NextFunction) => {
    upload.single("file")(req, res, (err: unknown) => {
      if (!err) return next();
      if (err instanceof multer.MulterError) {
        return next(
          err.code === "LIMIT_FILE_SIZE"
            ? new AppError(
                "PAYLOAD_TOO_LARGE",
                `file: larger than the upload limit of ${limitMb} MB (UPLOAD_MAX_MB)`,
              )
            : new AppError("BAD_REQUEST", `${err.field ?? "upload"}: ${err.message}`),
        );
      }
      next(err);
    });
  };

  const router = Router();
  const withinBudget = uploadBudget(deps);
  router.post(
    "/api/uploads",
    requireUser(deps, "marketer", "admin"),
    withinBudget,
    receive,
    async (req, res, next) => {
      const tmp = req.file?.path;
      let storedKey: string | null = null;
      try {
        if (!req.file || !tmp)
          throw new AppError("BAD_REQUEST", "file: send the file in a multipart field named 'file'");
        const detection = await detectFileType(tmp);
        if (!detection.ok) {
          throw new AppError(
            "UNSUPPORTED_MEDIA_TYPE",
            `file: ${detection.detected} is not accepted; upload ${ACCEPTED}`,
          );
        }
        const fileName = decodeFileName(req.file.originalname);
        const assetId = z
          .uuid()
          .optional()
          .safeParse(req.body?.assetId || undefined);
        if (!assetId.success) throw new AppError("BAD_REQUEST", "assetId: must be a uuid");
        const meta = assetId.data
          ? null
          : parseMeta(req.body?.meta, fileName.replace(/\.[^.]+$/, "") || fileName);
        const versionId = randomUUID();
        const stored = {
          key: versionFileKey(versionId),
          fileName,
          mimeType: detection.file.mime,
          kind: detection.file.kind,
          size: req.file.size,
          sha256: await sha256Of(tmp),
        };
        await storage.putFile(stored.key, tmp, stored.sha256);
        storedKey = stored.key;
        const user = currentUser(res);
        const result = assetId.data
          ? await addVersion(
              deps.database.db,
              user,
              assetId.data,
              stored,
              versionId,
              changeNote(req.body?.changeNote),
            )
          : await createAsset(deps.database.db, user, {
              meta: meta ?? parseMeta(undefined, fileName),
              source: "file",
              file: stored,
              versionId,
              // the portal's upload page: the form that names and tags the file comes after
              unsaved: req.body?.unsaved === "1",
            });
        storedKey = null; // committed: the file now belongs to the version
        onQueued();
        res.status(201).json(result);
      } catch (err) {
        if (storedKey) await storage.remove(storedKey).catch(() => undefined);
        next(err);
      } finally {
        if (tmp) await rm(tmp, { force: true }).catch(() => undefined);
      }
    },
  );
  return router;
}
