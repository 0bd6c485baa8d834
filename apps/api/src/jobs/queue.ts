import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { jobs } from "../db/schema";

export type JobKind = "process_version" | "render_version" | "send_mail" | "weekly_summary";

export async function enqueueJob(
  db: Db,
  kind: JobKind,
  payload: Record<string, unknown>,
  opts: { maxAttempts?: number } = {},
): Promise<number> {
  const [row] = await db
    .insert(jobs)
    .values({ kind, payload, maxAttempts: opts.maxAttempts ?? 5 })
    .returning({ id: jobs.id });
  if (!row) throw new Error("insert returned no row");
  return row.id;
}

/**
 * Enqueues a job at most once per `dedupeKey`, however many processes try (the key is unique in
 * the jobs table): the job's id, or null when one with that key was already enqueued.
 */
export async function enqueueJobOnce(
  db: Db,
  kind: JobKind,
  payload: Record<string, unknown>,
  dedupeKey: string,
): Promise<number | null> {
  const [row] = await db
    .insert(jobs)
    .values({ kind, payload, dedupeKey })
    .onConflictDoNothing({ target: jobs.dedupeKey, where: sql`${jobs.dedupeKey} is not null` })
    .returning({ id: jobs.id });
  return row?.id ?? null;
}

/**
 * A claimed job. `attempts` doubles as the claim's fencing token: a worker that lost its lease
 * (paused past it, another worker took the job over) can no longer renew, complete or fail it.
 */
export interface ClaimedJob {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

const rowsOf = (result: unknown) => (result as { rows: Record<string, unknown>[] }).rows;

/**
 * Claims the next due job of one of `kinds`, or a running one whose lease (its `locked_at`, renewed
 * by the worker's heartbeat) is older than `leaseSeconds`: its worker died. SKIP LOCKED lets any
 * number of workers share the table.
 */
export async function claimJob(db: Db, kinds: string[], leaseSeconds: number): Promise<ClaimedJob | null> {
  const result = await db.execute(sql`
    update jobs set status = 'running', locked_at = now(), attempts = attempts + 1, updated_at = now()
    where id = (
      select id from jobs
      where kind in ${kinds}
        and ((status = 'queued' and run_at <= now())
          or (status = 'running' and locked_at < now() - make_interval(secs => ${leaseSeconds})))
      order by run_at, id
      limit 1
      for update skip locked
    )
    returning id, kind, payload, attempts, max_attempts`);
  const row = rowsOf(result)[0];
  if (!row) return null;
  return {
    id: Number(row.id),
    kind: String(row.kind),
    payload: (row.payload ?? {}) as Record<string, unknown>,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
  };
}

const ours = (job: ClaimedJob) => sql`id = ${job.id} and status = 'running' and attempts = ${job.attempts}`;

/** The heartbeat: false when the job is no longer ours (its lease ran out and another worker took it). */
export async function renewLease(db: Db, job: ClaimedJob): Promise<boolean> {
  const result = await db.execute(sql`update jobs set locked_at = now() where ${ours(job)} returning id`);
  return rowsOf(result).length > 0;
}

export async function completeJob(db: Db, job: ClaimedJob): Promise<void> {
  await db.execute(
    sql`update jobs set status = 'done', locked_at = null, updated_at = now() where ${ours(job)}`,
  );
}

/**
 * Gives a job this worker cannot finish (it is shutting down) back to the queue, due now, for any
 * worker to take. Its attempt stays counted, so the fencing token moves on with the next claim and
 * the abandoned run can no longer complete or fail it.
 */
export async function releaseJob(db: Db, job: ClaimedJob): Promise<void> {
  await db.execute(
    sql`update jobs set status = 'queued', locked_at = null, run_at = now(), updated_at = now() where ${ours(job)}`,
  );
}

/** Backs off 2, 4, 8 … seconds (at most 5 minutes); gives up after maxAttempts or when told. */
export async function failJob(
  db: Db,
  job: ClaimedJob,
  error: string,
  permanent: boolean,
): Promise<"retry" | "failed"> {
  const final = permanent || job.attempts >= job.maxAttempts;
  const delay = Math.min(300, 2 ** job.attempts);
  await db.execute(sql`
    update jobs set
      status = ${final ? "failed" : "queued"}::job_status,
      run_at = now() + make_interval(secs => ${delay}),
      locked_at = null, last_error = ${error.slice(0, 2000)}, updated_at = now()
    where ${ours(job)}`);
  return final ? "failed" : "retry";
}

/**
 * Puts every running job back in the queue, due now. Only for a database no other process can
 * hold (the embedded one, under the data-directory lock): whatever is running there belonged to a
 * process that is gone, so waiting for its lease would only delay it.
 */
export async function requeueRunningJobs(db: Db): Promise<number> {
  const result = await db.execute(sql`
    update jobs set status = 'queued', locked_at = null, run_at = now(), updated_at = now()
    where status = 'running' returning id`);
  return rowsOf(result).length;
}
