import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories";
import { startTestServer, type TestServer } from "../../testing/server";

/** One raw sign-in, so a test can set X-Forwarded-For; answers the HTTP status. */
async function signIn(server: TestServer, email: string, password: string, forwardedFor?: string) {
  const res = await fetch(`${server.url}/trpc/auth.login`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: server.url,
      ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
    },
    body: JSON.stringify({ email, password }),
  });
  await res.arrayBuffer();
  return res.status;
}

function tally(statuses: number[]) {
  const counts: Record<number, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}

describe("sign-in throttling behind a trusted proxy (TRUST_PROXY=loopback)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: "loopback" });
  });
  afterAll(() => server?.close());

  it("counts 30 parallel wrong passwords before verifying them: at most 5 × 401, the rest 429", async () => {
    const victim = await makeUser(server.deps.database.db, { role: "admin" });
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        signIn(server, victim.email, `wrong-password-${i}`, "203.0.113.7"),
      ),
    );
    const counts = tally(statuses);
    expect(counts[401] ?? 0).toBeLessThanOrEqual(5);
    expect((counts[401] ?? 0) + (counts[429] ?? 0)).toBe(30);
    // the attacker's address stays refused, even with the right password
    expect(await signIn(server, victim.email, victim.password, "203.0.113.7")).toBe(429);
    // the real user, from an address that has not failed, still signs in
    expect(await signIn(server, victim.email, victim.password, "198.51.100.20")).toBe(200);
  });

  it("keeps an account open to a client that has not failed once many addresses have failed on it", async () => {
    const victim = await makeUser(server.deps.database.db, { role: "admin" });
    const spread = Array.from({ length: 24 }, (_, i) => `192.0.2.${i + 1}`);
    await Promise.all(spread.map((ip) => signIn(server, victim.email, "wrong-password-spread", ip)));
    // an address that failed once is now refused: the account-wide limit is reached
    expect(await signIn(server, victim.email, victim.password, "192.0.2.1")).toBe(429);
    expect(await signIn(server, victim.email, victim.password, "198.51.100.21")).toBe(200);
  });
});

describe("sign-in throttling with no trusted proxy (the default)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it("ignores X-Forwarded-For: a new header does not make a new client", async () => {
    // 51 wrong sign-ins on 51 accounts, each claiming another address: all one address, limit 50
    const statuses = await Promise.all(
      Array.from({ length: 51 }, (_, i) =>
        signIn(server, `nobody-${i}@example.test`, "wrong-password", `203.0.113.${i + 1}`),
      ),
    );
    expect(tally(statuses)).toEqual({ 401: 50, 429: 1 });
  });
});
