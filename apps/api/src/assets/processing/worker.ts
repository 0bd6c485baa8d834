import { parentPort } from "node:worker_threads";
import type { DetectedFile } from "./detect-type";
import { processFile } from "./extract";
import { isFileSystemError, ProcessingError, reasonOf } from "./processing-error";

/** Loaded once per worker by worker-entry.mjs, through tsx. */
export interface WorkerData {
  /** URL of this module. */
  entry: string;
}

/** One file to process; a worker takes them one at a time. */
export interface WorkerRequest {
  id: number;
  filePath: string;
  file: DetectedFile;
}

/** The result with the thumbnail as a transferred Uint8Array, or the failure. */
export type WorkerReply = { id: number } & (
  | {
      ok: true;
      result: {
        text: string;
        pageCount: number | null;
        language: "en" | "ja" | null;
        thumbnail: { data: Uint8Array; mime: "image/webp" | "image/png" | "image/jpeg" } | null;
      };
    }
  | { ok: false; kind: "processing" | "file-system" | "internal"; message: string; code?: string }
);

async function handle({
  id,
  filePath,
  file,
}: WorkerRequest): Promise<{ reply: WorkerReply; transfer: ArrayBuffer[] }> {
  try {
    const { thumbnail, ...rest } = await processFile(filePath, file);
    if (!thumbnail) return { reply: { id, ok: true, result: { ...rest, thumbnail: null } }, transfer: [] };
    // a copy owns its ArrayBuffer outright; a Buffer may be a slice of Node's shared pool, which must not move
    const data = new Uint8Array(thumbnail.data);
    return {
      reply: { id, ok: true, result: { ...rest, thumbnail: { data, mime: thumbnail.mime } } },
      transfer: [data.buffer],
    };
  } catch (err) {
    const kind =
      err instanceof ProcessingError ? "processing" : isFileSystemError(err) ? "file-system" : "internal";
    const code = (err as NodeJS.ErrnoException).code;
    return {
      reply: { id, ok: false, kind, message: reasonOf(err), ...(code ? { code } : {}) },
      transfer: [],
    };
  }
}

if (parentPort) {
  const port = parentPort;
  port.on("message", async (request: WorkerRequest) => {
    const { reply, transfer } = await handle(request);
    port.postMessage(reply, transfer);
  });
}
