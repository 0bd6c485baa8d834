import { pipeline } from "node:stream/promises";
import type { Request, Response } from "express";
import type { Config } from "../config";
import { type ByteRange, type FileStorage, type StoredFileInfo, StoredFileMissing } from "./storage";

/** How long a presigned download URL works: long enough to follow a redirect, too short to pass around. */
export const PRESIGNED_URL_SECONDS = 60;

/** Whether file downloads are answered with a redirect to the bucket (S3_DOWNLOADS=presigned). */
export const presignsDownloads = (config: Config) =>
  config.storage.kind === "s3" && config.storage.downloads === "presigned";

/** If-Range names the version the client holds a part of: a range of another version is the whole file. */
function rangeStillValid(req: Request, info: StoredFileInfo): boolean {
  const ifRange = req.get("if-range");
  if (!ifRange) return true;
  if (ifRange.includes('"')) return ifRange.includes(info.etag);
  const since = Date.parse(ifRange);
  return !Number.isNaN(since) && Math.floor(info.lastModified.getTime() / 1000) * 1000 <= since;
}

/** The one range to send, "unsatisfiable", or undefined for the whole file (no header, several ranges, a bad one). */
function requestedRange(req: Request, info: StoredFileInfo): ByteRange | "unsatisfiable" | undefined {
  if (!req.headers.range || !rangeStillValid(req, info)) return undefined;
  const parsed = req.range(info.size, { combine: true });
  if (parsed === -1) return "unsatisfiable";
  if (!Array.isArray(parsed) || parsed.type !== "bytes" || parsed.length !== 1) return undefined;
  return parsed[0];
}

/**
 * Sends a stored file with the Content-Type, Content-Disposition and security headers the caller
 * has set: ETag and Last-Modified (304 when the client holds it), one byte range (206, or 416 past
 * the end) for video and pdf.js, HEAD without the body. With `presign` (and a store that can), a
 * redirect to a short-lived URL of the bucket that answers with the same type and disposition.
 * Returns false, headers undone, when there is no such file: the caller says 404 its own way.
 */
export async function sendStoredFile(
  req: Request,
  res: Response,
  storage: FileStorage,
  key: string,
  opts: { presign?: boolean } = {},
): Promise<boolean> {
  const info = await storage.stat(key);
  if (!info) {
    res.removeHeader("Content-Disposition");
    return false;
  }
  if (opts.presign) {
    const url = await storage.signedUrl(key, {
      contentType: String(res.getHeader("Content-Type") ?? "application/octet-stream"),
      contentDisposition: String(res.getHeader("Content-Disposition") ?? "attachment"),
      expiresInSeconds: PRESIGNED_URL_SECONDS,
    });
    if (url) {
      res.removeHeader("Content-Type");
      res.removeHeader("Content-Disposition");
      res.setHeader("Cache-Control", "no-store");
      res.redirect(302, url);
      return true;
    }
  }
  res.setHeader("Accept-Ranges", "bytes");
  res.setHeader("ETag", info.etag);
  res.setHeader("Last-Modified", info.lastModified.toUTCString());
  if (req.fresh) {
    res.removeHeader("Content-Type");
    res.removeHeader("Content-Disposition");
    res.status(304).end();
    return true;
  }
  const range = requestedRange(req, info);
  if (range === "unsatisfiable") {
    res.removeHeader("Content-Disposition");
    res.setHeader("Content-Range", `bytes */${info.size}`);
    // HTTP's range protocol (like the 206 and 304 here), answered by the sender for every route that uses it
    res.status(416).type("text").send("Range not satisfiable");
    return true;
  }
  if (range) res.setHeader("Content-Range", `bytes ${range.start}-${range.end}/${info.size}`);
  res.setHeader("Content-Length", range ? range.end - range.start + 1 : info.size);
  res.status(range ? 206 : 200);
  if (req.method === "HEAD") {
    res.end();
    return true;
  }
  let body: Awaited<ReturnType<FileStorage["read"]>>["body"];
  try {
    ({ body } = await storage.read(key, range));
  } catch (err) {
    // removed between the two looks
    if (!(err instanceof StoredFileMissing)) throw err;
    res.removeHeader("Content-Disposition");
    res.removeHeader("Content-Length");
    res.removeHeader("Content-Range");
    res.status(200);
    return false;
  }
  try {
    await pipeline(body, res);
  } catch (err) {
    // a reader that goes away mid-file (pdf.js cancels ranges it no longer needs) is no error of ours
    if (!res.headersSent && !res.destroyed && !req.destroyed) throw err;
    res.destroy();
  }
  return true;
}

/** The first bytes of a stored file, to tell its type by. */
export async function headOfStoredFile(storage: FileStorage, key: string, bytes: number): Promise<Buffer> {
  const { body } = await storage.read(key, { start: 0, end: bytes - 1 });
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).subarray(0, bytes);
}
