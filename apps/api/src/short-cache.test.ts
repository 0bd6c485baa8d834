import { describe, expect, it, vi } from "vitest";
import type { Db } from "./db/client";
import { ShortCache } from "./short-cache";

// the cache only uses the database object as a key
const db = {} as Db;
const other = {} as Db;

describe("ShortCache", () => {
  it("loads once within the time to live, again after it or after clear() of its database", async () => {
    vi.useFakeTimers();
    try {
      const cache = new ShortCache<number>(1000);
      let loads = 0;
      const load = async () => ++loads;
      expect(await cache.get(db, "k", load)).toBe(1);
      expect(await cache.get(db, "k", load)).toBe(1);
      expect(await cache.get(other, "k", load)).toBe(2);
      vi.advanceTimersByTime(1001);
      expect(await cache.get(db, "k", load)).toBe(3);
      cache.clear(other);
      expect(await cache.get(db, "k", load)).toBe(3);
      cache.clear(db);
      expect(await cache.get(db, "k", load)).toBe(4);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps neither what `keep` refuses nor a failed load", async () => {
    const cache = new ShortCache<string | null>(60_000, (v) => v !== null);
    let loads = 0;
    const miss = async () => {
      loads += 1;
      return null;
    };
    await cache.get(db, "miss", miss);
    await new Promise((r) => setImmediate(r));
    await cache.get(db, "miss", miss);
    expect(loads).toBe(2);
    await expect(cache.get(db, "err", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    await new Promise((r) => setImmediate(r));
    expect(await cache.get(db, "err", async () => "up")).toBe("up");
  });

  it("forgets the values that match and every load still under way, only for that database", async () => {
    const cache = new ShortCache<string>(60_000);
    let loads = 0;
    const load = (v: string) => async () => `${v}${++loads}`;
    await cache.get(db, "a", load("a"));
    await cache.get(db, "b", load("b"));
    await cache.get(other, "a", load("a"));
    let release: () => void = () => undefined;
    const pending = cache.get(db, "c", () => new Promise<string>((r) => (release = () => r("c-old"))));
    cache.forget(db, (v) => v.startsWith("a"));
    release();
    await pending;
    expect(await cache.get(db, "a", load("a"))).toBe("a4");
    expect(await cache.get(db, "b", load("b"))).toBe("b2");
    expect(await cache.get(other, "a", load("a"))).toBe("a3");
    // the load under way may have read the old state: it is not kept
    expect(await cache.get(db, "c", load("c"))).toBe("c5");
  });

  it("keeps nothing for a database that `holds` refuses", async () => {
    let holds = false;
    const cache = new ShortCache<number>(
      60_000,
      () => true,
      10,
      () => holds,
    );
    let loads = 0;
    const load = async () => ++loads;
    await cache.get(db, "k", load);
    expect(await cache.get(db, "k", load)).toBe(2);
    holds = true;
    await cache.get(db, "k", load);
    expect(await cache.get(db, "k", load)).toBe(3);
  });
});
