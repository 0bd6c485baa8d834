import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../db/client";
import { auditLog, teams, users } from "../db/schema";
import type { AuditListInput } from "./audit-inputs";

const actor = alias(users, "actor");
const targetUser = alias(users, "target_user");

/**
 * The audit log, newest first, with who did it and what it was done to by name where that still
 * exists (a deleted team's name is in its entry's details).
 */
export async function listAudit(db: Db, f: AuditListInput) {
  const where: SQL | undefined = f.entities?.length ? inArray(auditLog.entity, f.entities) : undefined;
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        action: auditLog.action,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        details: auditLog.details,
        actorId: auditLog.actorId,
        actorName: actor.name,
        actorEmail: actor.email,
        targetUserName: targetUser.name,
        targetTeamName: teams.name,
      })
      .from(auditLog)
      .leftJoin(actor, eq(actor.id, auditLog.actorId))
      .leftJoin(
        targetUser,
        and(eq(auditLog.entity, "user"), eq(sql`${targetUser.id}::text`, auditLog.entityId)),
      )
      .leftJoin(teams, and(eq(auditLog.entity, "team"), eq(sql`${teams.id}::text`, auditLog.entityId)))
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return {
    total: count?.n ?? 0,
    entries: rows.map(({ targetUserName, targetTeamName, details, ...row }) => ({
      ...row,
      details,
      at: row.at.toISOString(),
      targetName: targetUserName ?? targetTeamName ?? nameIn(details),
    })),
  };
}

const nameIn = (details: Record<string, unknown>) =>
  typeof details.name === "string" ? details.name : typeof details.email === "string" ? details.email : null;
