import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeLinkAsset, makeUser } from "../../testing/factories";
import { loginToken, startTestServer, type TestServer } from "../../testing/server";
import { type RunningMeili, spawnMeili } from "./meili-process";

// This file kills and pauses Meilisearch, so it runs one of its own (not the run's shared one).
const dataDir = mkdtempSync(path.join(tmpdir(), "pitchside-supervision-"));
const logs: Record<string, unknown>[] = [];
const log = pino({ level: "info" }, { write: (line: string) => void logs.push(JSON.parse(line)) });
let meili: RunningMeili;
let server: TestServer;
let repToken: string;
let assetId: string;

beforeAll(async () => {
  meili = await spawnMeili({ binary: process.env.MEILI_BINARY, dataDir, log });
  server = await startTestServer({ SEARCH_TIMEOUT_MS: "400" }, { meili });
  const { db } = server.deps.database;
  const marketer = await makeUser(db, { role: "marketer" });
  const rep = await makeUser(db, { role: "rep" });
  repToken = await loginToken(server, rep.email, rep.password);
  assetId = await makeLinkAsset(db, marketer, { title: "Narwhal onboarding plan" });
  await server.settle();
});
afterAll(async () => {
  const pid = await meili?.processId();
  if (pid) process.kill(pid, "SIGCONT");
  await server?.close();
  await meili?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const search = () => server.client({ token: repToken }).search.query.query({ q: "narwhal" });

describe("a supervised Meilisearch", () => {
  it("is started with its indexing memory capped", async () => {
    const pid = await meili.processId();
    const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    expect(args[args.indexOf("--max-indexing-memory") + 1]).toBe("256Mb");
  });

  it("comes back after it is killed, with its exit logged, and /health and search recover", async () => {
    expect((await search()).degraded).toBe(false);
    const pid = await meili.processId();
    if (!pid) throw new Error("no Meilisearch process");
    process.kill(pid, "SIGKILL");

    await vi.waitFor(async () => expect((await fetch(`${server.url}/health`)).status).toBe(200), {
      timeout: 30_000,
      interval: 200,
    });
    expect(await meili.processId()).not.toBe(pid);
    expect(logs).toContainEqual(
      expect.objectContaining({ msg: "meilisearch exited; restarting it", code: 137, signal: "SIGKILL" }),
    );
    await vi.waitFor(
      async () => {
        expect(logs).toContainEqual(expect.objectContaining({ msg: "meilisearch restarted" }));
        const back = await search();
        expect(back.degraded).toBe(false);
        expect(back.hits.map((h) => h.asset.id)).toEqual([assetId]);
      },
      { timeout: 10_000, interval: 200 },
    );
  });

  it("costs one timeout when it hangs: searches answer from the database until it answers a probe", async () => {
    const { breaker } = server.deps.searchIndex;
    const outagesBefore = breaker.outages;
    const pid = await meili.processId();
    if (!pid) throw new Error("no Meilisearch process");
    process.kill(pid, "SIGSTOP");
    try {
      for (let i = 0; i < 5; i++) {
        const answer = await search();
        expect(answer.degraded).toBe(true);
        expect(answer.hits.map((h) => h.asset.id)).toEqual([assetId]);
      }
      const suggested = await server.client({ token: repToken }).suggest.forContext.query({});
      expect(suggested.degraded).toBe(true);
      // the first search waited for its timeout and opened the breaker; the rest never asked
      expect(breaker.outages - outagesBefore).toBe(1);
      expect(breaker.isOpen).toBe(true);
    } finally {
      process.kill(pid, "SIGCONT");
    }
    await vi.waitFor(() => expect(breaker.isOpen).toBe(false), { timeout: 10_000, interval: 100 });
    expect((await search()).degraded).toBe(false);
  });
});
