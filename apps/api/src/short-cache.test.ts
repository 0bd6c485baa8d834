import { describe, expect, it, vi } from "vitest";
import type { Db } from "./db/client";
import { ShortCache } from "./short-cache";

// the cache only uses the database object as a key
const db = {} as Db;
const other = {} as Db;

describe("ShortCache", () => {
  it("loads once within the time to live, again after it or after clear()", async () => {
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
      cache.clear();
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
});
