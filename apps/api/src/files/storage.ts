import { createReadStream, type ReadStream } from "node:fs";
import { copyFile, mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

/** Where asset files live. Local directory now; the interface leaves room for S3. */
export interface FileStorage {
  /** Moves a temporary file in under `key` (same filesystem: a rename). */
  putFile(key: string, sourcePath: string): Promise<void>;
  putBuffer(key: string, data: Buffer): Promise<void>;
  read(key: string): ReadStream;
  localPath(key: string): string;
  size(key: string): Promise<number>;
  remove(key: string): Promise<void>;
}

const safeKey = /^[a-z0-9][a-z0-9/_.-]*$/i;

export function localStorage(root: string): FileStorage {
  const resolve = (key: string) => {
    if (!safeKey.test(key) || key.includes("..")) throw new Error(`Invalid storage key: ${key}`);
    return path.join(root, key);
  };
  return {
    async putFile(key, sourcePath) {
      const target = resolve(key);
      await mkdir(path.dirname(target), { recursive: true });
      try {
        await rename(sourcePath, target);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EXDEV") throw err;
        await copyFile(sourcePath, target);
        await rm(sourcePath, { force: true });
      }
    },
    async putBuffer(key, data) {
      const target = resolve(key);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, data);
    },
    read: (key) => createReadStream(resolve(key)),
    localPath: resolve,
    size: async (key) => (await stat(resolve(key))).size,
    remove: (key) => rm(resolve(key), { force: true }),
  };
}

export const versionFileKey = (versionId: string) => `versions/${versionId}/original`;
export const versionThumbnailKey = (versionId: string) => `versions/${versionId}/thumbnail`;
export const versionRenditionKey = (versionId: string) => `versions/${versionId}/rendition.pdf`;
export const versionPageImageKey = (versionId: string, page: number) => `versions/${versionId}/pages/${page}`;
