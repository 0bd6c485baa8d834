import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeUser, uploadFile } from "../../testing/factories";
import { loginToken, startTestServer, type TestServer } from "../../testing/server";
import { type RunningMeili, spawnMeili } from "./meili-process";

// This file runs its own Meilisearch so it can stop and restart it.
let meili: RunningMeili;
let server: TestServer;
const dataDir = mkdtempSync(path.join(tmpdir(), "pitchside-outage-"));

beforeAll(async () => {
  meili = await spawnMeili({ binary: process.env.MEILI_BINARY, dataDir });
  server = await startTestServer({}, { meili });
});
afterAll(async () => {
  await server?.close();
  await meili?.stop();
});

it("keeps writes while Meilisearch is down, degrades search, and catches up when it returns", async () => {
  const { db } = server.deps.database;
  const m = await makeUser(db, { role: "marketer" });
  const token = await loginToken(server, m.email, m.password);
  const first = await uploadFile(
    server.url,
    { token },
    { name: "before.md", data: "# Walrus tactics", meta: { title: "Walrus tactics" } },
  );
  await server.settle();
  expect((await server.client({ token }).search.query.query({ q: "walrus" })).degraded).toBe(false);

  await meili.stop();
  const health = await fetch(`${server.url}/health`);
  expect(health.status).toBe(503);
  expect(await health.json()).toMatchObject({ db: "ok", search: "down" });

  const during = await uploadFile(
    server.url,
    { token },
    { name: "during.md", data: "# Narwhal playbook", meta: { title: "Narwhal playbook" } },
  );
  expect(during.status).toBe(201);
  await server
    .client({ token })
    .assets.update.mutate({ id: first.body.assetId ?? "", patch: { summary: "Updated while down" } });
  await server.deps.jobs.drain();
  await expect(server.deps.searchIndex.drain()).rejects.toThrow();
  expect(await server.deps.searchIndex.pending()).toBeGreaterThan(0);

  const degraded = await server.client({ token }).search.query.query({ q: "narwhal" });
  expect(degraded.degraded).toBe(true);
  expect(degraded.hits.map((h) => h.asset.id)).toEqual([during.body.assetId]);

  const port = Number(new URL(meili.url).port);
  meili = await spawnMeili({ binary: process.env.MEILI_BINARY, dataDir, port, masterKey: meili.masterKey });
  await server.deps.searchIndex.drain();
  expect(await server.deps.searchIndex.pending()).toBe(0);
  const back = await server.client({ token }).search.query.query({ q: "narwhal" });
  expect(back.degraded).toBe(false);
  expect(back.hits.map((h) => h.asset.id)).toEqual([during.body.assetId]);
  // the same asset as a hit from the database and from the index: the same keys, the same card
  const [fromDatabase, fromIndex] = [degraded.hits[0], back.hits[0]];
  expect(Object.keys(fromDatabase ?? {}).sort()).toEqual(Object.keys(fromIndex ?? {}).sort());
  expect(Object.keys(fromDatabase?.asset ?? {}).sort()).toEqual(Object.keys(fromIndex?.asset ?? {}).sort());
  expect(fromDatabase?.asset).toEqual(fromIndex?.asset);
  const updated = await server.client({ token }).search.query.query({ q: "walrus" });
  expect(updated.hits[0]?.asset.summary).toBe("Updated while down");
});
