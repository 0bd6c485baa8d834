import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { LoginThrottle } from "../identity/login-throttle";
import { Budget } from "./budget";
import { memoryLimiters, redisLimiters } from "./limiter-store";

describe("Budget", () => {
  it("counts uses per key, refuses past its points with the wait left, and takes back a refund", async () => {
    const budget = new Budget(memoryLimiters(), "test", 2, 60, "allow");
    expect(await budget.take("a")).toEqual({ ok: true, used: 1 });
    expect(await budget.take("a")).toEqual({ ok: true, used: 2 });
    const refused = await budget.take("a");
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(await budget.take("b")).toEqual({ ok: true, used: 1 });
    await budget.refund("b");
    expect(await budget.take("b")).toEqual({ ok: true, used: 1 });
  });
});

describe("a store that cannot be reached (Redis on a port nothing listens on)", () => {
  const store = redisLimiters(
    new Redis("redis://127.0.0.1:1", {
      lazyConnect: true,
      connectTimeout: 500,
      commandTimeout: 500,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    }),
    { namespace: "unreachable:" },
  );
  afterAll(() => store.close());

  it("lets a fail-open limit through and refuses at a fail-closed one", async () => {
    expect(await new Budget(store, "open", 5, 60, "allow").take("k")).toEqual({ ok: true, used: 0 });
    expect(await new Budget(store, "closed", 5, 60, "refuse").take("k")).toEqual({
      ok: false,
      retryAfterSeconds: 30,
    });
  });

  it("checks no password: sign-in fails closed", async () => {
    await expect(
      new LoginThrottle(undefined, store).admit("someone@example.test", "192.0.2.1"),
    ).rejects.toThrow();
  });
});
