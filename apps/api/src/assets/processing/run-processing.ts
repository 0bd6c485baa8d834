import { Worker } from "node:worker_threads";
import type { DetectedFile } from "./detect-type";
import type { ProcessingResult } from "./extract";
import { ProcessingError } from "./processing-error";
import type { WorkerData, WorkerReply, WorkerRequest } from "./worker";

export interface RunProcessingOptions {
  /** The worker is terminated past this; default 120 000 (2 minutes). */
  timeoutMs?: number;
  /** V8 heap of the worker; default 1024. Running out fails the file, not the API. */
  maxMemoryMb?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_MEMORY_MB = 1024;
/** Loading tsx, pdf.js and canvas costs a worker about two seconds: one is kept warm between files. */
const MAX_IDLE_WORKERS = 1;
/** A worker is replaced after this many files, so whatever a file left behind does not pile up. */
const MAX_FILES_PER_WORKER = 100;

/**
 * The worker is TypeScript source in every setting (the API under
 * `node --import tsx`, vitest); a small JavaScript entry loads it through tsx.
 */
const workerEntry = new URL("./worker-entry.mjs", import.meta.url);
const workerData: WorkerData = { entry: new URL("./worker.ts", import.meta.url).href };

let nextRequestId = 1;
const idle: ProcessingWorker[] = [];

/**
 * `processFile` in a worker thread, so a huge or hostile file can neither block
 * the API's event loop nor take the process down: the worker has its own heap
 * limit and is terminated when it runs too long; both become a ProcessingError.
 * File-system errors (the stored file is missing) are rethrown as they are, so
 * a job can retry them.
 */
export async function runProcessing(
  filePath: string,
  file: DetectedFile,
  opts: RunProcessingOptions = {},
): Promise<ProcessingResult> {
  const maxMemoryMb = opts.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB;
  const index = idle.findIndex((w) => w.maxMemoryMb === maxMemoryMb);
  const worker = index >= 0 ? idle.splice(index, 1)[0] : undefined;
  return (worker ?? new ProcessingWorker(maxMemoryMb)).run(
    { id: nextRequestId++, filePath, file: { kind: file.kind, mime: file.mime, ext: file.ext } },
    opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
}

/** Terminates the warm workers (at shutdown; they never keep the process alive by themselves). */
export async function closeProcessingWorkers(): Promise<void> {
  await Promise.all(idle.splice(0).map((w) => w.terminate()));
}

interface Job {
  id: number;
  resolve: (result: ProcessingResult) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/** One worker thread, one file at a time; any crash, timeout or OOM retires it. */
class ProcessingWorker {
  private readonly worker: Worker;
  private job: Job | null = null;
  private filesDone = 0;
  private retired = false;

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

  run(request: WorkerRequest, timeoutMs: number): Promise<ProcessingResult> {
    return new Promise<ProcessingResult>((resolve, reject) => {
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
    await this.worker.terminate();
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
    const { thumbnail, ...rest } = reply.result;
    job.resolve({
      ...rest,
      thumbnail: thumbnail && {
        data: Buffer.from(thumbnail.data.buffer, thumbnail.data.byteOffset, thumbnail.data.byteLength),
        mime: thumbnail.mime,
      },
    });
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
