import { scheduleWeeklySummary } from "./analytics/weekly-summary";
import { notifyEndedLinks } from "./assets/ended-links";
import { removeAbandonedUploads } from "./assets/unsaved-uploads";
import type { AppDeps } from "./deps";
import { clearUploadStaging, STAGED_UPLOAD_QUIET_MS } from "./files/upload-staging";
import { backfillVisits, summarizeFinishedVisits } from "./tracking/link-visits";

/** Work done on a clock rather than on a request; each is safe to run in several processes at once. */
const tasks: { name: string; everyMs: number; run: (deps: AppDeps) => Promise<number> }[] = [
  // a visit is summed up for the link's maker once the prospect has gone quiet
  { name: "visit summaries", everyMs: 60_000, run: (d) => summarizeFinishedVisits(d.database.db) },
  // an asset that expired ends its links; the makers are told
  { name: "ended links", everyMs: 60_000, run: (d) => notifyEndedLinks(d.database.db) },
  {
    name: "abandoned uploads",
    everyMs: 60 * 60_000,
    run: (d) => removeAbandonedUploads(d.database.db, d.storage),
  },
  // rate-limit counters in Postgres whose windows have long ended (Redis and memory expire their own)
  { name: "expired limits", everyMs: 5 * 60_000, run: (d) => d.limiters.sweep() },
  // last week's summary, once per week across every process (mailed when SMTP_URL is set)
  {
    name: "weekly summary",
    everyMs: 5 * 60_000,
    run: (d) => scheduleWeeklySummary(d.database.db, d.config.weeklySummary),
  },
  // partial files of uploads cut off mid-way (a dropped connection, a crash)
  {
    name: "partial uploads",
    everyMs: 60 * 60_000,
    run: async (d) => (await clearUploadStaging(d.config.dataDir, STAGED_UPLOAD_QUIET_MS)).files,
  },
];

/** Starts the clock (and runs each task once now, after the visits backfill); returns the stop. */
export function startHousekeeping(deps: AppDeps): () => void {
  const run = (task: (typeof tasks)[number]) =>
    task.run(deps).then(
      (n) => n > 0 && deps.logger.info({ task: task.name, n }, "housekeeping"),
      (err: Error) => deps.logger.warn({ task: task.name, err: err.message }, "housekeeping failed"),
    );
  const timers = tasks.map((task) => {
    const timer = setInterval(() => void run(task), task.everyMs);
    timer.unref();
    return timer;
  });
  void backfillVisits(deps.database.db)
    .catch((err: Error) => deps.logger.warn({ err: err.message }, "visit backfill failed"))
    .then(() => Promise.all(tasks.map(run)));
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}
