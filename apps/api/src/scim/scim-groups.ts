import { and, asc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { writeAudit } from "../audit";
import { changeAndNotify } from "../cluster/change-notices";
import type { ClusterBus } from "../cluster/cluster-bus";
import type { Db } from "../db/client";
import { teams, users } from "../db/schema";
import { AppError } from "../errors";
import { deleteTeam, renameTeam } from "../identity/teams-service";
import { createTeam } from "../identity/users-service";
import { badRequest, notFound, ScimError } from "./scim-errors";
import { type Filter, filterString } from "./scim-filter";
import { expandPathless, isObject, type PatchOperation } from "./scim-patch";
import { GROUP_SCHEMA, meta, type Page } from "./scim-resources";
import { isUuid } from "./scim-users";

/**
 * Groups are teams. A user has one team, so a user added to a second group moves there and leaves the
 * first (the last membership sent wins); removing a user from a group they are no longer in does nothing.
 */
type TeamRow = { id: string; name: string; externalId: string | null; createdAt: Date };

const VIA = { via: "scim" } as const;
const MAX_DISPLAY_NAME = 100;

const teamColumns = {
  id: teams.id,
  name: teams.name,
  externalId: teams.externalId,
  createdAt: teams.createdAt,
};

async function membersOf(db: Db, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  return db
    .select({ id: users.id, email: users.email, teamId: users.teamId })
    .from(users)
    .where(and(inArray(users.teamId, teamIds), isNull(users.scimDeletedAt)))
    .orderBy(asc(users.email));
}

export async function toScimGroups(db: Db, rows: TeamRow[], base: string, withMembers: boolean) {
  const members = withMembers
    ? await membersOf(
        db,
        rows.map((r) => r.id),
      )
    : [];
  return rows.map((row) => ({
    schemas: [GROUP_SCHEMA],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    displayName: row.name,
    ...(withMembers
      ? {
          members: members
            .filter((m) => m.teamId === row.id)
            .map((m) => ({ value: m.id, display: m.email, $ref: `${base}/Users/${m.id}`, type: "User" })),
        }
      : {}),
    // teams keep no modification time: a rename is not dated
    meta: meta("Group", `${base}/Groups/${row.id}`, row.createdAt, row.createdAt),
  }));
}

function groupCondition(filter: Filter): SQL[] {
  return filter.map(({ path, value }) => {
    if (path === "displayname") {
      return sql`lower(${teams.name}) = ${filterString(value, "displayName").toLowerCase()}`;
    }
    if (path === "externalid") return eq(teams.externalId, filterString(value, "externalId"));
    if (path === "id") {
      const id = filterString(value, "id");
      return isUuid(id) ? eq(teams.id, id) : sql`false`;
    }
    throw badRequest(
      "invalidFilter",
      `filter: Groups can be filtered on displayName, externalId and id, not ${path}`,
    );
  });
}

export async function listScimGroups(db: Db, filter: Filter, page: Page) {
  const where = and(...groupCondition(filter));
  const [counted] = await db.select({ n: sql<number>`count(*)::int` }).from(teams).where(where);
  const rows =
    page.count === 0
      ? []
      : await db
          .select(teamColumns)
          .from(teams)
          .where(where)
          .orderBy(asc(teams.createdAt), asc(teams.id))
          .limit(page.count)
          .offset(page.startIndex - 1);
  return { total: counted?.n ?? 0, rows };
}

export async function getScimGroup(db: Db, id: string): Promise<TeamRow> {
  const [row] = isUuid(id) ? await db.select(teamColumns).from(teams).where(eq(teams.id, id)) : [];
  if (!row) throw notFound("Group", id);
  return row;
}

function displayNameOf(value: unknown): string {
  if (typeof value !== "string" || !value.trim()) throw badRequest("invalidValue", "displayName: required");
  const name = value.trim();
  if (name.length > MAX_DISPLAY_NAME) {
    throw badRequest("invalidValue", `displayName: longer than ${MAX_DISPLAY_NAME} characters`);
  }
  return name;
}

function externalIdOf(value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value !== "string") throw badRequest("invalidValue", "externalId: a string was expected");
  return value;
}

/** The user ids of a `members` value: `[{"value": "<id>"}]`. */
function memberIds(value: unknown): string[] {
  const list = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  return list.map((m, i) => {
    const id = isObject(m) ? m.value : undefined;
    if (typeof id !== "string")
      throw badRequest("invalidValue", `members[${i}].value: a user id was expected`);
    return id;
  });
}

/** Team and audit errors from the shared services, as SCIM errors. */
async function asScim<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ScimError) throw err;
    if (err instanceof AppError && err.code === "CONFLICT")
      throw new ScimError("CONFLICT", err.message, "uniqueness");
    if (err instanceof AppError && err.code === "NOT_FOUND") throw new ScimError("NOT_FOUND", err.message);
    throw err;
  }
}

/**
 * Puts users into the team (moving them from any other) and takes others out of it. Every process
 * forgets their cached credentials, which carry the team.
 */
async function changeMembers(db: Db, bus: ClusterBus, teamId: string, add: string[], remove: string[]) {
  const unknown = [...add, ...remove].find((id) => !isUuid(id));
  if (unknown) throw badRequest("invalidValue", `members: no user with id ${unknown}`);
  const found = add.length
    ? await db
        .select({ id: users.id })
        .from(users)
        .where(and(inArray(users.id, add), isNull(users.scimDeletedAt)))
    : [];
  const missing = add.find((id) => !found.some((f) => f.id === id));
  if (missing) throw badRequest("invalidValue", `members: no user with id ${missing}`);
  const leaving = remove.filter((id) => !add.includes(id));
  const notices = [...add, ...leaving].map((userId) => ({ kind: "user" as const, userId }));
  if (notices.length === 0) return;
  const moved = await changeAndNotify(db, bus, notices, async (tx) => {
    const joined = add.length
      ? await tx
          .update(users)
          .set({ teamId, updatedAt: new Date() })
          .where(and(inArray(users.id, add), sql`${users.teamId} is distinct from ${teamId}`))
          .returning({ id: users.id })
      : [];
    const left = leaving.length
      ? await tx
          .update(users)
          .set({ teamId: null, updatedAt: new Date() })
          .where(and(inArray(users.id, leaving), eq(users.teamId, teamId)))
          .returning({ id: users.id })
      : [];
    return { joined: joined.map((r) => r.id), left: left.map((r) => r.id) };
  });
  if (moved.joined.length + moved.left.length > 0) {
    await writeAudit(db, null, "team.members", "team", teamId, { ...VIA, ...moved });
  }
}

async function currentMemberIds(db: Db, teamId: string): Promise<string[]> {
  return (await membersOf(db, [teamId])).map((m) => m.id);
}

/** Makes the team's members exactly `ids`. */
async function setMembers(db: Db, bus: ClusterBus, teamId: string, ids: string[]) {
  const current = await currentMemberIds(db, teamId);
  await changeMembers(
    db,
    bus,
    teamId,
    ids.filter((id) => !current.includes(id)),
    current.filter((id) => !ids.includes(id)),
  );
}

async function setGroupFields(db: Db, id: string, fields: { name?: string; externalId?: string | null }) {
  const current = await getScimGroup(db, id);
  if (fields.name !== undefined && fields.name !== current.name) {
    await asScim(() => renameTeam(db, id, fields.name as string));
    await writeAudit(db, null, "team.rename", "team", id, { ...VIA, from: current.name, to: fields.name });
  }
  if (fields.externalId !== undefined && fields.externalId !== current.externalId) {
    await db.update(teams).set({ externalId: fields.externalId }).where(eq(teams.id, id));
    await writeAudit(db, null, "team.update", "team", id, { ...VIA, externalId: fields.externalId });
  }
}

export async function createScimGroup(db: Db, bus: ClusterBus, body: unknown): Promise<string> {
  if (!isObject(body)) throw badRequest("invalidSyntax", "body: a Group object was expected");
  const name = displayNameOf(body.displayName);
  const externalId = externalIdOf(body.externalId);
  const ids = memberIds(body.members);
  const team = await asScim(() => createTeam(db, name));
  if (externalId) await db.update(teams).set({ externalId }).where(eq(teams.id, team.id));
  await writeAudit(db, null, "team.create", "team", team.id, { ...VIA, name });
  if (ids.length > 0) await changeMembers(db, bus, team.id, ids, []);
  return team.id;
}

export async function replaceScimGroup(db: Db, bus: ClusterBus, id: string, body: unknown): Promise<void> {
  if (!isObject(body)) throw badRequest("invalidSyntax", "body: a Group object was expected");
  await setGroupFields(db, id, {
    name: displayNameOf(body.displayName),
    externalId: externalIdOf(body.externalId),
  });
  await setMembers(db, bus, id, memberIds(body.members));
}

export async function patchScimGroup(
  db: Db,
  bus: ClusterBus,
  id: string,
  ops: PatchOperation[],
): Promise<void> {
  await getScimGroup(db, id);
  for (const operation of ops.flatMap(expandPathless)) {
    const { op, path, value } = operation;
    if (!path) continue;
    if (path.attr === "displayname") {
      if (op === "remove") throw badRequest("mutability", "displayName: required, it cannot be removed");
      await setGroupFields(db, id, { name: displayNameOf(value) });
    } else if (path.attr === "externalid") {
      await setGroupFields(db, id, { externalId: op === "remove" ? null : externalIdOf(value) });
    } else if (path.attr === "members") {
      await patchMembers(db, bus, id, operation);
    }
    // anything else (the id Okta repeats in a rename, extension attributes) is not kept
  }
}

async function patchMembers(db: Db, bus: ClusterBus, id: string, { op, path, value }: PatchOperation) {
  // Okta: remove with path members[value eq "<id>"]
  if (path?.where) {
    if (path.where.path !== "value" || typeof path.where.value !== "string") {
      throw badRequest("invalidFilter", 'members can be narrowed only by value eq "<user id>"');
    }
    if (op !== "remove") throw badRequest("invalidPath", "members[…]: only remove takes a value filter");
    return changeMembers(db, bus, id, [], [path.where.value]);
  }
  const ids = memberIds(value);
  if (op === "add") return changeMembers(db, bus, id, ids, []);
  if (op === "replace") return setMembers(db, bus, id, ids);
  // remove: the members named in value (Entra ID), or all of them when none is named
  return changeMembers(db, bus, id, [], value === undefined ? await currentMemberIds(db, id) : ids);
}

/** DELETE /Groups/:id: the team goes; its members are left without a team. */
export async function deleteScimGroup(db: Db, bus: ClusterBus, id: string): Promise<void> {
  const team = await getScimGroup(db, id);
  const members = await db.select({ id: users.id }).from(users).where(eq(users.teamId, id));
  await changeAndNotify(
    db,
    bus,
    members.map((m) => ({ kind: "user" as const, userId: m.id })),
    (tx) => asScim(() => deleteTeam(tx, id, { moveUsersTo: null, keepContentLimited: true })),
  );
  await writeAudit(db, null, "team.delete", "team", id, { ...VIA, name: team.name, members: members.length });
}
