import { timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../audit";
import type { Db } from "../db/client";
import { settings } from "../db/schema";
import { readSetting } from "../db/settings-store";
import { hashToken, newSecretToken } from "../identity/tokens";

const SETTING_KEY = "scim.token";
export const SCIM_TOKEN_PREFIX = "pss_";

/** What is kept of the token: its SHA-256 (it is 256 random bits, so no slow hash is needed). */
const storedSchema = z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/), createdAt: z.string() });

async function storedToken(db: Db) {
  const parsed = storedSchema.safeParse(await readSetting(db, SETTING_KEY));
  return parsed.success ? parsed.data : null;
}

export async function scimTokenStatus(db: Db): Promise<{ configured: boolean; createdAt: string | null }> {
  const stored = await storedToken(db);
  return { configured: stored !== null, createdAt: stored?.createdAt ?? null };
}

/** A new token replaces any earlier one at once; the caller shows it once, it is never readable again. */
export async function rotateScimToken(
  db: Db,
  actorId: string,
): Promise<{ token: string; createdAt: string }> {
  const token = newSecretToken(SCIM_TOKEN_PREFIX);
  const value = { hash: hashToken(token), createdAt: new Date().toISOString() };
  await db.transaction(async (tx) => {
    await tx
      .insert(settings)
      .values({ key: SETTING_KEY, value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
    await writeAudit(tx, actorId, "scim.token.rotate", "settings", SETTING_KEY, {});
  });
  return { token, createdAt: value.createdAt };
}

export async function revokeScimToken(db: Db, actorId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(settings).where(eq(settings.key, SETTING_KEY));
    await writeAudit(tx, actorId, "scim.token.revoke", "settings", SETTING_KEY, {});
  });
}

/** Whether `offered` is the current token; compared in constant time. */
export async function scimTokenMatches(db: Db, offered: string): Promise<boolean> {
  const stored = await storedToken(db);
  if (!stored) return false;
  return timingSafeEqual(Buffer.from(hashToken(offered), "hex"), Buffer.from(stored.hash, "hex"));
}
