import { sql } from "drizzle-orm";
import { type MigrationMeta, readMigrationFiles } from "drizzle-orm/migrator";
import { type Db, migrationsFolder } from "./client";

let bundled: MigrationMeta[] | null = null;

/**
 * How many of the migrations this build ships the database has not applied (drizzle's rule: those
 * newer than the last applied). Above 0 the schema is older than the code expects: another process
 * is migrating, or a migration failed. A database migrated by a newer build counts as current.
 */
export async function pendingMigrations(db: Db): Promise<number> {
  bundled ??= readMigrationFiles({ migrationsFolder });
  const result = await db.execute(
    sql`select coalesce(max(created_at), 0)::text as last from drizzle.__drizzle_migrations`,
  );
  const last = Number((result as unknown as { rows: { last: string }[] }).rows[0]?.last ?? 0);
  return bundled.filter((m) => m.folderMillis > last).length;
}
