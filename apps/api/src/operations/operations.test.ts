import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenLocally } from "../../testing/app-server";
import { makeLinkAsset, makeUser } from "../../testing/factories";
import { loginToken, startTestServer, type TestServer } from "../../testing/server";
import { createApp } from "../app";
import { markForIndexing } from "../db/outbox";
import { enqueueJob } from "../jobs/queue";
import { type RunningMeili, spawnMeili } from "../search/meili-process";
import { metricsAdminApp } from "./metrics-route";

// This file runs its own Meilisearch so it can stop it (readiness, search fallbacks).
const METRICS_TOKEN = "metrics-token-0123456789abcdef";
let meili: RunningMeili;
let server: TestServer;
let token: string;
let marketer: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  meili = await spawnMeili({
    binary: process.env.MEILI_BINARY,
    dataDir: mkdtempSync(path.join(tmpdir(), "pitchside-ops-")),
  });
  server = await startTestServer({ METRICS_TOKEN }, { meili });
  marketer = await makeUser(server.deps.database.db, { role: "marketer" });
  token = await loginToken(server, marketer.email, marketer.password);
});
afterAll(async () => {
  await server?.close();
  await meili?.stop();
});

const scrape = async () => {
  const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
};

/** The value of one series in Prometheus text, 0 when absent. */
const figure = (text: string, series: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

describe("health", () => {
  it("answers live and ready, and /health as ready, with the migrations current", async () => {
    const live = await fetch(`${server.url}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: "ok" });
    for (const probe of ["/health/ready", "/health"]) {
      const ready = await fetch(`${server.url}${probe}`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: "ok", db: "ok", search: "ok", migrations: "current" });
    }
  });

  it("is not ready while draining, and says why; live says the process is on its way out", async () => {
    server.deps.lifecycle.draining = true;
    try {
      const ready = await fetch(`${server.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(ready.headers.get("connection")).toBe("close");
      expect(await ready.json()).toEqual({ status: "shutting_down" });
      expect((await fetch(`${server.url}/health/live`)).status).toBe(503);
    } finally {
      server.deps.lifecycle.draining = false;
    }
  });
});

describe("metrics", () => {
  it("is refused without the token, and 404 when no token or port is configured", async () => {
    const none = await fetch(`${server.url}/metrics`);
    expect(none.status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);

    // the same parts with neither METRICS_TOKEN nor METRICS_PORT
    const deps = server.deps;
    const app = createApp({
      ...deps,
      config: { ...deps.config, metrics: { token: undefined, port: undefined } },
    });
    const unguarded = await listenLocally(app);
    try {
      expect((await fetch(`${unguarded.url}/metrics`)).status).toBe(404);
    } finally {
      await new Promise((resolve) => unguarded.server.close(resolve));
    }
  });

  it("is served without a token on the admin listener (METRICS_PORT, bound to 127.0.0.1)", async () => {
    const admin = await listenLocally(metricsAdminApp(server.deps.metrics));
    try {
      const res = await fetch(`${admin.url}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/^# HELP pitchside_jobs /m);
      expect((await fetch(`${admin.url}/health`)).status).toBe(404);
    } finally {
      await new Promise((resolve) => admin.server.close(resolve));
    }
  });

  it("reports queue depth and age, outbox backlog, latency by route, and events ingested", async () => {
    const { db } = server.deps.database;
    const c = server.client({ token });
    await enqueueJob(db, "send_mail", {});
    await enqueueJob(db, "send_mail", {});
    const assetId = await makeLinkAsset(db, marketer, { title: "Metrics walrus" });
    await markForIndexing(db, [assetId]);
    await c.search.query.query({ q: "walrus" });
    await fetch(`${server.url}/s/0123456789abcdef0123456789abcdef`);
    const before = await scrape();
    await c.events.track.mutate({
      events: [{ id: randomUUID(), type: "asset_viewed", assetId, surface: "portal" }],
    });
    const after = await scrape();

    expect(figure(before, 'pitchside_jobs{kind="send_mail",status="queued"}')).toBe(2);
    // every kind has its series, at 0 when none waits
    expect(before).toMatch(/^pitchside_jobs\{kind="process_version",status="running"\} 0$/m);
    expect(figure(before, 'pitchside_job_oldest_queued_seconds{kind="send_mail"}')).toBeGreaterThanOrEqual(0);
    expect(figure(before, "pitchside_search_outbox_backlog")).toBeGreaterThan(0);
    expect(
      figure(
        before,
        'pitchside_http_request_duration_seconds_count{method="GET",route="trpc:search.query",status="200"}',
      ),
    ).toBe(1);
    // the share link is counted under its pattern, never its token
    expect(before).toMatch(/route="\/s\/:token"/);
    expect(figure(after, 'pitchside_events_ingested_total{source="api"}')).toBe(
      figure(before, 'pitchside_events_ingested_total{source="api"}') + 1,
    );
    expect(after).toMatch(/^process_resident_memory_bytes \d+/m);

    await server.settle();
    const settled = await scrape();
    expect(figure(settled, "pitchside_search_outbox_backlog")).toBe(0);
    expect(figure(settled, 'pitchside_jobs{kind="send_mail",status="queued"}')).toBe(0);
  });

  it("labels an unknown procedure as such, and carries no token, secret or query", async () => {
    await fetch(
      `${server.url}/trpc/${"x".repeat(40)}.steal?input=${encodeURIComponent('{"q":"secret plan"}')}`,
    );
    const text = await scrape();
    expect(text).toMatch(/route="trpc:unknown"/);
    for (const secret of [METRICS_TOKEN, token, "secret plan", "x".repeat(40), "0123456789abcdef0123"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("counts a search answered by the database while Meilisearch is down, and is then not ready", async () => {
    const c = server.client({ token });
    const fallbacks = (text: string) => figure(text, 'pitchside_search_fallbacks_total{call="search"}');
    const before = fallbacks(await scrape());
    await meili.stop();
    const result = await c.search.query.query({ q: "walrus" });
    expect(result.degraded).toBe(true);
    expect(fallbacks(await scrape())).toBe(before + 1);
    const ready = await fetch(`${server.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ db: "ok", search: "down", migrations: "current" });
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
  });
});
