import { detectLanguage } from "@pitchside/shared";
import { and, eq } from "drizzle-orm";
import type { Config } from "../config";
import type { Db } from "../db/client";
import { markForIndexing } from "../db/outbox";
import { assets, assetVersions, versionPages } from "../db/schema";
import {
  type FileStorage,
  versionPageImageKey,
  versionRenditionKey,
  versionThumbnailKey,
} from "../files/storage";
import type { JobHandler } from "../jobs/runner";
import type { Logger } from "../logger";
import { type CardSpec, cardBody } from "./processing/card-thumbnails";
import { FILE_TYPES, type FileKind, isPagedKind } from "./processing/detect-type";
import { ProcessingError } from "./processing/processing-error";
import {
  renderCardInWorker,
  renderPagesInWorker,
  thumbnailOfImageInWorker,
} from "./processing/run-processing";
import type { Thumbnail } from "./processing/thumbnails";
import { ConversionError, convertToPdf } from "./renditions/libreoffice";
import { videoPosterFrame } from "./renditions/video-poster";

interface Payload {
  versionId: string;
  guessLanguage: boolean;
}

function parsePayload(p: Record<string, unknown>): Payload {
  if (typeof p.versionId !== "string") throw new ProcessingError("Malformed job");
  return { versionId: p.versionId, guessLanguage: p.guessLanguage === true };
}

type Found = NonNullable<Awaited<ReturnType<typeof findVersion>>>;

async function findVersion(db: Db, versionId: string) {
  const [row] = await db
    .select({
      version: assetVersions,
      asset: {
        id: assets.id,
        title: assets.title,
        language: assets.language,
        source: assets.source,
        url: assets.url,
      },
    })
    .from(assetVersions)
    .innerJoin(assets, eq(assets.id, assetVersions.assetId))
    .where(eq(assetVersions.id, versionId));
  return row ?? null;
}

const INSERT_CHUNK = 1000;

/**
 * What every page view and library card reads, made after the text is
 * extracted: the PDF rendition of an Office file (LibreOffice), each page's
 * text and picture and page 1 as the card for anything with pages; a drawn
 * card for Markdown, text and links; a poster frame for video.
 */
export function renderVersionJob(
  db: Db,
  storage: FileStorage,
  tools: Config["tools"],
  logger: Logger,
): JobHandler {
  async function saveThumbnail(found: Found, thumbnail: Thumbnail): Promise<void> {
    const key = versionThumbnailKey(found.version.id);
    await storage.putBuffer(key, thumbnail.data);
    await db.transaction(async (tx) => {
      await tx.update(assetVersions).set({ thumbnailKey: key }).where(eq(assetVersions.id, found.version.id));
      await markForIndexing(tx, [found.asset.id]);
    });
  }

  function cardOf(found: Found, kind: FileKind | "link"): CardSpec {
    const { asset, version } = found;
    const language = asset.language === "ja" ? "ja" : "en";
    if (kind === "link") {
      const site = siteOf(asset.url);
      return {
        tone: "link",
        label: site ?? "LINK",
        title: asset.title,
        body: asset.url ?? "",
        language,
        mark: { kind: "initial", text: site ?? asset.title },
      };
    }
    const body = cardBody(version.textContent ?? "", asset.title);
    if (kind === "mp4")
      return { tone: "video", label: "VIDEO", title: asset.title, body, language, mark: { kind: "play" } };
    if (kind === "markdown")
      return { tone: "markdown", label: "MARKDOWN", title: asset.title, body, language };
    return {
      tone: "document",
      label: FILE_TYPES[kind].ext.toUpperCase(),
      title: asset.title,
      body,
      language,
    };
  }

  /** A drawn card, unless the version already has a picture of its own (an Office file's embedded preview). */
  async function ensureCard(found: Found, kind: FileKind | "link", replace: boolean): Promise<void> {
    if (found.version.thumbnailKey && !replace) return;
    await saveThumbnail(found, await renderCardInWorker(cardOf(found, kind)));
  }

  async function setRendition(
    found: Found,
    state: "failed" | "unavailable",
    error: string | null,
  ): Promise<void> {
    await db
      .update(assetVersions)
      .set({ renditionState: state, renditionError: error })
      .where(eq(assetVersions.id, found.version.id));
  }

  async function renderPaged(found: Found, kind: FileKind, guessLanguage: boolean): Promise<void> {
    const { version } = found;
    const fileKey = version.fileKey as string;
    let renditionKey = fileKey;
    let rendered: Awaited<ReturnType<typeof renderPagesInWorker>>;
    if (kind === "pdf") {
      rendered = await storage.withLocalCopy(fileKey, (file) => renderPagesInWorker(file));
    } else {
      if (!tools.soffice) {
        await setRendition(found, "unavailable", null);
        await ensureCard(found, kind, false);
        return;
      }
      const soffice = tools.soffice;
      renditionKey = versionRenditionKey(version.id);
      let converted: Awaited<ReturnType<typeof convertToPdf>>;
      try {
        converted = await storage.withLocalCopy(fileKey, (file) =>
          convertToPdf(soffice, file, FILE_TYPES[kind].ext),
        );
      } catch (err) {
        if (!(err instanceof ConversionError)) throw err;
        logger.warn({ versionId: version.id, error: err.message }, "office rendition failed");
        await setRendition(found, "failed", err.message);
        await ensureCard(found, kind, false);
        return;
      }
      try {
        // the pages are drawn from the converted file while it is still on this disk
        rendered = await renderPagesInWorker(converted.pdfPath);
        await storage.putFile(renditionKey, converted.pdfPath);
      } finally {
        await converted.cleanup();
      }
    }

    const pageKeys = new Map<number, string>();
    for (const [index, page] of rendered.pages.entries()) {
      if (!page.image) continue;
      const key = versionPageImageKey(version.id, index + 1);
      await storage.putBuffer(key, Buffer.from(page.image));
      pageKeys.set(index + 1, key);
    }
    const thumbnailKey = rendered.thumbnail ? versionThumbnailKey(version.id) : version.thumbnailKey;
    if (rendered.thumbnail) await storage.putBuffer(versionThumbnailKey(version.id), rendered.thumbnail.data);

    const stale = await db.transaction(async (tx) => {
      const existing = await tx
        .select({ number: versionPages.number, text: versionPages.text, imageKey: versionPages.imageKey })
        .from(versionPages)
        .where(eq(versionPages.versionId, version.id));
      // a slide's own text and notes, read from the file, say more than the rendition's page text
      const extracted =
        existing.length === rendered.pageCount && existing.some((p) => p.text.trim().length > 0)
          ? new Map(existing.map((p) => [p.number, p.text]))
          : null;
      await tx.delete(versionPages).where(eq(versionPages.versionId, version.id));
      const rows = rendered.pages.map((page, index) => ({
        versionId: version.id,
        number: index + 1,
        text: extracted?.get(index + 1) ?? page.text,
        imageKey: pageKeys.get(index + 1) ?? null,
      }));
      for (let at = 0; at < rows.length; at += INSERT_CHUNK) {
        await tx.insert(versionPages).values(rows.slice(at, at + INSERT_CHUNK));
      }
      const renditionText = rendered.pages
        .map((p) => p.text)
        .join("\n\n")
        .trim();
      const needsText = !(version.textContent ?? "").trim() && renditionText.length > 0;
      await tx
        .update(assetVersions)
        .set({
          renditionKey,
          renditionState: "ready",
          renditionError: null,
          pageCount: rendered.pageCount,
          thumbnailKey,
          ...(needsText ? { textContent: renditionText } : {}),
        })
        .where(eq(assetVersions.id, version.id));
      if (needsText && guessLanguage) {
        await tx
          .update(assets)
          .set({ language: detectLanguage(renditionText) })
          .where(eq(assets.id, found.asset.id));
      }
      await markForIndexing(tx, [found.asset.id]);
      return existing
        .filter((p) => p.imageKey && p.number > rendered.pageCount)
        .map((p) => p.imageKey as string);
    });
    await Promise.all(stale.map((key) => storage.remove(key)));
  }

  async function renderVideo(found: Found): Promise<void> {
    const ffmpeg = tools.ffmpeg;
    const frame = ffmpeg
      ? await storage.withLocalCopy(found.version.fileKey as string, (file) => videoPosterFrame(ffmpeg, file))
      : null;
    const poster = frame ? await thumbnailOfImageInWorker(frame).catch(() => null) : null;
    if (poster) await saveThumbnail(found, poster);
    else await ensureCard(found, "mp4", true);
  }

  return {
    async run(raw) {
      const payload = parsePayload(raw);
      const found = await findVersion(db, payload.versionId);
      if (!found) return; // deleted meanwhile
      if (found.asset.source === "link") return ensureCard(found, "link", true);
      const { version } = found;
      const { kind } = version;
      if (!version.fileKey || !kind) return;
      if (isPagedKind(kind)) return renderPaged(found, kind, payload.guessLanguage);
      if (kind === "mp4") return renderVideo(found);
      if (kind === "markdown" || kind === "text") return ensureCard(found, kind, true);
      // an image is its own picture: processing made its thumbnail
    },
    isPermanent: (err) => err instanceof ProcessingError,
    async onFailed(raw, error) {
      const { versionId } = parsePayload(raw);
      await db
        .update(assetVersions)
        .set({ renditionState: "failed", renditionError: error })
        // only a rendition in the making fails; a card that could not be drawn leaves "none"
        .where(and(eq(assetVersions.id, versionId), eq(assetVersions.renditionState, "pending")));
    },
  };
}

/** The site of a link, without "www.", for its card. */
function siteOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
}
