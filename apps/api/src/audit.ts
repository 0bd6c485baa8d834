import type { Db } from "./db/client";
import { auditLog } from "./db/schema";

/** Every marketer and admin change leaves a line here. */
export async function writeAudit(
  db: Db,
  actorId: string | null,
  action: string,
  entity: string,
  entityId: string | null,
  details: Record<string, unknown>,
): Promise<void> {
  await db.insert(auditLog).values({ actorId, action, entity, entityId, details });
}
