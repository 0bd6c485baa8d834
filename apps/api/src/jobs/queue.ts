import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { jobs } from "../db/schema";

export type JobKind = "process_version" | "render_version" | "send_mail";

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

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

/** A job left `running` this long belonged to a process that died: run it again. */
export const STALE_AFTER_SECONDS = 600;

/** Claims the next due job of one of `kinds`; SKIP LOCKED lets any number of workers share the table. */
export async function claimJob(db: Db, kinds: string[]): Promise<ClaimedJob | null> {
  const result = await db.execute(sql`
    update jobs set status = 'running', locked_at = now(), attempts = attempts + 1, updated_at = now()
    where id = (
      select id from jobs
      where kind in ${kinds}
        and ((status = 'queued' and run_at <= now())
          or (status = 'running' and locked_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS})))
      order by run_at, id
      limit 1
      for update skip locked
    )
    returning id, kind, payload, attempts, max_attempts`);
  const row = (result as unknown as { rows: Record<string, unknown>[] }).rows[0];
  if (!row) return null;
  return {
    id: Number(row.id),
    kind: String(row.kind),
    payload: (row.payload ?? {}) as Record<string, unknown>,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
  };
}

export async function completeJob(db: Db, id: number): Promise<void> {
  await db.execute(
    sql`update jobs set status = 'done', locked_at = null, updated_at = now() where id = ${id}`,
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
    where id = ${job.id}`);
  return final ? "failed" : "retry";
}
