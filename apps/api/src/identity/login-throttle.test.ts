import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defaultLoginLimits, type LoginAdmission, LoginThrottle } from "./login-throttle";

const admitted = (a: LoginAdmission) => {
  if (!a.admitted) throw new Error(`refused for ${a.retryAfterMs} ms`);
  return a.attempt;
};

async function failTimes(throttle: LoginThrottle, account: string, ip: string, n: number) {
  for (let i = 0; i < n; i++) await admitted(await throttle.admit(account, ip)).failed();
}

describe("LoginThrottle", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("makes one address wait after 5 failures on an account, twice as long each time", async () => {
    // the account-wide limit out of the way: this is about one address
    const throttle = new LoginThrottle({ ...defaultLoginLimits, perAccount: 1000 });
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      await failTimes(throttle, "ana@example.test", "203.0.113.1", 5);
      const refused = await throttle.admit("ana@example.test", "203.0.113.1");
      if (refused.admitted) throw new Error("a sixth attempt was admitted");
      waits.push(refused.retryAfterMs);
      vi.advanceTimersByTime(refused.retryAfterMs + 1);
    }
    expect(waits).toEqual([60_000, 120_000, 240_000]);
    // a success ends the escalation: the next block is a short one again
    await admitted(await throttle.admit("ana@example.test", "203.0.113.1")).succeeded();
    await failTimes(throttle, "ana@example.test", "203.0.113.1", 5);
    expect(await throttle.admit("ana@example.test", "203.0.113.1")).toEqual({
      admitted: false,
      retryAfterMs: 60_000,
    });
  });

  it("counts parallel attempts before any of them ends", async () => {
    const throttle = new LoginThrottle();
    const all = await Promise.all(
      Array.from({ length: 30 }, () => throttle.admit("bo@example.test", "203.0.113.2")),
    );
    expect(all.filter((a) => a.admitted)).toHaveLength(5);
  });

  it("counts only the attempts it let through against the address", async () => {
    const throttle = new LoginThrottle();
    const all = await Promise.all(
      Array.from({ length: 200 }, () => throttle.admit("di@example.test", "203.0.113.5")),
    );
    await Promise.all(all.map((a) => a.admitted && a.attempt.failed()));
    // 5 failures, not 200: the address may still sign in to another account
    expect((await throttle.admit("other@example.test", "203.0.113.5")).admitted).toBe(true);
  });

  it("refuses an address after 50 failures whatever the accounts", async () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 50; i++) await failTimes(throttle, `user${i}@example.test`, "203.0.113.3", 1);
    expect((await throttle.admit("another@example.test", "203.0.113.3")).admitted).toBe(false);
    expect((await throttle.admit("another@example.test", "203.0.113.4")).admitted).toBe(true);
  });

  it("past 20 failures on an account, admits only addresses that have not failed on it", async () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 20; i++) await failTimes(throttle, "cy@example.test", `192.0.2.${i}`, 1);
    expect((await throttle.admit("cy@example.test", "192.0.2.0")).admitted).toBe(false);
    const fresh = admitted(await throttle.admit("cy@example.test", "198.51.100.1"));
    await fresh.succeeded();
    // after the account's window, failed addresses may try again
    vi.advanceTimersByTime(15 * 60_000 + 1);
    expect((await throttle.admit("cy@example.test", "192.0.2.0")).admitted).toBe(true);
  });
});
