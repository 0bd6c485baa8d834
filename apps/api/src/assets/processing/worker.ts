import { parentPort } from "node:worker_threads";
import { type CardSpec, cardThumbnail } from "./card-thumbnails";
import type { DetectedFile } from "./detect-type";
import { type ProcessingResult, processFile } from "./extract";
import { type RenderedPages, renderPdfPages } from "./pdf-pages";
import { isFileSystemError, ProcessingError, reasonOf } from "./processing-error";
import { imageKindOf, type Thumbnail, thumbnailOfImage } from "./thumbnails";

/** Loaded once per worker by worker-entry.mjs, through tsx. */
export interface WorkerData {
  /** URL of this module. */
  entry: string;
}

/** What a worker can be asked to do with an untrusted file, one task at a time. */
export type WorkerTask =
  | { op: "process"; filePath: string; file: DetectedFile }
  | { op: "pages"; filePath: string; maxTextLength: number }
  | { op: "card"; card: CardSpec }
  | { op: "image"; data: Uint8Array };

/** Each task's result, binary parts as Buffers on the caller's side. */
export interface TaskResults {
  process: ProcessingResult;
  pages: RenderedPages;
  card: Thumbnail;
  image: Thumbnail;
}

export interface WorkerRequest {
  id: number;
  task: WorkerTask;
}

/** The result (binary parts travel as transferred Uint8Arrays), or the failure. */
export type WorkerReply = { id: number } & (
  | { ok: true; result: TaskResults[WorkerTask["op"]] }
  | { ok: false; kind: "processing" | "file-system" | "internal"; message: string; code?: string }
);

/** A copy owns its ArrayBuffer outright; a Buffer may be a slice of Node's shared pool, which must not move. */
function owned(data: Uint8Array, transfer: ArrayBuffer[]): Buffer {
  const copy = new Uint8Array(data);
  transfer.push(copy.buffer);
  return copy as unknown as Buffer; // made a Buffer again where it arrives (run-processing.ts)
}

function ownedThumbnail(thumbnail: Thumbnail | null, transfer: ArrayBuffer[]): Thumbnail | null {
  return thumbnail && { data: owned(thumbnail.data, transfer), mime: thumbnail.mime };
}

async function perform(task: WorkerTask, transfer: ArrayBuffer[]): Promise<TaskResults[WorkerTask["op"]]> {
  switch (task.op) {
    case "process": {
      const result = await processFile(task.filePath, task.file);
      return { ...result, thumbnail: ownedThumbnail(result.thumbnail, transfer) };
    }
    case "pages": {
      const rendered = await renderPdfPages(task.filePath, { maxTextLength: task.maxTextLength });
      return {
        ...rendered,
        pages: rendered.pages.map((p) => ({ text: p.text, image: p.image && owned(p.image, transfer) })),
        thumbnail: ownedThumbnail(rendered.thumbnail, transfer),
      };
    }
    case "card":
      return ownedThumbnail(await cardThumbnail(task.card), transfer) as Thumbnail;
    case "image": {
      const data = Buffer.from(task.data.buffer, task.data.byteOffset, task.data.byteLength);
      const kind = imageKindOf(data);
      if (!kind) throw new ProcessingError("The picture is not a PNG, JPEG, WebP or GIF image");
      return ownedThumbnail(await thumbnailOfImage(data, kind), transfer) as Thumbnail;
    }
  }
}

async function handle({ id, task }: WorkerRequest): Promise<{ reply: WorkerReply; transfer: ArrayBuffer[] }> {
  const transfer: ArrayBuffer[] = [];
  try {
    return { reply: { id, ok: true, result: await perform(task, transfer) }, transfer };
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
