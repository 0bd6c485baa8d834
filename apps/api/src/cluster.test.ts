/**
 * Two API processes on one Postgres database, one Meilisearch and one S3 bucket (s3rver), each with a
 * data directory of its own, as docs/deploy.md lays out production. Needs a Postgres server: it runs in the suite's Postgres pass (DATABASE_URL,
 * as .ci/run sets it), not in the PGlite one, so CI runs it once.
 */
import { readdirSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Cluster,
  type ClusterNode,
  clusterClient,
  clusterToken,
  isAlive,
  s3ClusterStorage,
  startCluster,
} from "../testing/cluster-harness";
import { makeUser, uploadFile } from "../testing/factories";
import { makePdf } from "../testing/test-files";

const POLL_MS = 200;
// generous: on a shared two-core machine processing and indexing wait their turn
const PATIENCE_MS = 45_000;

/** Asks `probe` again until it gives a value; a cluster works in the background, so tests wait for it. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`still waiting after ${PATIENCE_MS / 1000} s: ${what}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Files a process wrote under its own DATA_DIR/files (none when the bucket holds them). */
const filesOnDisk = (node: ClusterNode) => {
  try {
    return readdirSync(`${node.dataDir}/files`, { recursive: true });
  } catch {
    return [];
  }
};

describe.skipIf(!process.env.DATABASE_URL)(
  "two API processes (Postgres pass only: needs DATABASE_URL)",
  { timeout: 60_000 },
  () => {
    let cluster: Cluster;
    let a: ClusterNode;
    let b: ClusterNode;
    let token: string;
    let stopped = false;

    const searchIds = async (node: ClusterNode, q: string) => {
      const result = await clusterClient(node, token).search.query.query({ q });
      return { ids: result.hits.map((h) => h.asset.id), degraded: result.degraded };
    };

    beforeAll(async () => {
      cluster = await startCluster({ processes: 2, storage: s3ClusterStorage });
      [a, b] = cluster.nodes as [ClusterNode, ClusterNode];
      token = await clusterToken(a, cluster.admin);
    }, 120_000);

    afterAll(async () => {
      if (!stopped) await cluster?.stop();
    }, 30_000);

    it("a token from a sign-in on A is accepted by B", async () => {
      const me = await clusterClient(b, token).auth.me.query();
      expect(me.user.email).toBe(cluster.admin.email);
      expect(me.via).toBe("token");
    });

    it("a PDF uploaded through A is downloaded and found by search through B once processed", async () => {
      const pdf = await makePdf({ pages: ["Cluster overview", "The narwhal migration plan"] });
      const up = await uploadFile(
        a.url,
        { token },
        { name: "narwhal.pdf", data: pdf, meta: { title: "Narwhal plan" } },
      );
      expect(up.status).toBe(201);
      const assetId = up.body.assetId ?? "";

      const download = await fetch(`${b.url}/api/files/${up.body.versionId}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);

      // the words come from inside the file: found only once some process has run its job and indexed it
      const hits = await eventually("B finds the PDF by a word on its second page", async () => {
        const { ids } = await searchIds(b, "narwhal migration");
        return ids.includes(assetId) ? ids : undefined;
      });
      expect(hits).toContain(assetId);
      // the file, its pages and its card live in the bucket: neither process kept one on its own disk
      for (const node of cluster.nodes) expect(filesOnDisk(node)).toEqual([]);
    });

    it("a sign-out on A is refused on B at once, though B had just accepted the token", async () => {
      const user = await makeUser(cluster.database.db, { role: "rep" });
      const own = await clusterToken(a, user);
      expect((await clusterClient(b, own).auth.me.query()).user.email).toBe(user.email);
      await clusterClient(a, own).auth.logout.mutate();
      // the next request, with no wait: B heard the sign-out when it committed
      await expect(clusterClient(b, own).auth.me.query()).rejects.toThrow(/UNAUTHORIZED|sign in/i);
    });

    it("counts sign-in attempts in one budget: five wrong passwords on A, the sixth try on B is throttled", async () => {
      const user = await makeUser(cluster.database.db, { role: "rep" });
      const attempt = async (node: ClusterNode, password: string) =>
        (
          await fetch(`${node.url}/trpc/auth.login`, {
            method: "POST",
            headers: { "content-type": "application/json", origin: node.url },
            body: JSON.stringify({ email: user.email, password, client: "extension" }),
          })
        ).status;
      for (let i = 0; i < 5; i += 1) expect(await attempt(a, `wrong-password-${i}`)).toBe(401);
      // even the right password waits: this address used up the account's tries, on A
      expect(await attempt(b, user.password)).toBe(429);
    });

    it("runs each job exactly once across both processes", async () => {
      const uploads = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          uploadFile(
            i % 2 === 0 ? a.url : b.url,
            { token },
            {
              name: `note-${i}.md`,
              data: `# Note ${i}\n\nA short note about the quokka census, number ${i}.\n`,
              meta: { title: `Quokka note ${i}` },
            },
          ),
        ),
      );
      for (const up of uploads) expect(up.status).toBe(201);

      const { db } = cluster.database;
      type JobRow = { id: number; status: string; attempts: number };
      const rows = await eventually("every job has finished", async () => {
        // the uploads' jobs: the weekly summary's, which housekeeping enqueues on its own clock, aside
        const result = await db.execute(
          sql`select id, status, attempts from jobs where kind <> 'weekly_summary' order by id`,
        );
        const jobs = (result as unknown as { rows: JobRow[] }).rows;
        return jobs.length > 0 && jobs.every((j) => j.status === "done" || j.status === "failed")
          ? jobs
          : undefined;
      });
      // two per markdown upload and two for the PDF above: its text, then its pictures
      expect(rows).toHaveLength(2 * (uploads.length + 1));
      expect(rows.filter((j) => j.status !== "done")).toEqual([]);
      // each claim counts an attempt: one each means no second process ever took a job
      expect(rows.filter((j) => Number(j.attempts) !== 1)).toEqual([]);

      // and each process's log says which jobs it finished: every job in exactly one log, once
      const finishedBy = new Map<number, string[]>();
      for (const node of cluster.nodes) {
        for (const line of node.logLines()) {
          if (line.msg !== "job done" && line.msg !== "job failed") continue;
          const id = Number(line.job);
          finishedBy.set(id, [...(finishedBy.get(id) ?? []), node.name]);
        }
      }
      const summaries = await db.execute(sql`select id from jobs where kind = 'weekly_summary'`);
      for (const { id } of (summaries as unknown as { rows: { id: number }[] }).rows)
        finishedBy.delete(Number(id));
      expect([...finishedBy.keys()].sort((x, y) => x - y)).toEqual(rows.map((j) => Number(j.id)));
      expect([...finishedBy.values()].filter((names) => names.length !== 1)).toEqual([]);
    });

    it("loses no search while the index is rebuilt and swapped, with both processes serving", async () => {
      const { ids: before } = await searchIds(a, "narwhal");
      expect(before).toHaveLength(1);
      const [assetId] = before;

      let reindexing = true;
      const reindex = clusterClient(a, token)
        .admin.reindex.mutate()
        .finally(() => {
          reindexing = false;
        });
      const answers: { node: string; found: boolean; degraded: boolean }[] = [];
      const searchLoop = async (node: ClusterNode) => {
        // one search at least after the swap too
        for (let last = false; !last; ) {
          last = !reindexing;
          const { ids, degraded } = await searchIds(node, "narwhal");
          answers.push({ node: node.name, found: ids.includes(assetId ?? ""), degraded });
        }
      };
      await Promise.all([searchLoop(a), searchLoop(b), reindex]);

      expect((await reindex).documents).toBe(1 + 16);
      expect(answers.filter((x) => x.node === "A").length).toBeGreaterThan(1);
      expect(answers.filter((x) => x.node === "B").length).toBeGreaterThan(1);
      // every answer came from Meilisearch (not the database fallback) and held the asset
      expect(answers.filter((x) => !x.found || x.degraded)).toEqual([]);
    });

    it("leaves no process behind when stopped", async () => {
      const pids = cluster.pids;
      expect(pids.length).toBe(4);
      stopped = true;
      await cluster.stop();
      expect(pids.filter(isAlive)).toEqual([]);
    });
  },
);
