import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../testing/app-server";
import type { Database } from "../db/client";
import { searches } from "../db/schema";
import { createLogger } from "../logger";
import { WriteBehind } from "./write-behind";

describe("WriteBehind", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  const count = async (query: string) =>
    (await database.db.select().from(searches).where(eq(searches.query, query))).length;

  it("writes on its own shortly after, in one batch", async () => {
    const writer = new WriteBehind(database.db, createLogger("silent"), 20);
    for (let i = 0; i < 3; i++) writer.search({ query: "later", filters: {}, resultCount: i });
    expect(await count("later")).toBe(0);
    await expect.poll(() => count("later"), { timeout: 2000 }).toBe(3);
  });

  it("drops only a row the database refuses, and writes the rest of its batch", async () => {
    const writer = new WriteBehind(database.db, createLogger("silent"), 10_000);
    // a user deleted meanwhile: the foreign key refuses that one row
    writer.search({
      query: "batch",
      filters: {},
      resultCount: 1,
      userId: "00000000-0000-4000-8000-000000000000",
    });
    writer.search({ query: "batch", filters: {}, resultCount: 2 });
    await writer.flush();
    expect(await count("batch")).toBe(1);
  });

  it("writes everything left when stopped", async () => {
    const writer = new WriteBehind(database.db, createLogger("silent"), 60_000);
    writer.search({ query: "at-stop", filters: {}, resultCount: 0 });
    await writer.stop();
    expect(await count("at-stop")).toBe(1);
  });
});
