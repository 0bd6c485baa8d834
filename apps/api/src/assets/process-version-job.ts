import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { markForIndexing } from "../db/outbox";
import { assets, assetVersions, versionPages } from "../db/schema";
import { type FileStorage, versionThumbnailKey } from "../files/storage";
import { enqueueJob } from "../jobs/queue";
import type { JobHandler } from "../jobs/runner";
import { languageFreeInFamily } from "./language-families";
import type { DetectedFile, FileKind } from "./processing/detect-type";
import { ProcessingError } from "./processing/extract";
import { runProcessing } from "./processing/run-processing";

interface Payload {
  versionId: string;
  kind: FileKind;
  guessLanguage: boolean;
}

function parsePayload(p: Record<string, unknown>): Payload {
  if (typeof p.versionId !== "string" || typeof p.kind !== "string")
    throw new ProcessingError("Malformed job");
  return { versionId: p.versionId, kind: p.kind as FileKind, guessLanguage: p.guessLanguage === true };
}

/**
 * Extraction, page count, thumbnail and language of one version; the upload
 * returned long ago. Its pictures (rendition, pages, card) follow in a job of
 * their own, so the words are searchable before LibreOffice is done.
 */
export function processVersionJob(db: Db, storage: FileStorage): JobHandler {
  return {
    async run(raw) {
      const payload = parsePayload(raw);
      const [version] = await db.select().from(assetVersions).where(eq(assetVersions.id, payload.versionId));
      if (!version?.fileKey || !version.mimeType) return; // deleted meanwhile, or nothing to do
      const file: DetectedFile = { kind: payload.kind, mime: version.mimeType, ext: "" };
      // any process may run this: the file comes from the store (a temporary copy when it is a bucket)
      const result = await storage.withLocalCopy(version.fileKey, (path) => runProcessing(path, file));
      let thumbnailKey: string | null = null;
      if (result.thumbnail) {
        thumbnailKey = versionThumbnailKey(version.id);
        await storage.putBuffer(thumbnailKey, result.thumbnail.data);
      }
      await db.transaction(async (tx) => {
        await tx
          .update(assetVersions)
          .set({
            textContent: result.text.replaceAll("\u0000", ""),
            pageCount: result.pageCount,
            thumbnailKey,
            processingState: "ready",
            processingError: null,
            documentTitle: result.title,
          })
          .where(eq(assetVersions.id, version.id));
        if (payload.guessLanguage && result.language) {
          // a guess never gives a language family two versions in one language
          await tx
            .update(assets)
            .set({ language: result.language })
            .where(and(eq(assets.id, version.assetId), languageFreeInFamily(result.language)));
        }
        await tx.delete(versionPages).where(eq(versionPages.versionId, version.id));
        if (result.pages && result.pages.length > 0) {
          const rows = result.pages.map((text, index) => ({
            versionId: version.id,
            number: index + 1,
            text: text.replaceAll("\u0000", ""),
          }));
          for (let at = 0; at < rows.length; at += 1000)
            await tx.insert(versionPages).values(rows.slice(at, at + 1000));
        }
        await enqueueJob(tx, "render_version", {
          versionId: version.id,
          // a legacy file's words come from its rendition, so its language too
          guessLanguage: payload.guessLanguage && !result.language,
        });
        await markForIndexing(tx, [version.assetId]);
      });
    },
    isPermanent: (err) => err instanceof ProcessingError,
    async onFailed(raw, error) {
      const payload = parsePayload(raw);
      await db
        .update(assetVersions)
        .set({
          processingState: "failed",
          processingError: error,
          // a file that cannot be read is not handed to LibreOffice either
          renditionState: sql`case when ${assetVersions.renditionState} = 'pending' then 'failed'::rendition_state else ${assetVersions.renditionState} end`,
          renditionError: sql`case when ${assetVersions.renditionState} = 'pending' then ${`Not converted: ${error}`} else ${assetVersions.renditionError} end`,
        })
        .where(eq(assetVersions.id, payload.versionId));
    },
  };
}
