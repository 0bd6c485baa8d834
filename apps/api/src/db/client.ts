import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The one database type the services use, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** The node-postgres pool under `db` on Postgres (for parts that need the driver, such as shared limits). */
  pool?: pg.Pool;
  /** The Postgres server's address, for connections of one's own (LISTEN); none for PGlite. */
  url?: string;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../drizzle");

/** PGlite in `dataDir` (or in memory when undefined): the embedded default. */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const client = new PGlite(dataDir);
  await client.waitReady;
  const db = drizzlePglite(client, { schema });
  return {
    db: db as unknown as Db, // the pglite HKT differs only in its query-result type
    kind: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder }),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.close(),
  };
}

/** The advisory lock key migrations hold on Postgres ("pitchsid" in ASCII). */
const MIGRATION_LOCK = "8100133375105526116";

/**
 * `onIdleError`: an idle pooled connection died (a server restart, a terminated backend). The pool
 * drops it and opens another on demand; without a listener node-postgres would throw the error
 * out of the process.
 */
export async function openPostgres(
  url: string,
  onIdleError: (err: Error) => void = () => undefined,
): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on("error", onIdleError);
  const db = drizzleNodePg(pool, { schema });
  await pool.query("select 1");
  return {
    db: db as unknown as Db, // node-postgres HKT, same shape as above
    kind: "postgres",
    url,
    pool,
    migrate: async () => {
      // processes starting side by side on a fresh database would each create the schema: one at a time
      const holder = await pool.connect();
      try {
        await holder.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
        await migrateNodePg(db, { migrationsFolder });
      } finally {
        await holder.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
        holder.release();
      }
    },
    ping: async () => {
      await pool.query("select 1");
    },
    close: () => pool.end(),
  };
}

export function openDatabase(opts: {
  databaseUrl: string | undefined;
  dataDir: string | undefined;
  onIdleError?: (err: Error) => void;
}) {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.onIdleError) : openPglite(opts.dataDir);
}
