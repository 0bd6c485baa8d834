import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { dropNamedDatabase, openNamedDatabase, openTestDatabase } from "../../testing/app-server";
import { localBus } from "../cluster/cluster-bus";
import type { Database } from "../db/client";
import { countUsers } from "../identity/users-service";
import { seedAdmin, seedDemo } from "./seed";

const admin = { email: "root@example.test", password: "correct-horse-battery-staple" };

/** Two connections to one fresh database (on Postgres, two pools: as two API processes have); one on PGlite. */
async function twoOpenings(): Promise<{ a: Database; b: Database; close(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const only = await openTestDatabase();
    return { a: only, b: only, close: () => only.close() };
  }
  const name = `pitchside_test_${randomBytes(6).toString("hex")}`;
  const a = await openNamedDatabase(url, name);
  const b = await openNamedDatabase(url, name);
  return {
    a,
    b,
    close: async () => {
      await a.close();
      await b.close();
      await dropNamedDatabase(url, name);
    },
  };
}

describe("seeding an empty database from processes starting side by side", () => {
  it("creates the first admin once; the other start finds it and goes on", { timeout: 120_000 }, async () => {
    const { a, b, close } = await twoOpenings();
    try {
      const results = await Promise.all([seedAdmin(a.db, admin), seedAdmin(b.db, admin)]);
      expect(results.sort()).toEqual([false, true]);
      expect(await countUsers(a.db)).toBe(1);
    } finally {
      await close();
    }
  });

  it("creates the demo workspace once", async () => {
    const { a, b, close } = await twoOpenings();
    try {
      const results = await Promise.all([seedDemo(a.db, localBus()), seedDemo(b.db, localBus())]);
      expect(results.sort()).toEqual([false, true]);
    } finally {
      await close();
    }
  });
});
