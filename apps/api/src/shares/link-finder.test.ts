import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { eq } from "drizzle-orm";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA, makeAsset } from "../../testing/deal-factories";
import { makeUser } from "../../testing/factories";
import { loginToken, startTestServer, type TestServer } from "../../testing/server";
import { shareLinks } from "../db/schema";
import { memoryLimiters } from "../limits/limiter-store";
import { LinkFinder, type LinkFinderOptions } from "./link-finder";
import { viewerRoutes } from "./viewer-route";

let server: TestServer;
let rep: string;
const viewers: Server[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const r = await makeUser(server.deps.database.db, { role: "rep" });
  rep = await loginToken(server, r.email, r.password);
});
afterAll(async () => {
  for (const v of viewers) {
    v.closeAllConnections();
    await new Promise((resolve) => v.close(resolve));
  }
  await server?.close();
});

/** The real viewer routes with a finder of their own, so each test has its own budgets and memory. */
async function viewerWith(opts: LinkFinderOptions, store = memoryLimiters()): Promise<string> {
  const app = express();
  // each test speaks for several addresses through X-Forwarded-For, as from a proxy on this host
  app.set("trust proxy", "loopback");
  app.use(viewerRoutes(server.deps, { links: new LinkFinder(server.deps.database.db, store, opts) }));
  const v: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  viewers.push(v);
  const address = v.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

const randomToken = () => randomBytes(16).toString("base64url");

const beacon = (url: string, token: string, from: string) =>
  fetch(`${url}/api/v/${token}/events`, {
    method: "POST",
    headers: { "content-type": "text/plain", "user-agent": BROWSER_UA, "x-forwarded-for": from },
    body: JSON.stringify({ type: "open", visitorId: "visitor-0001" }),
  });

const page = (url: string, token: string, from: string) =>
  fetch(`${url}/s/${token}`, { headers: { "user-agent": BROWSER_UA, "x-forwarded-for": from } });

/** A live link, then its token changed to `token` straight in the database (as if it had been made so). */
async function linkWithToken(token?: string): Promise<string> {
  const asset = await makeAsset(server.deps.database.db, server.deps.storage);
  const share = await server.client({ token: rep }).shares.create.mutate({ assetId: asset.assetId });
  if (!token) return share.token;
  await server.deps.database.db.update(shareLinks).set({ token }).where(eq(shareLinks.token, share.token));
  return token;
}

function tally(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}

describe("unknown tokens", () => {
  it("let one address look up only its budget of 300 random tokens, even all at once", async () => {
    const url = await viewerWith({ missesPerMinute: 30 });
    const statuses = await Promise.all(
      Array.from({ length: 300 }, async () => (await beacon(url, randomToken(), "203.0.113.7")).status),
    );
    expect(tally(statuses)).toEqual({ 404: 30, 429: 270 });
    // the address is limited on every :token route, pages too, in the visitor's language
    const limited = await fetch(`${url}/s/${randomToken()}`, {
      headers: { "x-forwarded-for": "203.0.113.7", "accept-language": "ja" },
    });
    expect(limited.status).toBe(429);
    // the wait left in the minute-long window
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(limited.headers.get("content-type")).toMatch(/text\/html/);
    // and a link that exists still opens for everyone else
    const live = await linkWithToken();
    expect((await page(url, live, "198.51.100.20")).status).toBe(200);
  });

  it("do not use up the budget when they name a link", async () => {
    const url = await viewerWith({ missesPerMinute: 3 });
    const live = await linkWithToken();
    for (let i = 0; i < 10; i += 1) expect((await page(url, live, "203.0.113.8")).status).toBe(200);
  });

  it("do not refuse a burst on a link that opened lately, from one address past its budget", async () => {
    // a deal room's page pictures and beacons load at once, often from an office's one address; the
    // app's own store (Postgres in that pass), where a lookup in flight holds its point longest
    const url = await viewerWith({ missesPerMinute: 2 }, server.deps.limiters);
    const live = await linkWithToken();
    expect((await page(url, live, "203.0.113.12")).status).toBe(200);
    const statuses = await Promise.all(
      Array.from({ length: 40 }, async () => (await page(url, live, "203.0.113.12")).status),
    );
    expect(tally(statuses)).toEqual({ 200: 40 });
    // a revoked link is refused at once all the same: it is still looked up
    await server.deps.database.db
      .update(shareLinks)
      .set({ revokedAt: new Date() })
      .where(eq(shareLinks.token, live));
    expect((await page(url, live, "203.0.113.12")).status).not.toBe(200);
  });

  it("are answered from memory for a while: the database is not asked again", async () => {
    const url = await viewerWith({ rememberMissMs: 1500 });
    const token = randomToken();
    expect((await page(url, token, "203.0.113.9")).status).toBe(404);
    await linkWithToken(token);
    // a token nobody made can only turn up like this; the point is that the miss was not looked up again
    expect((await page(url, token, "203.0.113.9")).status).toBe(404);
    expect((await beacon(url, token, "203.0.113.10")).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect((await page(url, token, "203.0.113.9")).status).toBe(200);
  });

  it("are remembered up to a bound, the oldest forgotten first", async () => {
    const url = await viewerWith({ maxMisses: 5 });
    const first = randomToken();
    expect((await page(url, first, "203.0.113.11")).status).toBe(404);
    await linkWithToken(first);
    expect((await page(url, first, "203.0.113.11")).status).toBe(404);
    for (let i = 0; i < 5; i += 1) expect((await page(url, randomToken(), "203.0.113.11")).status).toBe(404);
    expect((await page(url, first, "203.0.113.11")).status).toBe(200);
  });

  // last: it spends this address's budget on the API itself
  it("cost the API's viewer a bounded number of lookups", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 300; i += 1)
      statuses.push((await beacon(server.url, randomToken(), "192.0.2.1")).status);
    expect(tally(statuses)[404]).toBeLessThanOrEqual(30);
    expect(tally(statuses)[429]).toBeGreaterThanOrEqual(270);
  });
});
