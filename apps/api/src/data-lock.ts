import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * One process at a time may open the embedded database: PGlite is single-
 * writer, and two would corrupt it. The lock file holds the owner's pid.
 */
export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
}

const lockFile = (dataDir: string) => path.join(dataDir, "pitchside.lock");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockHolder(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(lockFile(dataDir), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

export function acquireDataLock(dataDir: string, who: string): () => void {
  const holder = lockHolder(dataDir);
  if (holder) {
    throw new DataDirLockedError(
      `${dataDir} is in use by a running Pitchside server (pid ${holder}). Stop it first, ` +
        `or use the API (e.g. the admin pages) while it runs. (${who})`,
    );
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(lockFile(dataDir), String(process.pid));
  return () => {
    try {
      if (readFileSync(lockFile(dataDir), "utf8").trim() === String(process.pid)) rmSync(lockFile(dataDir));
    } catch {
      // already gone
    }
  };
}
