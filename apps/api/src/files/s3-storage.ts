import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import {
  type ByteRange,
  checkKey,
  type FileStorage,
  type StoredFileInfo,
  StoredFileMissing,
  type StoredRead,
} from "./storage";

export interface S3Settings {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Files larger than one part go up in parts of this size, several at once. */
const PART_SIZE = 8 * 1024 * 1024;
const PARTS_AT_ONCE = 4;

/** The bucket could not be reached or used at start: one line that says which and why. */
export class StorageUnavailableError extends Error {
  override name = "StorageUnavailableError";
}

export function s3Client(settings: S3Settings): S3Client {
  return new S3Client({
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    // newer SDKs add CRC32 checksums in aws-chunked bodies by default, which many S3-compatible
    // servers store as part of the object; our own SHA-256 (in the metadata) does that job
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

const isNotFound = (err: unknown) =>
  err instanceof S3ServiceException &&
  (err.$metadata.httpStatusCode === 404 || err.name === "NotFound" || err.name === "NoSuchKey");

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** The S3 store, with what the migration needs beside the common interface. */
export interface S3FileStorage extends FileStorage {
  readonly kind: "s3";
  readonly bucket: string;
  /** Uploads a copy of a local file (the source stays), its SHA-256 recorded in the object's metadata. */
  uploadCopy(key: string, sourcePath: string, sha256?: string): Promise<void>;
}

/**
 * Files in an S3-compatible bucket. Objects are private: they reach a browser through the API
 * or through a presigned URL that lasts a minute. `tmpDir` holds the copies jobs work on.
 */
export function s3Storage(settings: S3Settings, tmpDir: string): S3FileStorage {
  const client = s3Client(settings);
  const Bucket = settings.bucket;
  const where = `bucket ${Bucket}${settings.endpoint ? ` at ${settings.endpoint}` : ""}`;

  async function head(key: string): Promise<StoredFileInfo | null> {
    try {
      const found = await client.send(new HeadObjectCommand({ Bucket, Key: checkKey(key) }));
      return {
        size: found.ContentLength ?? 0,
        etag: found.ETag ?? `"${found.LastModified?.getTime() ?? 0}"`,
        lastModified: found.LastModified ?? new Date(0),
        ...(found.Metadata?.sha256 ? { sha256: found.Metadata.sha256 } : {}),
      };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async function read(key: string, range?: ByteRange): Promise<StoredRead> {
    try {
      const found = await client.send(
        new GetObjectCommand({
          Bucket,
          Key: checkKey(key),
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      if (!(found.Body instanceof Readable)) throw new Error("The S3 client returned no stream");
      const total = found.ContentRange?.match(/\/(\d+)$/)?.[1];
      return {
        body: found.Body,
        size: total ? Number(total) : (found.ContentLength ?? 0),
        etag: found.ETag ?? `"${found.LastModified?.getTime() ?? 0}"`,
        lastModified: found.LastModified ?? new Date(0),
        ...(found.Metadata?.sha256 ? { sha256: found.Metadata.sha256 } : {}),
      };
    } catch (err) {
      if (isNotFound(err)) throw new StoredFileMissing(key);
      throw err;
    }
  }

  async function uploadCopy(key: string, sourcePath: string, sha256?: string) {
    const upload = new Upload({
      client,
      params: {
        Bucket,
        Key: checkKey(key),
        Body: createReadStream(sourcePath),
        Metadata: { sha256: sha256 ?? (await sha256OfFile(sourcePath)) },
      },
      partSize: PART_SIZE,
      queueSize: PARTS_AT_ONCE,
      leavePartsOnError: false,
    });
    await upload.done();
  }

  return {
    kind: "s3",
    bucket: Bucket,
    uploadCopy,
    async putFile(key, sourcePath, sha256) {
      await uploadCopy(key, sourcePath, sha256);
      await rm(sourcePath, { force: true });
    },
    async putBuffer(key, data) {
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: checkKey(key),
          Body: data,
          ContentLength: data.length,
          Metadata: { sha256: createHash("sha256").update(data).digest("hex") },
        }),
      );
    },
    read,
    stat: head,
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: checkKey(key) }));
    },
    async withLocalCopy(key, fn) {
      await mkdir(tmpDir, { recursive: true });
      const dir = await mkdtemp(path.join(tmpDir, "s3-copy-"));
      try {
        const file = path.join(dir, "file");
        const { body } = await read(key);
        await pipeline(body, createWriteStream(file));
        return await fn(file);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    async signedUrl(key, opts) {
      const command = new GetObjectCommand({
        Bucket,
        Key: checkKey(key),
        ResponseContentType: opts.contentType,
        ResponseContentDisposition: opts.contentDisposition,
        ResponseCacheControl: "private, no-store",
      });
      return getSignedUrl(client, command, { expiresIn: opts.expiresInSeconds });
    },
    async *list() {
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, ContinuationToken }));
        for (const item of page.Contents ?? []) {
          if (item.Key) yield { key: item.Key, size: item.Size ?? 0 };
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
    async check() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
      } catch (err) {
        const status = err instanceof S3ServiceException ? err.$metadata.httpStatusCode : undefined;
        const why =
          status === 404
            ? "it does not exist"
            : status === 403
              ? "access denied (check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY)"
              : (err as Error).message || (err as Error).name;
        throw new StorageUnavailableError(`Storage: cannot use S3 ${where}: ${why}`);
      }
    },
    close: () => client.destroy(),
  };
}
