import { and, eq, ne, type SQL, sql } from "drizzle-orm";
import { type ChangeNotice, changeAndNotify } from "../cluster/change-notices";
import { type ClusterBus, localBus } from "../cluster/cluster-bus";
import type { Db } from "../db/client";
import { markForIndexing } from "../db/outbox";
import { assets, collections, teams, users } from "../db/schema";
import { AppError } from "../errors";

/** Another team already has this name (compared without case): the clients' words for it. */
export function nameTaken(name: string): AppError {
  return new AppError("CONFLICT", `A team named ${name} already exists`, {
    reason: "teamNameTaken",
    params: { name },
    field: "name",
  });
}

export const sameName = (name: string) => sql`lower(${teams.name}) = ${name.toLowerCase()}`;

/** Postgres' unique_violation: two renames racing to one name. */
const isUniqueViolation = (err: unknown) =>
  typeof err === "object" && err !== null && "code" in err && (err as { code: unknown }).code === "23505";

async function requireTeam(db: Db, id: string, field = "id") {
  const [team] = await db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, id));
  if (!team) throw new AppError("NOT_FOUND", `${field}: no team with id ${id}`);
  return team;
}

export async function renameTeam(db: Db, id: string, name: string): Promise<{ id: string; name: string }> {
  const trimmed = name.trim();
  if (!trimmed)
    throw new AppError("BAD_REQUEST", "name: enter a team name", { reason: "teamNameEmpty", field: "name" });
  await requireTeam(db, id);
  const [clash] = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(sameName(trimmed), ne(teams.id, id)));
  if (clash) throw nameTaken(trimmed);
  try {
    const [row] = await db
      .update(teams)
      .set({ name: trimmed })
      .where(eq(teams.id, id))
      .returning({ id: teams.id, name: teams.name });
    if (!row) throw new AppError("NOT_FOUND", `id: no team with id ${id}`);
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(trimmed);
    throw err;
  }
}

export interface TeamDeletionOptions {
  /** The team the deleted team's users join, or null: they have no team. */
  moveUsersTo: string | null;
  /**
   * Where content limited to the deleted team goes: that team takes its place in the asset's and
   * collection's teams; null removes it, and content limited to it alone becomes visible to every
   * team. Defaults to `moveUsersTo`, so the users keep seeing what they saw.
   */
  moveContentTo?: string | null | undefined;
  /**
   * Leaves content limited to the deleted team as it is: limited to a team nobody is in, so only
   * marketers and admins see it until one of them picks its teams (SCIM: an identity provider deleting
   * a group must not open team-only content to everyone). Overrides `moveContentTo`.
   */
  keepContentLimited?: boolean | undefined;
  /** Tells every API process the moved users' team changed (their cached sessions); this process only when absent. */
  bus?: ClusterBus | undefined;
}

/** What deleting a team does, counted before it is done (the confirmation) and reported after (the audit). */
export interface TeamDeletionImpact {
  team: { id: string; name: string };
  usersTo: { id: string; name: string } | null;
  contentTo: { id: string; name: string } | null;
  /** Members, deactivated ones included. */
  users: number;
  /** Assets limited to this team alone. */
  teamOnlyAssets: number;
  /** Assets limited to this team and others: they keep the others. */
  sharedAssets: number;
  teamOnlyCollections: number;
  sharedCollections: number;
}

type TeamIdsColumn = typeof assets.teamIds | typeof collections.teamIds;

const limitedTo = (column: TeamIdsColumn, teamId: string) => sql`${teamId}::uuid = any(${column})`;

async function countLimited(db: Db, table: typeof assets | typeof collections, teamId: string) {
  const [row] = await db
    .select({
      only: sql<number>`count(*) filter (where cardinality(${table.teamIds}) = 1)::int`,
      shared: sql<number>`count(*) filter (where cardinality(${table.teamIds}) > 1)::int`,
    })
    .from(table)
    .where(limitedTo(table.teamIds, teamId));
  return { only: row?.only ?? 0, shared: row?.shared ?? 0 };
}

/** The confirmation's figures: who and what moves where. Refuses a destination that is the team itself or missing. */
export async function teamDeletionImpact(
  db: Db,
  id: string,
  options: TeamDeletionOptions,
): Promise<TeamDeletionImpact> {
  const team = await requireTeam(db, id);
  const contentToId = options.moveContentTo === undefined ? options.moveUsersTo : options.moveContentTo;
  const destination = async (target: string | null, field: string) => {
    if (target === null) return null;
    if (target === id)
      throw new AppError("BAD_REQUEST", `${field}: pick another team than the one deleted`, {
        reason: "teamMoveToItself",
        field,
      });
    return requireTeam(db, target, field);
  };
  const usersTo = await destination(options.moveUsersTo, "moveUsersTo");
  const contentTo = await destination(contentToId, "moveContentTo");
  const [members] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(eq(users.teamId, id));
  const assetCounts = await countLimited(db, assets, id);
  const collectionCounts = await countLimited(db, collections, id);
  return {
    team,
    usersTo,
    contentTo,
    users: members?.n ?? 0,
    teamOnlyAssets: assetCounts.only,
    sharedAssets: assetCounts.shared,
    teamOnlyCollections: collectionCounts.only,
    sharedCollections: collectionCounts.shared,
  };
}

/** The team's place in `column` given to `to` (once), or removed when `to` is null. */
function movedTeams(column: TeamIdsColumn, from: string, to: string | null): SQL {
  if (to === null) return sql`array_remove(${column}, ${from}::uuid)`;
  return sql`case when ${to}::uuid = any(${column}) then array_remove(${column}, ${from}::uuid)
    else array_replace(${column}, ${from}::uuid, ${to}::uuid) end`;
}

/**
 * Deletes a team, moving its users and its content as `options` say, in one transaction; the
 * figures it moved are returned (what the audit line records).
 */
export async function deleteTeamReporting(
  db: Db,
  id: string,
  options: TeamDeletionOptions,
): Promise<TeamDeletionImpact & { userIds: string[]; assetIds: string[] }> {
  const impact = await teamDeletionImpact(db, id, options);
  const members = await db.select({ id: users.id }).from(users).where(eq(users.teamId, id));
  const notices: ChangeNotice[] = members.map((m) => ({ kind: "user", userId: m.id }));
  const contentTo = impact.contentTo?.id ?? null;
  return changeAndNotify(db, options.bus ?? localBus(), notices, async (tx) => {
    await tx
      .update(users)
      .set({ teamId: impact.usersTo?.id ?? null, updatedAt: new Date() })
      .where(eq(users.teamId, id));
    if (options.keepContentLimited) {
      await tx.delete(teams).where(eq(teams.id, id));
      return { ...impact, contentTo: null, userIds: members.map((m) => m.id), assetIds: [] };
    }
    const moved = await tx
      .update(assets)
      .set({ teamIds: movedTeams(assets.teamIds, id, contentTo), updatedAt: new Date() })
      .where(limitedTo(assets.teamIds, id))
      .returning({ id: assets.id });
    // the search index filters by team too
    await markForIndexing(
      tx,
      moved.map((a) => a.id),
    );
    await tx
      .update(collections)
      .set({ teamIds: movedTeams(collections.teamIds, id, contentTo), updatedAt: new Date() })
      .where(limitedTo(collections.teamIds, id));
    await tx.delete(teams).where(eq(teams.id, id));
    return { ...impact, userIds: members.map((m) => m.id), assetIds: moved.map((a) => a.id) };
  });
}

export async function deleteTeam(
  db: Db,
  id: string,
  options: { moveUsersTo: string | null; keepContentLimited?: boolean },
): Promise<void> {
  await deleteTeamReporting(db, id, options);
}
