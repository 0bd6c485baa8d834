import { sql } from "drizzle-orm";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Db } from "../db/client";
import type { Logger } from "../logger";

const rowsOf = (result: unknown) => (result as { rows: Record<string, unknown>[] }).rows;

/**
 * The app's Prometheus instruments, in a registry of its own: tests build several apps in one
 * process, and each must count only its own requests. Queue and outbox figures are read from the
 * database when scraped, so every process reports the same shared backlog.
 */
export class AppMetrics {
  readonly registry = new Registry();
  readonly requestSeconds: Histogram<"method" | "route" | "status">;
  /** A search or suggestion answered by the database because Meilisearch was away or slow. */
  readonly searchFallbacks: Counter<"call">;
  /** Tracked events stored (retries of an event already stored are not counted). */
  readonly eventsIngested: Counter<"source">;

  constructor(db: Db, jobKinds: readonly string[], logger: Logger) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requestSeconds = new Histogram({
      name: "pitchside_http_request_duration_seconds",
      help: "HTTP request latency by route (Express route pattern or tRPC procedure, never the raw URL)",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.searchFallbacks = new Counter({
      name: "pitchside_search_fallbacks_total",
      help: "Searches and suggestions answered from the database because Meilisearch did not answer",
      labelNames: ["call"],
      registers,
    });
    this.eventsIngested = new Counter({
      name: "pitchside_events_ingested_total",
      help: "Tracked events stored, by where they came from (api: portal and extension; viewer: shared links)",
      labelNames: ["source"],
      registers,
    });
    const failed = (what: string) => (err: unknown) =>
      logger.warn({ err: (err as Error).message }, `metrics: could not read ${what}`);

    new Gauge({
      name: "pitchside_jobs",
      help: "Jobs queued (due or waiting to retry) and running, by kind",
      labelNames: ["kind", "status"],
      registers,
      async collect() {
        this.reset();
        for (const kind of jobKinds)
          for (const status of ["queued", "running"]) this.set({ kind, status }, 0);
        const result = await db
          .execute(sql`select kind, status::text as status, count(*)::int as n from jobs
            where status in ('queued', 'running') group by kind, status`)
          .catch(failed("the job queue"));
        for (const row of result ? rowsOf(result) : []) {
          this.set({ kind: String(row.kind), status: String(row.status) }, Number(row.n));
        }
      },
    });
    new Gauge({
      name: "pitchside_job_oldest_queued_seconds",
      help: "How long the oldest due job of each kind has waited to start (0 when none waits)",
      labelNames: ["kind"],
      registers,
      async collect() {
        this.reset();
        for (const kind of jobKinds) this.set({ kind }, 0);
        const result = await db
          .execute(sql`select kind, extract(epoch from now() - min(run_at))::float8 as age from jobs
            where status = 'queued' and run_at <= now() group by kind`)
          .catch(failed("the job queue"));
        for (const row of result ? rowsOf(result) : []) this.set({ kind: String(row.kind) }, Number(row.age));
      },
    });
    new Gauge({
      name: "pitchside_search_outbox_backlog",
      help: "Asset changes written to the database and not yet indexed in Meilisearch",
      registers,
      async collect() {
        const result = await db
          .execute(sql`select count(*)::int as n from search_outbox`)
          .catch(failed("the search outbox"));
        const row = result ? rowsOf(result)[0] : undefined;
        if (row) this.set(Number(row.n));
      },
    });
  }
}
