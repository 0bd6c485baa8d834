import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openTestDatabase } from "../../testing/server";
import { type Database, type Db, openPostgres } from "../db/client";
import { jobs } from "../db/schema";
import { createLogger } from "../logger";
import { enqueueJob } from "./queue";
import { type JobHandler, JobRunner } from "./runner";

/**
 * Two runners on one database, as two API processes would be. On Postgres (DATABASE_URL) each has
 * a connection pool of its own, so one can die while the other lives; on PGlite they share the
 * embedded instance, which only one process can open anyway.
 */
const logger = createLogger("silent");
let database: Database;
let peer: Database | null = null;

beforeAll(async () => {
  database = await openTestDatabase();
  const url = process.env.DATABASE_URL;
  if (url) {
    const result = await database.db.execute(sql`select current_database() as name`);
    const name = String((result as unknown as { rows: { name: string }[] }).rows[0]?.name);
    const target = new URL(url);
    target.pathname = `/${name}`;
    peer = await openPostgres(target.toString());
  }
});
afterAll(async () => {
  await peer?.close().catch(() => undefined); // the test may have closed it already
  await database?.close();
});

const peerDb = (): Db => peer?.db ?? database.db;

const statusOf = async (id: number) =>
  (await database.db.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, id)))[0]?.status;

describe("jobs across processes", () => {
  it("never runs one job twice when two processes share the queue", async () => {
    const runs = new Map<number, number>();
    const byRunner: [number, number] = [0, 0];
    const counting = (who: 0 | 1): JobHandler => ({
      async run(_payload, job) {
        runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
        byRunner[who] += 1;
        await new Promise((r) => setTimeout(r, Math.random() * 5));
      },
    });
    const ids: number[] = [];
    for (let i = 0; i < 150; i++) ids.push(await enqueueJob(database.db, "send_mail", { i }));
    const options = { idleMs: 20, leaseMs: 5000, lanes: [["send_mail"], ["send_mail"]] };
    // two lanes each: four claimers racing for the same rows
    const a = new JobRunner(database.db, { send_mail: counting(0) }, logger, options);
    const b = new JobRunner(peerDb(), { send_mail: counting(1) }, logger, options);
    a.start();
    b.start();
    try {
      await vi.waitFor(
        async () => {
          const [row] = await database.db
            .select({ n: sql<number>`count(*)::int` })
            .from(jobs)
            .where(eq(jobs.status, "done"));
          expect(row?.n).toBe(ids.length);
        },
        { timeout: 60_000, interval: 100 },
      );
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(ids.filter((id) => runs.get(id) !== 1)).toEqual([]);
    expect(byRunner[0] + byRunner[1]).toBe(ids.length);
    console.log(`150 jobs over two runners: ${byRunner[0]} and ${byRunner[1]}, each run once`);
  });

  it("moves a dead process's job to the other within its lease", async () => {
    const leaseMs = 1000;
    const id = await enqueueJob(database.db, "send_mail", {});
    let claimed: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      claimed = resolve;
    });
    let unblock: (err: Error) => void = () => undefined;
    const stuck: JobHandler = {
      run: () => {
        claimed();
        // it never finishes by itself: its process dies holding it
        return new Promise<void>((_, reject) => {
          unblock = reject;
        });
      },
    };
    const survivorRuns: number[] = [];
    const survivor: JobHandler = {
      async run(_payload, job) {
        survivorRuns.push(job.attempts);
      },
    };
    // on PGlite the dying runner's heartbeat is slowed past the lease instead of its connection cut
    const dying = new JobRunner(peerDb(), { send_mail: stuck }, logger, {
      idleMs: 20,
      leaseMs: peer ? leaseMs : 60_000,
    });
    dying.start();
    await started;
    const diedAt = Date.now();
    if (peer) await peer.close(); // the process is gone: no heartbeat, no connection

    const other = new JobRunner(database.db, { send_mail: survivor }, logger, { idleMs: 50, leaseMs });
    other.start();
    try {
      await vi.waitFor(async () => expect(await statusOf(id)).toBe("done"), {
        timeout: 15_000,
        interval: 50,
      });
    } finally {
      await other.stop();
      const stopping = dying.stop();
      unblock(new Error("the process is gone"));
      await stopping.catch(() => undefined);
    }
    console.log(
      `a dead runner's job ran elsewhere ${Date.now() - diedAt} ms after it died (lease ${leaseMs} ms)`,
    );
    expect(survivorRuns).toEqual([2]);
  });

  it("gives a job back to the queue when a shutdown's deadline passes, and fences the cut-off run", async () => {
    const id = await enqueueJob(database.db, "send_mail", {});
    let finish: () => void = () => undefined;
    let claimed: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      claimed = resolve;
    });
    const slow: JobHandler = {
      run: () => {
        claimed();
        return new Promise<void>((resolve) => {
          finish = resolve;
        });
      },
    };
    const leaving = new JobRunner(database.db, { send_mail: slow }, logger, { idleMs: 20 });
    leaving.start();
    await started;
    await leaving.stop(Promise.resolve()); // the deadline has passed
    expect(await statusOf(id)).toBe("queued");

    const attempts: number[] = [];
    const next = new JobRunner(
      database.db,
      { send_mail: { run: async (_p, job) => void attempts.push(job.attempts) } },
      logger,
    );
    await next.drain();
    finish(); // the cut-off run ends late: its completion must not count
    expect(attempts).toEqual([2]);
    expect(await statusOf(id)).toBe("done");
  });
});
