import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import type { S3FileStorage } from "./s3-storage";
import { checkKey, type FileStorage } from "./storage";

export interface MigrationReport {
  copied: number;
  /** Already in the bucket with the same size and checksum: not sent again. */
  skipped: number;
  bytes: number;
  /** Keys the bucket gave back other bytes for than were sent. */
  mismatched: string[];
  /** Files in the directory that are no key of ours (a stray dotfile): left alone. */
  ignored: string[];
}

/** SHA-256 and MD5 of a stream in one pass: the first is ours, the second is a plain upload's ETag. */
async function digests(stream: Readable): Promise<{ sha256: string; md5: string; size: number }> {
  const sha256 = createHash("sha256");
  const md5 = createHash("md5");
  let size = 0;
  for await (const chunk of stream) {
    sha256.update(chunk as Buffer);
    md5.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: sha256.digest("hex"), md5: md5.digest("hex"), size };
}

const FILES_AT_ONCE = 4;

/**
 * Copies every file of the local store into the bucket and reads each copy back to compare its
 * SHA-256. A file the bucket already holds with the same size and checksum (ours in the object's
 * metadata, or a single-part upload's MD5 ETag) is skipped, so a second run sends nothing.
 */
export async function copyStoreToBucket(
  source: FileStorage,
  target: S3FileStorage,
  onFile: (done: number) => void = () => undefined,
): Promise<MigrationReport> {
  const report: MigrationReport = { copied: 0, skipped: 0, bytes: 0, mismatched: [], ignored: [] };
  const keys: string[] = [];
  for await (const { key } of source.list()) {
    try {
      keys.push(checkKey(key));
    } catch {
      report.ignored.push(key);
    }
  }
  let next = 0;
  let done = 0;
  const copyOne = (key: string) =>
    source.withLocalCopy(key, async (file) => {
      const local = await digests(createReadStream(file));
      const remote = await target.stat(key);
      if (
        remote?.size === local.size &&
        (remote.sha256 === local.sha256 || remote.etag === `"${local.md5}"`)
      ) {
        report.skipped += 1;
        return;
      }
      await target.uploadCopy(key, file, local.sha256);
      const back = await digests((await target.read(key)).body);
      if (back.sha256 !== local.sha256 || back.size !== local.size) {
        report.mismatched.push(key);
        return;
      }
      report.copied += 1;
      report.bytes += local.size;
    });
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++] as string;
      await copyOne(key);
      onFile(++done);
    }
  };
  await Promise.all(Array.from({ length: FILES_AT_ONCE }, worker));
  report.mismatched.sort();
  return report;
}
