import { randomUUID } from "node:crypto";
import { TRPCClientError } from "@trpc/client";
import { eq, sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories";
import {
  loginCookie,
  loginToken,
  startTestServer,
  startTwinServer,
  type TestServer,
} from "../../testing/server";
import { apiTokens } from "../db/schema";
import { changeAndNotify, TAXONOMY_CHANNEL, USER_CHANNEL } from "./change-notices";
import { PostgresBus } from "./postgres-bus";
import { RedisBus } from "./redis-bus";

const postgres = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";

/** Resolves once `server`'s bus delivers `payload` on `channel`; its caches hear it first (they subscribed at wiring). */
function heardOn(server: TestServer, channel: string, payload: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${channel} notice within 1 s`));
    }, 1_000);
    const off = server.deps.bus.subscribe(channel, (heard) => {
      if (heard !== payload) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

/** Resolves when `server`'s bus next reports its connection `up` (or not). */
function connectionOf(server: TestServer, up: boolean, withinMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`the bus was not ${up ? "back" : "down"} within ${withinMs} ms`));
    }, withinMs);
    const off = server.deps.bus.onConnection((connected) => {
      if (connected !== up) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return "OK";
  } catch (err) {
    if (err instanceof TRPCClientError) return (err.data as { code?: string } | undefined)?.code;
    throw err;
  }
};

// Two API processes need a database server both reach: these run in the Postgres pass of the suite.
const buses: { bus: string; env: Record<string, string> }[] = [
  { bus: "postgres", env: {} },
  { bus: "redis", env: { REDIS_URL: redisUrl } },
];

describe.skipIf(!postgres).each(buses)(
  "two API processes over one database, messages by $bus",
  ({ bus, env }) => {
    let a: TestServer;
    let b: TestServer;
    let adminToken: string;

    beforeAll(async () => {
      a = await startTestServer(env);
      b = await startTwinServer(a, env);
      const admin = await makeUser(a.deps.database.db, { role: "admin" });
      adminToken = await loginToken(a, admin.email, admin.password);
    });
    afterAll(async () => {
      await b?.close();
      await a?.close();
    });

    it("runs each on the bus it was given", () => {
      expect([a.deps.bus.kind, b.deps.bus.kind]).toEqual([bus, bus]);
    });

    /** A new user signed in through A, whose token B has checked once (and so keeps). */
    async function seenOnB(role: "rep" | "admin" = "rep") {
      const user = await makeUser(a.deps.database.db, { role });
      const token = await loginToken(a, user.email, user.password);
      expect(await codeOf(b.client({ token }).auth.me.query())).toBe("OK");
      return { user, token };
    }

    /** Makes `change` through A and waits until B has heard that `userId` changed. */
    async function changeOnA(userId: string, change: () => Promise<unknown>) {
      const heard = heardOn(b, USER_CHANNEL, userId);
      await change();
      await heard;
    }

    const meOnB = (auth: { token?: string; cookie?: string }) => codeOf(b.client(auth).auth.me.query());

    it("keeps a credential on B: a change no process announces shows only after the cache's few seconds", async () => {
      const { user, token } = await seenOnB();
      await a.deps.database.db
        .update(apiTokens)
        .set({ revokedAt: new Date() })
        .where(eq(apiTokens.userId, user.id));
      expect(await meOnB({ token })).toBe("OK");
    });

    it("refuses on B a token signed out on A, at the next request", async () => {
      const { user, token } = await seenOnB();
      await changeOnA(user.id, () => a.client({ token }).auth.logout.mutate());
      expect(await meOnB({ token })).toBe("UNAUTHORIZED");
    });

    it("refuses on B a token an admin revoked on A, and a portal session signed out on A", async () => {
      const { user, token } = await seenOnB();
      const cookie = await loginCookie(a, user.email, user.password);
      expect(await meOnB({ cookie })).toBe("OK");
      const [row] = await a.deps.database.db
        .select({ id: apiTokens.id })
        .from(apiTokens)
        .where(sql`${apiTokens.userId} = ${user.id} and ${apiTokens.revokedAt} is null`);
      await changeOnA(user.id, () =>
        a.client({ token: adminToken }).tokens.revoke.mutate({ id: row?.id ?? "" }),
      );
      expect(await meOnB({ token })).toBe("UNAUTHORIZED");
      await changeOnA(user.id, () => a.client({ cookie }).auth.logout.mutate());
      expect(await meOnB({ cookie })).toBe("UNAUTHORIZED");
    });

    it("takes admin procedures away on B from an admin made a rep on A", async () => {
      const { user, token } = await seenOnB("admin");
      expect(await codeOf(b.client({ token }).users.list.query())).toBe("OK");
      await changeOnA(user.id, () =>
        a.client({ token: adminToken }).users.update.mutate({ id: user.id, role: "rep" }),
      );
      expect(await codeOf(b.client({ token }).users.list.query())).toBe("FORBIDDEN");
      expect((await b.client({ token }).auth.me.query()).user.role).toBe("rep");
    });

    it("signs a user disabled on A out of B", async () => {
      const { user, token } = await seenOnB();
      await changeOnA(user.id, () => a.client({ token: adminToken }).users.disable.mutate({ id: user.id }));
      expect(await meOnB({ token })).toBe("UNAUTHORIZED");
    });

    it("signs the other sessions of a user who changed their password on A out of B", async () => {
      const { user, token: other } = await seenOnB();
      const kept = await loginToken(a, user.email, user.password);
      await changeOnA(user.id, () =>
        a.client({ token: kept }).auth.changePassword.mutate({
          currentPassword: user.password,
          password: "a quite different phrase 42",
        }),
      );
      expect(await meOnB({ token: other })).toBe("UNAUTHORIZED");
      expect(await meOnB({ token: kept })).toBe("OK");
    });

    it("announces nothing for a change that rolls back", async () => {
      const [rolledBack, committed] = [randomUUID(), randomUUID()];
      const seen: string[] = [];
      const off = b.deps.bus.subscribe(USER_CHANNEL, (payload) => seen.push(payload));
      const notice = (userId: string) => [{ kind: "user" as const, userId }];
      await expect(
        changeAndNotify(a.deps.database.db, a.deps.bus, notice(rolledBack), async () => {
          throw new Error("refused");
        }),
      ).rejects.toThrow("refused");
      // notices arrive in commit order: once the later one is heard, the earlier would have been
      const heard = heardOn(b, USER_CHANNEL, committed);
      await changeAndNotify(a.deps.database.db, a.deps.bus, notice(committed), async () => undefined);
      await heard;
      off();
      expect(seen).toEqual([committed]);
    });

    it("reads a taxonomy term added on A in B's suggestions at once", async () => {
      const rep = await makeUser(a.deps.database.db);
      const token = await loginToken(a, rep.email, rep.password);
      const title = `Head of Procurement ${bus}`;
      const read = async () =>
        (await b.client({ token }).suggest.readContext.query({ title })).context.persona;
      expect(await read()).toBeNull();
      const heard = heardOn(b, TAXONOMY_CHANNEL, "");
      await a.client({ token: adminToken }).taxonomy.upsert.mutate({
        terms: [
          {
            kind: "persona",
            key: `procurement-${bus}`,
            label: { en: "Procurement", ja: "購買" },
            patterns: [`Procurement ${bus}`],
          },
        ],
      });
      await heard;
      expect(await read()).toBe(`procurement-${bus}`);
    });
  },
);

/** Ends `server`'s listening connection from the server side, as a restart or a network fault would. */
async function killListener(server: TestServer, other: TestServer): Promise<void> {
  const bus = server.deps.bus;
  if (bus instanceof PostgresBus) {
    await other.deps.database.db.execute(sql`select pg_terminate_backend(${bus.listenerPid})`);
  } else if (bus instanceof RedisBus) {
    const admin = new Redis(redisUrl);
    try {
      const list = String(await admin.client("LIST"));
      const id = list
        .split("\n")
        .find((line) => line.includes(` name=${bus.listenerName} `))
        ?.match(/^id=(\d+)/)?.[1];
      if (!id) throw new Error("the listener is not in CLIENT LIST");
      await admin.client("KILL", "ID", id);
    } finally {
      admin.disconnect();
    }
  } else throw new Error(`no connection to kill on a ${bus.kind} bus`);
}

describe.skipIf(!postgres).each(buses)("the $bus listening connection", ({ env }) => {
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    a = await startTestServer(env);
    b = await startTwinServer(a, env);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it("comes back after the server ends it, and invalidation resumes; meanwhile nothing is cached", async () => {
    const rep = await makeUser(a.deps.database.db);
    const token = await loginToken(a, rep.email, rep.password);
    expect(await codeOf(b.client({ token }).auth.me.query())).toBe("OK");

    const down = connectionOf(b, false, 5_000);
    const back = connectionOf(b, true, 15_000);
    await killListener(b, a);
    await down;
    // a sign-out now may go unheard by B: B does not keep credentials until it hears again
    await a.client({ token }).auth.logout.mutate();
    expect(await codeOf(b.client({ token }).auth.me.query())).toBe("UNAUTHORIZED");
    await back;

    const again = await loginToken(a, rep.email, rep.password);
    expect(await codeOf(b.client({ token: again }).auth.me.query())).toBe("OK");
    const heard = heardOn(b, USER_CHANNEL, rep.id);
    await a.client({ token: again }).auth.logout.mutate();
    await heard;
    expect(await codeOf(b.client({ token: again }).auth.me.query())).toBe("UNAUTHORIZED");
  });
});
