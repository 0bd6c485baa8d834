import { eq } from "drizzle-orm";
import { writeAudit } from "../audit";
import type { Db } from "./client";
import { settings } from "./schema";

/** The stored JSON of one workspace setting, unparsed (each caller owns its schema and defaults). */
export async function readSetting(db: Db, key: string): Promise<unknown> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row?.value;
}

/** Saves one setting and audits who changed it. */
export async function writeSetting<T extends Record<string, unknown>>(
  db: Db,
  actorId: string | null,
  key: string,
  value: T,
): Promise<T> {
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  await writeAudit(db, actorId, "settings.update", "settings", key, value);
  return value;
}
