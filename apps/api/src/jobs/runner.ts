import type { Db } from "../db/client";
import type { Logger } from "../logger";
import { type ClaimedJob, claimJob, completeJob, failJob } from "./queue";

export interface JobHandler {
  run(payload: Record<string, unknown>, job: ClaimedJob): Promise<void>;
  /** A failure that will not mend by retrying (a corrupt file): stop at once. */
  isPermanent?(err: unknown): boolean;
  /** Called once when the job has failed for good. */
  onFailed?(payload: Record<string, unknown>, error: string): Promise<void>;
}

/** Polls the jobs table in-process; one job at a time (the box has two cores). */
export class JobRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly db: Db,
    private readonly handlers: Record<string, JobHandler>,
    private readonly logger: Logger,
    private readonly idleMs = 500,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Wake up now (after an enqueue) instead of at the next poll. */
  kick(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Runs due jobs until none is left; tests call this to make progress deterministically. */
  async drain(): Promise<number> {
    let n = 0;
    while (await this.runOne()) n++;
    return n;
  }

  private schedule(ms: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.loop().finally(() => {
        this.running = null;
      });
    }, ms);
  }

  private async loop() {
    let didWork = false;
    try {
      didWork = await this.runOne();
    } catch (err) {
      this.logger.error({ err }, "job poll failed");
    }
    if (!this.stopped) this.schedule(didWork ? 0 : this.idleMs);
  }

  private async runOne(): Promise<boolean> {
    const job = await claimJob(this.db);
    if (!job) return false;
    const handler = this.handlers[job.kind];
    const log = this.logger.child({ job: job.id, kind: job.kind, attempt: job.attempts });
    const started = Date.now();
    if (!handler) {
      await failJob(this.db, job, `No handler for job kind ${job.kind}`, true);
      log.error("job has no handler");
      return true;
    }
    try {
      await handler.run(job.payload, job);
      await completeJob(this.db, job.id);
      log.info({ ms: Date.now() - started }, "job done");
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const outcome = await failJob(this.db, job, message, handler.isPermanent?.(err) ?? false);
      log.warn({ ms: Date.now() - started, outcome, error: message }, "job failed");
      if (outcome === "failed") await handler.onFailed?.(job.payload, message);
    }
    return true;
  }
}
