import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type ImportProgress, type ImportSummary, importLibrary } from "../../library-import/import-library";
import { writeDemoLibrary } from "./write-demo-library";

export interface SeedDemoLibraryOptions {
  /** The running server's base URL. */
  url: string;
  /** A marketer's or admin's bearer token (the demo marketer's in demo mode). */
  token: string;
  /** Where to write the library; a temporary folder, removed afterwards, unless given. */
  dir?: string;
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * Fills a running server with the Northwind Analytics demo library, through
 * the same HTTP import a customer would use. Safe to run again: unchanged
 * assets are left alone.
 */
export async function seedDemoLibrary(opts: SeedDemoLibraryOptions): Promise<ImportSummary> {
  const dir = opts.dir ?? (await mkdtemp(path.join(tmpdir(), "pitchside-demo-library-")));
  try {
    await writeDemoLibrary(dir);
    return await importLibrary({
      dir,
      url: opts.url,
      token: opts.token,
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    });
  } finally {
    if (!opts.dir) await rm(dir, { recursive: true, force: true });
  }
}
