import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { settings } from "../db/schema";

const KEY = "cluster.id";

/**
 * A random id of this database, made by whichever process asks first: the processes that share a
 * database share it, and so a Redis server shared by several deployments (or test files) keeps
 * each one's messages apart.
 */
export async function clusterId(db: Db): Promise<string> {
  await db.insert(settings).values({ key: KEY, value: randomUUID() }).onConflictDoNothing();
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY));
  if (typeof row?.value !== "string") throw new Error(`settings ${KEY} is not a string`);
  return row.value;
}
