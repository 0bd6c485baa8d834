import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";

/** A staged file untouched this long is no upload in progress (one still arriving is written every moment). */
export const STAGED_UPLOAD_QUIET_MS = 60 * 60_000;

/** Where multer writes an upload while it arrives, before the file is checked and stored. */
export const uploadStagingDir = (dataDir: string) => path.join(dataDir, "tmp");

/**
 * Removes staged uploads nobody is writing any more: a crash mid-upload leaves its partial file
 * behind. `quietForMs` 0 takes everything (the embedded database's lock says no other process
 * shares the directory); otherwise only files not written to for that long. Returns the bytes freed.
 */
export async function clearUploadStaging(
  dataDir: string,
  quietForMs: number,
): Promise<{ files: number; bytes: number }> {
  const dir = uploadStagingDir(dataDir);
  const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return [];
    throw err;
  });
  const cutoff = Date.now() - quietForMs;
  let files = 0;
  let bytes = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (!info || (quietForMs > 0 && info.mtimeMs > cutoff)) continue;
    await rm(file, { recursive: true, force: true });
    files++;
    bytes += info.size;
  }
  return { files, bytes };
}
