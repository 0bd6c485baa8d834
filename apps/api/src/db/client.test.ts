import { sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openPostgres } from "./client";

const url = process.env.DATABASE_URL;

describe.skipIf(!url)("openPostgres", () => {
  it("survives a pooled connection dying while idle, and reconnects", async () => {
    const lost: Error[] = [];
    const database = await openPostgres(url ?? "", (err) => lost.push(err));
    try {
      const [row] = (
        (await database.db.execute(sql`select pg_backend_pid() as pid`)) as unknown as {
          rows: { pid: number }[];
        }
      ).rows;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query("select pg_terminate_backend($1)", [row?.pid]);
      await admin.end();
      await expect.poll(() => lost.length).toBe(1);
      await expect(database.ping()).resolves.toBeUndefined();
    } finally {
      await database.close();
    }
  });

  it("lets processes started side by side on a fresh database migrate it together", async () => {
    const name = `pitchside_test_migrate_${Date.now()}`;
    const target = Object.assign(new URL(url ?? ""), { pathname: `/${name}` }).toString();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      // empty: the two openings below are the first to migrate it
      await admin.query(`create database ${name}`);
      const [first, second] = await Promise.all([openPostgres(target), openPostgres(target)]);
      const results = await Promise.allSettled([first.migrate(), second.migrate()]);
      await Promise.all([first.close(), second.close()]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
