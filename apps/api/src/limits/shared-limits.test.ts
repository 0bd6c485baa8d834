import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  dropNamedDatabase,
  loginToken,
  openNamedDatabase,
  openTestDatabase,
  startServerWith,
  type TestServer,
} from "../../testing/app-server";
import { BROWSER_UA, makeAsset } from "../../testing/deal-factories";
import { makeUser, uploadFile } from "../../testing/factories";
import { deleteRedisKeys } from "../../testing/redis-keys";
import { loadConfig } from "../config";
import { type Database, openPglite } from "../db/client";
import { updateUser } from "../identity/users-service";
import { createLogger } from "../logger";
import { limiterStoreFor } from "../wiring";
import { type LimiterStore, redisLimiters } from "./limiter-store";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const DATABASE_URL = process.env.DATABASE_URL;

async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
// under CI=true, where Redis runs, a missing one fails these tests instead of skipping them
const skipRedis = !(await redisAnswers(REDIS_URL)) && process.env.CI !== "true";

const SECRET = "crm-webhook-secret-for-tests";
/**
 * Small budgets where the env sets them, so each can be spent in a few requests. One SESSION_SECRET,
 * as every process of a deployment has: the viewer's limits key on hashes salted with it.
 */
const env = {
  SESSION_SECRET: "a-session-secret-both-instances-share-0123456789",
  TRUST_PROXY: "loopback",
  UPLOADS_PER_HOUR: "3",
  CRM_WEBHOOK_CALLS_PER_MINUTE: "2",
  CRM_WEBHOOK_SECRET: SECRET,
};
const meili = () => ({ url: inject("meiliUrl"), masterKey: inject("meiliKey") });

/** Two app instances that share one database, as two API processes behind a load balancer. */
interface Pair {
  a: TestServer;
  b: TestServer;
  close(): Promise<void>;
}

/** Each instance on a pool of its own to one Postgres database: its limits count there. */
async function postgresPair(url: string): Promise<Pair> {
  const name = `pitchside_test_${randomBytes(6).toString("hex")}`;
  const pools = [await openNamedDatabase(url, name), await openNamedDatabase(url, name)] as const;
  const a = await startServerWith(meili(), env, { database: pools[0] });
  const b = await startServerWith(meili(), env, { database: pools[1] });
  return {
    a,
    b,
    close: async () => {
      await a.close();
      await b.close();
      await Promise.all(pools.map((p) => p.close()));
      await dropNamedDatabase(url, name);
    },
  };
}

/** Each instance with a Redis connection of its own, under one key prefix no other test uses. */
async function redisPair(): Promise<Pair> {
  const database = await openTestDatabase();
  const namespace = `t${randomBytes(5).toString("hex")}:`;
  const store = (): LimiterStore =>
    redisLimiters(new Redis(REDIS_URL, { lazyConnect: true, commandTimeout: 1000 }), { namespace });
  const a = await startServerWith(meili(), env, { database, limiters: store() });
  const b = await startServerWith(meili(), env, { database, limiters: store() });
  return {
    a,
    b,
    close: async () => {
      await a.close();
      await b.close();
      await database.close();
      await deleteRedisKeys(REDIS_URL, namespace);
    },
  };
}

const signIn = (server: TestServer, email: string, password: string, from: string) =>
  fetch(`${server.url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url, "x-forwarded-for": from },
    body: JSON.stringify({ email, password }),
  });

const beacon = (server: TestServer, token: string, from: string) =>
  fetch(`${server.url}/api/v/${token}/events`, {
    method: "POST",
    headers: { "content-type": "text/plain", "user-agent": BROWSER_UA, "x-forwarded-for": from },
    body: JSON.stringify({ type: "open", visitorId: "visitor-0001" }),
  });

const unlock = (server: TestServer, token: string, passcode: string, from: string) =>
  fetch(`${server.url}/s/${token}/unlock`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "user-agent": BROWSER_UA,
      "x-forwarded-for": from,
    },
    body: new URLSearchParams({ passcode }).toString(),
    redirect: "manual",
  });

const crmCall = (server: TestServer, from: string) =>
  fetch(`${server.url}/api/integrations/crm/deals`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": from },
    body: "[]",
  });

async function statuses(responses: Promise<Response>[]): Promise<number[]> {
  return Promise.all(
    responses.map(async (r) => {
      const res = await r;
      await res.arrayBuffer();
      return res.status;
    }),
  );
}

const count = (list: number[], status: number) => list.filter((s) => s === status).length;

/** The wait a 429 names: at least a second, at most the limit's window. */
function expectRetryAfter(res: Response, windowSeconds: number) {
  const seconds = Number(res.headers.get("retry-after"));
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(windowSeconds);
}

const stores = [
  { kind: "postgres", skip: !DATABASE_URL, open: () => postgresPair(DATABASE_URL ?? "") },
  { kind: "redis", skip: skipRedis, open: redisPair },
] as const;

for (const store of stores) {
  describe.skipIf(store.skip)(`limits shared by two app instances (${store.kind})`, () => {
    let pair: Pair;
    let rep: string;
    let address = 0;
    /** An address of its own for each test, so no two tests spend one budget. */
    const nextAddress = () => `198.51.100.${++address}`;

    beforeAll(async () => {
      pair = await store.open();
      const r = await makeUser(pair.a.deps.database.db, { role: "rep" });
      rep = await loginToken(pair.a, r.email, r.password);
    });
    afterAll(() => pair?.close());

    it(`counts in ${store.kind}`, () => {
      expect(pair.a.deps.limiters.kind).toBe(store.kind);
      expect(pair.b.deps.limiters.kind).toBe(store.kind);
    });

    it("sign-in: five wrong passwords on A, and B refuses the sixth, even the right one", async () => {
      const victim = await makeUser(pair.a.deps.database.db, { role: "admin" });
      const from = nextAddress();
      const onA = await statuses(
        Array.from({ length: 5 }, (_, i) => signIn(pair.a, victim.email, `wrong-${i}`, from)),
      );
      expect(onA).toEqual([401, 401, 401, 401, 401]);
      const onB = await signIn(pair.b, victim.email, victim.password, from);
      expect(onB.status).toBe(429);
      expectRetryAfter(onB, 60);
      // and from an address that has not failed, B lets the owner in
      expect((await signIn(pair.b, victim.email, victim.password, nextAddress())).status).toBe(200);
    });

    it("beacons: a client's 60 a minute spent on A are spent on B", async () => {
      const asset = await makeAsset(pair.a.deps.database.db, pair.a.deps.storage);
      const share = await pair.a.client({ token: rep }).shares.create.mutate({ assetId: asset.assetId });
      const from = nextAddress();
      // one after another, as a reader's flushes come (a burst from one address would also spend the
      // unknown-link budget, which every lookup is charged until it finds its link)
      const onA: number[] = [];
      for (let i = 0; i < 60; i += 1) onA.push((await beacon(pair.a, share.token, from)).status);
      expect(onA.filter((s) => s !== 204)).toEqual([]);
      const onB = await beacon(pair.b, share.token, from);
      expect(onB.status).toBe(429);
      expectRetryAfter(onB, 60);
      // another client of the same link is not held back by that one
      expect((await beacon(pair.b, share.token, nextAddress())).status).toBe(204);
    });

    it("passcodes: ten wrong tries on A, and B refuses the eleventh", async () => {
      const asset = await makeAsset(pair.a.deps.database.db, pair.a.deps.storage);
      const share = await pair.a
        .client({ token: rep })
        .shares.create.mutate({ assetId: asset.assetId, passcode: "open-sesame" });
      const from = nextAddress();
      const onA = await statuses(
        Array.from({ length: 10 }, () => unlock(pair.a, share.token, "wrong", from)),
      );
      expect(onA).toEqual(Array(10).fill(401));
      const onB = await unlock(pair.b, share.token, "open-sesame", from);
      expect(onB.status).toBe(429);
      expectRetryAfter(onB, 15 * 60);
    });

    it("unknown links: 60 guesses from one address, half to each instance at once, find 30 lookups", async () => {
      const from = nextAddress();
      const guesses = Array.from({ length: 60 }, (_, i) =>
        beacon(i % 2 ? pair.a : pair.b, randomBytes(16).toString("base64url"), from),
      );
      const all = await statuses(guesses);
      expect({ looked: count(all, 404), refused: count(all, 429) }).toEqual({ looked: 30, refused: 30 });
    });

    it("uploads: a user's 3 an hour spent on A are refused on B, in the user's language", async () => {
      const marketer = await makeUser(pair.a.deps.database.db, { role: "marketer" });
      await updateUser(pair.a.deps.database.db, pair.a.deps.bus, marketer.id, { locale: "ja" });
      const token = await loginToken(pair.a, marketer.email, marketer.password);
      const file = (i: number) => ({ name: `note-${i}.txt`, data: `Note ${i}` });
      for (let i = 0; i < 3; i += 1)
        expect((await uploadFile(pair.a.url, { token }, file(i))).status).toBe(201);
      const res = await fetch(`${pair.b.url}/api/uploads`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
        body: (() => {
          const form = new FormData();
          form.append("file", new Blob(["Note 4"]), "note-4.txt");
          return form;
        })(),
      });
      expect(res.status).toBe(429);
      expectRetryAfter(res, 3600);
      const body = (await res.json()) as { error: string; reason: string; params: { perHour: number } };
      expect(body).toMatchObject({ reason: "uploadThrottled", params: { perHour: 3 } });
      expect(body.error).toContain("アップロードが多すぎます");
    });

    it("CRM webhook: a source's 2 calls a minute spent on A are refused on B", async () => {
      const from = nextAddress();
      // unsigned, so refused (401), but counted: the limit comes before the body is read
      expect(await statuses([crmCall(pair.a, from), crmCall(pair.a, from)])).toEqual([401, 401]);
      const onB = await crmCall(pair.b, from);
      expect(onB.status).toBe(429);
      expectRetryAfter(onB, 60);
      expect(((await onB.json()) as { error: string }).error).toMatch(/at most 2 a minute/);
      expect((await crmCall(pair.b, nextAddress())).status).toBe(401);
    });
  });
}

describe("limits on the embedded database (memory)", () => {
  let database: Database;
  let server: TestServer;
  beforeAll(async () => {
    database = await openPglite(undefined);
    await database.migrate();
    server = await startServerWith(meili(), env, { database });
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it("count in this process's memory, and refuse past the budget", async () => {
    expect(server.deps.limiters.kind).toBe("memory");
    const from = "192.0.2.44";
    expect(await statuses([crmCall(server, from), crmCall(server, from)])).toEqual([401, 401]);
    const refused = await crmCall(server, from);
    expect(refused.status).toBe(429);
    expectRetryAfter(refused, 60);
  });
});

describe("the store wiring chooses", () => {
  const config = (extra: Record<string, string> = {}) =>
    loadConfig({
      DATA_DIR: "/tmp/pitchside-unused",
      SESSION_SECRET: "s".repeat(32),
      SOFFICE_PATH: "off",
      FFMPEG_PATH: "off",
      ...extra,
    });
  const logger = createLogger("silent");

  it("memory on PGlite, Postgres on a Postgres pool, Redis whenever REDIS_URL is set", async () => {
    const pglite = await openPglite(undefined);
    const stores = [limiterStoreFor({ config: config(), database: pglite, logger })];
    const postgres = DATABASE_URL ? await openTestDatabase() : null;
    if (postgres) stores.push(limiterStoreFor({ config: config(), database: postgres, logger }));
    stores.push(limiterStoreFor({ config: config({ REDIS_URL }), database: pglite, logger }));
    expect(stores.map((s) => s.kind)).toEqual(
      postgres ? ["memory", "postgres", "redis"] : ["memory", "redis"],
    );
    await Promise.all(stores.map((s) => s.close()));
    await postgres?.close();
    await pglite.close();
  });
});
