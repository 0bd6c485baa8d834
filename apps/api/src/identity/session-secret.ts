import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { settings } from "../db/schema";

const KEY = "session.secret";

/**
 * The secret every process of one Postgres database uses when SESSION_SECRET is not set: the first
 * process to ask stores the one it generated into its data directory, the others adopt it. Without
 * this, API processes on separate machines would each sign with their own, and a share's gate pass
 * set through one, or a viewer's hashed address counted by one, would mean nothing to the others.
 * Read by key only: no procedure lists the settings table.
 */
export async function sharedSessionSecret(db: Db, generated: string): Promise<string> {
  await db.insert(settings).values({ key: KEY, value: generated }).onConflictDoNothing();
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY));
  if (typeof row?.value !== "string") throw new Error(`settings ${KEY} is not a string`);
  return row.value;
}
