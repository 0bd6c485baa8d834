import type { Readable } from "node:stream";

/** What a store knows of one stored file, enough for ETag, Last-Modified and Range. */
export interface StoredFileInfo {
  size: number;
  /** A strong or weak entity tag, quoted as HTTP sends it. */
  etag: string;
  lastModified: Date;
  /** The file's SHA-256 in hex, where the store keeps it (S3 objects we wrote carry it). */
  sha256?: string;
}

/** A byte range, both ends included, as HTTP's Range header counts. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredRead extends StoredFileInfo {
  body: Readable;
}

/** A presigned URL's response: what the browser is told about the file it fetches. */
export interface SignedUrlOptions {
  contentType: string;
  contentDisposition: string;
  expiresInSeconds: number;
}

/**
 * Where asset files live: a local directory or an S3-compatible bucket. Nothing outside the
 * stores knows a file's path; a job that needs one on disk asks for `withLocalCopy`.
 */
export interface FileStorage {
  readonly kind: "local" | "s3";
  /**
   * Takes a local file in under `key`: afterwards the source is gone (moved or uploaded and
   * removed). `sha256`, when the caller has it already, spares the bucket's store a read.
   */
  putFile(key: string, sourcePath: string, sha256?: string): Promise<void>;
  putBuffer(key: string, data: Buffer): Promise<void>;
  /** The file, or the given range of it; rejects with StoredFileMissing when there is none. */
  read(key: string, range?: ByteRange): Promise<StoredRead>;
  /** The file's size, entity tag and date, or null when there is none. */
  stat(key: string): Promise<StoredFileInfo | null>;
  /** Removes the file; one already gone is no error. */
  remove(key: string): Promise<void>;
  /** Runs `fn` with the file at a local path: the store's own on disk, or a temporary copy removed afterwards. */
  withLocalCopy<T>(key: string, fn: (localPath: string) => Promise<T>): Promise<T>;
  /** A short-lived URL that serves the file without us, or null where the store has none (local). */
  signedUrl(key: string, opts: SignedUrlOptions): Promise<string | null>;
  /** Every stored key with its size, in no particular order. */
  list(): AsyncIterable<{ key: string; size: number }>;
  /** At start: fails with one clear line when the store cannot be used (a bucket unreachable). */
  check(): Promise<void>;
  /** Lets go of connections. */
  close(): void;
}

/** A read of a key that holds nothing. */
export class StoredFileMissing extends Error {
  override name = "StoredFileMissing";
  constructor(readonly key: string) {
    super(`No stored file under ${key}`);
  }
}

const safeKey = /^[a-z0-9][a-z0-9/_.-]*$/i;

/** Keys are ours (versions/<uuid>/…): anything else is a bug or an attack, refused before any store sees it. */
export function checkKey(key: string): string {
  if (!safeKey.test(key) || key.includes("..") || key.includes("//")) {
    throw new Error(`Invalid storage key: ${key}`);
  }
  return key;
}

/** The whole file as a buffer, or null when it is larger than `maxBytes`. */
export async function readSmallFile(
  storage: FileStorage,
  key: string,
  maxBytes: number,
): Promise<Buffer | null> {
  const info = await storage.stat(key);
  if (!info) throw new StoredFileMissing(key);
  if (info.size > maxBytes) return null;
  const { body } = await storage.read(key);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export const versionFileKey = (versionId: string) => `versions/${versionId}/original`;
export const versionThumbnailKey = (versionId: string) => `versions/${versionId}/thumbnail`;
export const versionRenditionKey = (versionId: string) => `versions/${versionId}/rendition.pdf`;
export const versionPageImageKey = (versionId: string, page: number) => `versions/${versionId}/pages/${page}`;
