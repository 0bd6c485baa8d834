import { createReadStream } from "node:fs";
import { copyFile, mkdir, opendir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { checkKey, type FileStorage, type StoredFileInfo, StoredFileMissing } from "./storage";

const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === "ENOENT";

/** Files under a local directory (`DATA_DIR/files`): one box, or a disk every process mounts. */
export function localStorage(root: string): FileStorage {
  const resolve = (key: string) => path.join(root, checkKey(key));
  const info = async (key: string): Promise<StoredFileInfo | null> => {
    const found = await stat(resolve(key)).catch((err: unknown) => {
      if (missing(err)) return null;
      throw err;
    });
    if (!found?.isFile()) return null;
    // the tag `send` (res.sendFile) gave before: size and time, so it changes when the file does
    return {
      size: found.size,
      etag: `W/"${found.size.toString(16)}-${found.mtime.getTime().toString(16)}"`,
      lastModified: found.mtime,
    };
  };
  async function* walk(dir: string): AsyncIterable<{ key: string; size: number }> {
    const entries = await opendir(dir).catch((err: unknown) => {
      if (missing(err)) return null;
      throw err;
    });
    if (!entries) return;
    for await (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) yield* walk(full);
      else if (entry.isFile()) {
        yield { key: path.relative(root, full).split(path.sep).join("/"), size: (await stat(full)).size };
      }
    }
  }
  return {
    kind: "local",
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
    async read(key, range) {
      const found = await info(key);
      if (!found) throw new StoredFileMissing(key);
      const body = createReadStream(resolve(key), range ? { start: range.start, end: range.end } : {});
      return { ...found, body };
    },
    stat: info,
    remove: (key) => rm(resolve(key), { force: true }),
    withLocalCopy: (key, fn) => fn(resolve(key)),
    signedUrl: async () => null,
    list: () => walk(root),
    check: async () => {
      await mkdir(root, { recursive: true });
    },
    close: () => undefined,
  };
}
