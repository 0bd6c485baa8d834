import { Worker } from "node:worker_threads";
import type { CardSpec } from "./card-thumbnails";
import type { DetectedFile } from "./detect-type";
import { MAX_TEXT_LENGTH, type ProcessingResult } from "./extract";
import type { RenderedPages } from "./pdf-pages";
import { ProcessingError } from "./processing-error";
import type { Thumbnail } from "./thumbnails";
import type { TaskResults, WorkerData, WorkerReply, WorkerRequest, WorkerTask } from "./worker";

export interface RunProcessingOptions {
  /** The worker is terminated past this; default 120 000 (2 minutes). */
  timeoutMs?: number;
  /** V8 heap of the worker; default 1024. Running out fails the file, not the API. */
  maxMemoryMb?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;
/** Drawing every page of a 500-page rendition takes a while. */
const PAGES_TIMEOUT_MS = 600_000;
const DEFAULT_MAX_MEMORY_MB = 1024;
/** Loading tsx, pdf.js and canvas costs a worker about two seconds: one is kept warm between files. */
const MAX_IDLE_WORKERS = 1;
/** A worker is replaced after this many files, so whatever a file left behind does not pile up. */
const MAX_FILES_PER_WORKER = 100;
/**
 * A warm worker holds ~50 MB (its heap, pdf.js, canvas) for nothing once the files stop coming:
 * after this long without one it ends, and the next file starts a new one.
 */
const IDLE_EXIT_MS = 30_000;

/**
 * The worker is TypeScript source in every setting (the API under
 * `node --import tsx`, vitest); a small JavaScript entry loads it through tsx.
 */
const workerEntry = new URL("./worker-entry.mjs", import.meta.url);
const workerData: WorkerData = { entry: new URL("./worker.ts", import.meta.url).href };

let nextRequestId = 1;
const idle: ProcessingWorker[] = [];
let idleExitMs = IDLE_EXIT_MS;

/** How long a warm worker waits for the next file before it ends (tests shorten it). */
export function setProcessingIdleExit(ms: number): void {
  idleExitMs = ms;
}

/** Warm workers waiting for a file (tests). */
export const idleProcessingWorkers = () => idle.length;

/**
 * A task in a worker thread, so a huge or hostile file can neither block the
 * API's event loop nor take the process down: the worker has its own heap
 * limit and is terminated when it runs too long; both become a
 * ProcessingError. File-system errors (the stored file is missing) are
 * rethrown as they are, so a job can retry them.
 */
async function runTask<T extends WorkerTask>(
  task: T,
  opts: RunProcessingOptions = {},
): Promise<TaskResults[T["op"]]> {
  const maxMemoryMb = opts.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB;
  const index = idle.findIndex((w) => w.maxMemoryMb === maxMemoryMb);
  const worker = index >= 0 ? idle.splice(index, 1)[0] : undefined;
  const result = await (worker ?? new ProcessingWorker(maxMemoryMb)).run(
    { id: nextRequestId++, task },
    opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
  return revive(task.op, result) as TaskResults[T["op"]];
}

/** `processFile` (text, page count, thumbnail, language) in a worker thread. */
export function runProcessing(
  filePath: string,
  file: DetectedFile,
  opts: RunProcessingOptions = {},
): Promise<ProcessingResult> {
  return runTask(
    { op: "process", filePath, file: { kind: file.kind, mime: file.mime, ext: file.ext } },
    opts,
  );
}

/** Every page of a PDF drawn and read (pdf-pages.ts) in a worker thread; a long document gets longer. */
export function renderPagesInWorker(
  filePath: string,
  opts: RunProcessingOptions = {},
): Promise<RenderedPages> {
  return runTask(
    { op: "pages", filePath, maxTextLength: MAX_TEXT_LENGTH },
    { timeoutMs: PAGES_TIMEOUT_MS, ...opts },
  );
}

/** A drawn library card (card-thumbnails.ts). */
export function renderCardInWorker(card: CardSpec): Promise<Thumbnail> {
  return runTask({ op: "card", card });
}

/** A thumbnail of a picture we did not make (a video's poster frame), decoded where it cannot hurt. */
export function thumbnailOfImageInWorker(data: Buffer): Promise<Thumbnail> {
  return runTask({ op: "image", data: new Uint8Array(data) });
}

const asBuffer = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);
const reviveThumbnail = (t: Thumbnail | null) => t && { data: asBuffer(t.data), mime: t.mime };

/** Binary parts arrive as Uint8Arrays: Buffers again, as the callers' types say. */
function revive(op: WorkerTask["op"], result: TaskResults[WorkerTask["op"]]): TaskResults[WorkerTask["op"]] {
  switch (op) {
    case "process": {
      const r = result as ProcessingResult;
      return { ...r, thumbnail: reviveThumbnail(r.thumbnail) };
    }
    case "pages": {
      const r = result as RenderedPages;
      return { ...r, thumbnail: reviveThumbnail(r.thumbnail) };
    }
    case "card":
    case "image":
      return reviveThumbnail(result as Thumbnail) as Thumbnail;
  }
}

/** Terminates the warm workers (at shutdown; they never keep the process alive by themselves). */
export async function closeProcessingWorkers(): Promise<void> {
  await Promise.all(idle.splice(0).map((w) => w.terminate()));
}

type TaskResult = TaskResults[WorkerTask["op"]];

interface Job {
  id: number;
  resolve: (result: TaskResult) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/** One worker thread, one file at a time; any crash, timeout or OOM retires it. */
class ProcessingWorker {
  private readonly worker: Worker;
  private job: Job | null = null;
  private filesDone = 0;
  private retired = false;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(readonly maxMemoryMb: number) {
    this.worker = new Worker(workerEntry, {
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb },
    });
    this.worker.unref();
    this.worker.on("message", (reply: WorkerReply) => this.onReply(reply));
    this.worker.on("error", (err: Error & { code?: string }) => {
      this.retire(
        err.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? new ProcessingError(`Processing needed more than ${maxMemoryMb} MB of memory`)
          : new ProcessingError(`Processing failed unexpectedly: ${err.message}`),
      );
    });
    this.worker.on("exit", (code) => {
      this.retire(new ProcessingError(`Processing stopped unexpectedly (exit code ${code})`));
    });
  }

  run(request: WorkerRequest, timeoutMs: number): Promise<TaskResult> {
    this.stopIdleTimer();
    return new Promise<TaskResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.retire(new ProcessingError(`Processing took longer than ${formatDuration(timeoutMs)}`));
      }, timeoutMs);
      this.job = { id: request.id, resolve, reject, timer };
      this.worker.ref(); // a file in progress keeps the process alive; an idle worker does not
      this.worker.postMessage(request);
    });
  }

  async terminate(): Promise<void> {
    this.retired = true;
    this.stopIdleTimer();
    await this.worker.terminate();
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private onReply(reply: WorkerReply): void {
    const job = this.job;
    if (!job || reply.id !== job.id) return;
    clearTimeout(job.timer);
    this.job = null;
    this.filesDone += 1;
    this.worker.unref();
    this.release();
    settle(reply, job);
  }

  private release(): void {
    if (this.retired || this.filesDone >= MAX_FILES_PER_WORKER || idle.length >= MAX_IDLE_WORKERS) {
      void this.terminate();
      return;
    }
    idle.push(this);
    this.idleTimer = setTimeout(() => {
      const at = idle.indexOf(this);
      if (at >= 0) idle.splice(at, 1);
      void this.terminate();
    }, idleExitMs);
    this.idleTimer.unref();
  }

  /** The worker is not to be trusted again: fail its file, if any, and end it. */
  private retire(error: ProcessingError): void {
    const job = this.job;
    this.job = null;
    const at = idle.indexOf(this);
    if (at >= 0) idle.splice(at, 1);
    if (job) {
      clearTimeout(job.timer);
      job.reject(error);
    }
    if (!this.retired) void this.terminate();
  }
}

function settle(reply: WorkerReply, job: Job): void {
  if (reply.ok) {
    job.resolve(reply.result);
    return;
  }
  if (reply.kind === "processing") {
    job.reject(new ProcessingError(reply.message));
    return;
  }
  const error: Error & { code?: string } = new Error(reply.message);
  if (reply.code) error.code = reply.code;
  job.reject(error);
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} seconds`;
  return `${Math.round(ms / 60_000)} minutes`;
}
