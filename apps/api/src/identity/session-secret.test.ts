import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../testing/app-server";
import type { Database } from "../db/client";
import { sharedSessionSecret } from "./session-secret";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("the session secret of processes without SESSION_SECRET on one database", () => {
  it("is the first process's: the others adopt it, whatever they generated", async () => {
    const first = "a".repeat(64);
    expect(await sharedSessionSecret(database.db, first)).toBe(first);
    expect(await sharedSessionSecret(database.db, "b".repeat(64))).toBe(first);
    const raced = await Promise.all([
      sharedSessionSecret(database.db, "c".repeat(64)),
      sharedSessionSecret(database.db, "d".repeat(64)),
    ]);
    expect(raced).toEqual([first, first]);
  });
});
