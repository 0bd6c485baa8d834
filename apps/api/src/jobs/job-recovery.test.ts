import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openTestDatabase } from "../../testing/server";
import { loadConfig } from "../config";
import type { Database } from "../db/client";
import { jobs } from "../db/schema";
import { uploadStagingDir } from "../files/upload-staging";
import { createLogger } from "../logger";
import { startServices } from "../services";
import { claimJob, enqueueJob } from "./queue";
import { type JobHandler, JobRunner } from "./runner";

const logger = createLogger("silent");
let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const jobRow = async (id: number) => {
  const [row] = await database.db.select().from(jobs).where(eq(jobs.id, id));
  return row;
};

/** A handler that records each run and takes `ms` to finish one. */
function recordingHandler(ms = 0) {
  const runs: number[] = [];
  let ran: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    ran = resolve;
  });
  const handler: JobHandler = {
    async run(_payload, job) {
      runs.push(job.attempts);
      await new Promise((r) => setTimeout(r, ms));
      ran();
    },
  };
  return { handler, runs, done };
}

describe("job leases", () => {
  it("runs a job again once the worker that claimed it stops renewing its lease", async () => {
    const id = await enqueueJob(database.db, "send_mail", {});
    // a worker claims the job and dies: it never renews the lease, never finishes
    const claimed = await claimJob(database.db, ["send_mail"], 1);
    expect(claimed?.id).toBe(id);

    const { handler, runs, done } = recordingHandler();
    const survivor = new JobRunner(database.db, { send_mail: handler }, logger, {
      idleMs: 50,
      leaseMs: 1000,
    });
    survivor.start();
    try {
      await done;
    } finally {
      await survivor.stop();
    }
    expect(runs).toEqual([2]);
    expect(await jobRow(id)).toMatchObject({ status: "done", attempts: 2 });
  });

  it("keeps a job that outlasts its lease with it, by the heartbeat", async () => {
    const id = await enqueueJob(database.db, "send_mail", {});
    const { handler, runs, done } = recordingHandler(1500);
    const options = { idleMs: 50, leaseMs: 400 };
    // two workers on one table: the second must not take over the first one's running job
    const first = new JobRunner(database.db, { send_mail: handler }, logger, options);
    const second = new JobRunner(database.db, { send_mail: handler }, logger, options);
    first.start();
    second.start();
    try {
      await done;
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
    expect(runs).toEqual([1]);
    expect(await jobRow(id)).toMatchObject({ status: "done", attempts: 1 });
  });

  it("fails a job for good when every attempt ended with its worker", async () => {
    const id = await enqueueJob(database.db, "send_mail", {}, { maxAttempts: 2 });
    await claimJob(database.db, ["send_mail"], 1);
    await database.db.update(jobs).set({ status: "running", attempts: 2 }).where(eq(jobs.id, id));
    const failures: string[] = [];
    const handler: JobHandler = {
      run: async () => {
        throw new Error("must not run a third time");
      },
      onFailed: async (_payload, error) => {
        failures.push(error);
      },
    };
    const runner = new JobRunner(database.db, { send_mail: handler }, logger, { leaseMs: 1 });
    await new Promise((r) => setTimeout(r, 20));
    await runner.drain();
    const row = await jobRow(id);
    expect(row?.status).toBe("failed");
    expect(row?.lastError).toMatch(/stopped 2 times while running/);
    expect(failures).toHaveLength(1);
  });
});

describe("starting on the embedded database", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "pitchside-recovery-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = () =>
    loadConfig({
      DATA_DIR: dataDir,
      MEILI_URL: inject("meiliUrl"),
      MEILI_MASTER_KEY: inject("meiliKey"),
      LOG_LEVEL: "silent",
      SOFFICE_PATH: "off",
      FFMPEG_PATH: "off",
    });

  it("requeues the jobs a killed process was running and removes its partial uploads", async () => {
    const before = await startServices(config(), logger, { workers: false });
    const { db } = before.deps.database;
    const id = await enqueueJob(db, "process_version", { versionId: crypto.randomUUID() });
    // the process was running it, its lease fresh, when it was killed
    expect((await claimJob(db, ["process_version"], 30))?.id).toBe(id);
    const staging = uploadStagingDir(dataDir);
    mkdirSync(staging, { recursive: true });
    writeFileSync(path.join(staging, "3f1c0e7a9b"), Buffer.alloc(64 * 1024));
    await before.stop();

    const after = await startServices(config(), logger, { workers: false });
    try {
      const [row] = await after.deps.database.db.select().from(jobs).where(eq(jobs.id, id));
      expect(row).toMatchObject({ status: "queued", lockedAt: null });
      expect(row?.runAt.getTime()).toBeLessThanOrEqual(Date.now());
      expect(readdirSync(staging)).toEqual([]);
    } finally {
      await after.stop();
    }
  });
});
