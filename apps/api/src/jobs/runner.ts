import type { Db } from "../db/client";
import type { Logger } from "../logger";
import { type ClaimedJob, claimJob, completeJob, failJob, releaseJob, renewLease } from "./queue";

export interface JobHandler {
  run(payload: Record<string, unknown>, job: ClaimedJob): Promise<void>;
  /** A failure that will not mend by retrying (a corrupt file): stop at once. */
  isPermanent?(err: unknown): boolean;
  /** Called once when the job has failed for good. */
  onFailed?(payload: Record<string, unknown>, error: string): Promise<void>;
}

export interface JobRunnerOptions {
  idleMs?: number;
  /**
   * How long a claimed job stays ours without a heartbeat (default 30 s); the heartbeat renews it
   * six times as often, so a job whose worker died runs again within this time.
   */
  leaseMs?: number;
  /**
   * Kinds that run side by side, each lane one job at a time: a slow kind
   * (LibreOffice converting a deck) in a lane of its own never holds up a
   * quick one (reading the next upload's text). Default: one lane for all.
   */
  lanes?: string[][];
}

/** Polls the jobs table in-process, one job at a time per lane (the box has two cores). */
export class JobRunner {
  private readonly lanes: Lane[];

  constructor(db: Db, handlers: Record<string, JobHandler>, logger: Logger, opts: JobRunnerOptions = {}) {
    const kinds = opts.lanes ?? [Object.keys(handlers)];
    const timing = { idleMs: opts.idleMs ?? 500, leaseMs: opts.leaseMs ?? 30_000 };
    this.lanes = kinds.map((laneKinds) => new Lane(db, handlers, laneKinds, logger, timing));
  }

  start(): void {
    for (const lane of this.lanes) lane.start();
  }

  /** Wake up now (after an enqueue) instead of at the next poll. */
  kick(): void {
    for (const lane of this.lanes) lane.kick();
  }

  /**
   * Claims nothing more and waits for the jobs running now. A job still running when `deadline`
   * settles (a shutdown's) goes back to the queue for another process, and is left behind here.
   */
  async stop(deadline?: Promise<unknown>): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.stop(deadline)));
  }

  /** Runs due jobs until none is left in any lane; tests call this to make progress deterministically. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      let round = 0;
      for (const lane of this.lanes) round += await lane.drain();
      if (round === 0) return total;
      total += round;
    }
  }
}

class Lane {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  /** The job this lane is running, with its heartbeat. */
  private current: { job: ClaimedJob; heartbeat: NodeJS.Timeout } | null = null;

  constructor(
    private readonly db: Db,
    private readonly handlers: Record<string, JobHandler>,
    private readonly kinds: string[],
    private readonly logger: Logger,
    private readonly timing: { idleMs: number; leaseMs: number },
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  kick(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  async stop(deadline: Promise<unknown> | undefined): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const running = this.running;
    if (!running) return;
    const late = deadline?.then(() => "late" as const) ?? new Promise<never>(() => undefined);
    const outcome = await Promise.race([running.then(() => "done" as const), late]);
    const current = this.current;
    if (outcome === "done" || !current) return;
    clearInterval(current.heartbeat);
    this.current = null;
    this.running = null;
    await releaseJob(this.db, current.job);
    this.logger.warn(
      { job: current.job.id, kind: current.job.kind },
      "job still running at shutdown: given back to the queue for another process",
    );
  }

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
    if (!this.stopped) this.schedule(didWork ? 0 : this.timing.idleMs);
  }

  private async runOne(): Promise<boolean> {
    const job = await claimJob(this.db, this.kinds, this.timing.leaseMs / 1000);
    if (!job) return false;
    const handler = this.handlers[job.kind];
    const log = this.logger.child({ job: job.id, kind: job.kind, attempt: job.attempts });
    const started = Date.now();
    if (!handler) {
      await failJob(this.db, job, `No handler for job kind ${job.kind}`, true);
      log.error("job has no handler");
      return true;
    }
    if (job.attempts > job.maxAttempts) {
      // every attempt ended with its worker (a job that takes the process down must not loop forever)
      const message = `stopped ${job.maxAttempts} times while running: its process ended or lost the job's lease`;
      await failJob(this.db, job, message, true);
      log.error({ error: message }, "job failed");
      await handler.onFailed?.(job.payload, message);
      return true;
    }
    log.debug("job started");
    const heartbeat = this.heartbeat(job, log);
    this.current = { job, heartbeat };
    try {
      await handler.run(job.payload, job);
      await completeJob(this.db, job);
      log.info({ ms: Date.now() - started }, "job done");
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const outcome = await failJob(this.db, job, message, handler.isPermanent?.(err) ?? false);
      log.warn({ ms: Date.now() - started, outcome, error: message }, "job failed");
      if (outcome === "failed") await handler.onFailed?.(job.payload, message);
    } finally {
      clearInterval(heartbeat);
      if (this.current?.job === job) this.current = null;
    }
    return true;
  }

  /** Renews the job's lease while it runs; a lease not renewed for leaseMs lets another worker take the job. */
  private heartbeat(job: ClaimedJob, log: Logger): NodeJS.Timeout {
    let lost = false;
    const timer = setInterval(() => {
      renewLease(this.db, job).then(
        (held) => {
          if (!held && !lost) log.warn("job lease lost: another worker has taken the job over");
          lost ||= !held;
        },
        (err: Error) => log.warn({ err: err.message }, "job heartbeat failed"),
      );
    }, this.timing.leaseMs / 6);
    timer.unref();
    return timer;
  }
}
