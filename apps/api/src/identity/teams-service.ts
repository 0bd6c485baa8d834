import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { teams, users } from "../db/schema";
import { AppError } from "../errors";

/** Renames a team; names stay unique. */
export async function renameTeam(db: Db, id: string, name: string): Promise<{ id: string; name: string }> {
  const [clash] = await db.select({ id: teams.id }).from(teams).where(eq(teams.name, name));
  if (clash && clash.id !== id) throw new AppError("CONFLICT", `A team named ${name} already exists`);
  const [row] = await db
    .update(teams)
    .set({ name })
    .where(eq(teams.id, id))
    .returning({ id: teams.id, name: teams.name });
  if (!row) throw new AppError("NOT_FOUND", `No team with id ${id}`);
  return row;
}

/**
 * Deletes a team, its members moving to `moveUsersTo` (or to no team). Assets and collections limited
 * to it keep its id, so they stay hidden from reps rather than opening to every team.
 */
export async function deleteTeam(db: Db, id: string, options: { moveUsersTo: string | null }): Promise<void> {
  const { moveUsersTo } = options;
  if (moveUsersTo === id) throw new AppError("BAD_REQUEST", "moveUsersTo: the team being deleted");
  await db.transaction(async (tx) => {
    if (moveUsersTo) {
      const [target] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, moveUsersTo));
      if (!target) throw new AppError("BAD_REQUEST", `moveUsersTo: no team with id ${moveUsersTo}`);
    }
    await tx.update(users).set({ teamId: moveUsersTo, updatedAt: new Date() }).where(eq(users.teamId, id));
    const [row] = await tx.delete(teams).where(eq(teams.id, id)).returning({ id: teams.id });
    if (!row) throw new AppError("NOT_FOUND", `No team with id ${id}`);
  });
}
