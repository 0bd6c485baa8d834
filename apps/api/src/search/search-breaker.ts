import { MeilisearchApiError } from "meilisearch";
import type { Logger } from "../logger";

/** Thrown instead of calling Meilisearch while the breaker is open: the caller answers from the database. */
export class SearchSkippedError extends Error {
  override name = "SearchSkippedError";
  constructor() {
    super("Meilisearch did not answer in time; skipped until it answers a health probe");
  }
}

/** A refused request (a bad filter, a missing index) is no outage; anything else is: no answer, 5xx. */
function isOutage(err: unknown): boolean {
  if (err instanceof MeilisearchApiError) return (err.response?.status ?? 500) >= 500;
  return true;
}

const PROBE_EVERY_MS = 1000;

/**
 * A circuit breaker in front of Meilisearch for the calls a person waits on (search, suggest).
 * Each call gets `timeoutMs`; one that times out or finds Meilisearch away opens the breaker, and
 * from then on calls fail at once (the callers answer from the database) while a health probe runs
 * every second in the background; the first probe answered closes it. A hung Meilisearch (SIGSTOP,
 * a stalled disk) so costs one timeout, not one per request.
 */
export class SearchBreaker {
  private openSince: number | null = null;
  private probeTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Calls that failed for an outage: each opened the breaker (or found it opening). */
  outages = 0;

  constructor(
    private readonly timeoutMs: number,
    private readonly probe: (signal: AbortSignal) => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  get isOpen(): boolean {
    return this.openSince !== null;
  }

  async run<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.isOpen) throw new SearchSkippedError();
    try {
      return await call(AbortSignal.timeout(this.timeoutMs));
    } catch (err) {
      if (isOutage(err)) {
        this.outages++;
        this.open(err);
      }
      throw err;
    }
  }

  /** Meilisearch answered another call (the indexer's): no need to wait for the probe. */
  answered(): void {
    if (this.isOpen) this.close();
  }

  stop(): void {
    this.stopped = true;
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = null;
  }

  private open(err: unknown): void {
    if (this.isOpen) return;
    this.openSince = Date.now();
    this.logger.warn(
      { err: (err as Error).message, timeoutMs: this.timeoutMs },
      "Meilisearch is not answering; searches use the database until it does",
    );
    this.scheduleProbe();
  }

  private close(): void {
    const since = this.openSince;
    this.openSince = null;
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = null;
    if (since !== null) this.logger.info({ afterMs: Date.now() - since }, "Meilisearch answers again");
  }

  private scheduleProbe(): void {
    if (this.stopped || this.probeTimer) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      this.probe(AbortSignal.timeout(Math.max(this.timeoutMs, PROBE_EVERY_MS))).then(
        () => this.close(),
        () => {
          if (this.isOpen) this.scheduleProbe();
        },
      );
    }, PROBE_EVERY_MS);
    this.probeTimer.unref();
  }
}
