import type { Db } from "../db/client";
import { events, searches, suggestionSignals } from "../db/schema";
import type { Logger } from "../logger";

type SearchRow = typeof searches.$inferInsert;
type EventRow = typeof events.$inferInsert;
type SignalRow = typeof suggestionSignals.$inferInsert;

/** Rows kept for a retry while the database is away; past it, the oldest go (with a warning). */
const MAX_PENDING = 20_000;

/**
 * Records that describe an answer rather than change anything (a search and its result count, the
 * suggestions shown) are written behind the answer: buffered for a moment, then inserted in
 * batches. The answer does not wait on the insert, bursts cost one statement, and a failed write is
 * retried on the next flush. `stop()` writes what is left, so a clean shutdown loses nothing.
 */
export class WriteBehind {
  private searches: SearchRow[] = [];
  private events: EventRow[] = [];
  private signals: SignalRow[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly delayMs = 200,
  ) {}

  search(row: SearchRow): void {
    this.searches.push(row);
    this.schedule();
  }

  event(rows: EventRow[]): void {
    this.events.push(...rows);
    this.schedule();
  }

  /** A suggestion request's taxonomy keys (Field signals). */
  signal(row: SignalRow): void {
    this.signals.push(row);
    this.schedule();
  }

  /** Writes everything buffered so far (tests call it before reading what was recorded). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  stop(): Promise<void> {
    return this.flush();
  }

  private schedule() {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
    this.timer.unref();
  }

  private async write() {
    await this.drain(this.searches, (rows) => this.db.insert(searches).values(rows));
    await this.drain(this.events, (rows) => this.db.insert(events).values(rows).onConflictDoNothing());
    await this.drain(this.signals, (rows) =>
      this.db.insert(suggestionSignals).values(rows).onConflictDoNothing(),
    );
  }

  private async drain<T>(queue: T[], insert: (rows: T[]) => Promise<unknown>) {
    while (queue.length > 0) {
      // a statement's parameters are bounded (65,535 in Postgres)
      const rows = queue.splice(0, 500);
      try {
        await insert(rows);
      } catch (err) {
        if (!rejectedRows(err)) return this.defer(queue, rows, err);
        // one bad row (its user deleted meanwhile, say) must not hold back the rest: row by row
        for (const [i, row] of rows.entries()) {
          try {
            await insert([row]);
          } catch (rowErr) {
            if (!rejectedRows(rowErr)) return this.defer(queue, rows.slice(i), rowErr);
            this.log.warn({ err: (rowErr as Error).message }, "recording dropped a row the database refuses");
          }
        }
      }
    }
  }

  /** The database is away: keep the rows (bounded) for the next try. */
  private defer<T>(queue: T[], rows: T[], err: unknown) {
    queue.unshift(...rows);
    const over = Math.max(queue.length - MAX_PENDING, 0);
    queue.splice(0, over);
    this.log.warn(
      { err: (err as Error).message, pending: queue.length, dropped: over },
      "recording deferred",
    );
    this.schedule();
  }
}

/** Postgres refused the data itself (SQLSTATE classes 22 and 23), as opposed to being unreachable. */
function rejectedRows(err: unknown): boolean {
  const code =
    (err as { cause?: { code?: unknown }; code?: unknown }).cause?.code ?? (err as { code?: unknown }).code;
  return typeof code === "string" && (code.startsWith("22") || code.startsWith("23"));
}
