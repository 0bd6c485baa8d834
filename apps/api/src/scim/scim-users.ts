import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import { writeAudit } from "../audit";
import { changeAndNotify } from "../cluster/change-notices";
import type { ClusterBus } from "../cluster/cluster-bus";
import type { Db } from "../db/client";
import { teams, users } from "../db/schema";
import { hashPassword } from "../identity/passwords";
import { newSecretToken } from "../identity/tokens";
import { disableUser, enableUser } from "../identity/users-service";
import { badRequest, notFound, ScimError } from "./scim-errors";
import { type Filter, filterString } from "./scim-filter";
import type { PatchOperation } from "./scim-patch";
import { meta, type Page, USER_SCHEMA } from "./scim-resources";
import {
  columnsOf,
  draftFromResource,
  draftFromStored,
  patchDraft,
  splitName,
  type UserColumns,
} from "./scim-user-draft";

const columns = {
  id: users.id,
  email: users.email,
  scimUserName: users.scimUserName,
  name: users.name,
  externalId: users.externalId,
  disabledAt: users.disabledAt,
  teamId: users.teamId,
  teamName: teams.name,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

type UserRow = {
  id: string;
  email: string;
  scimUserName: string | null;
  name: string;
  externalId: string | null;
  disabledAt: Date | null;
  teamId: string | null;
  teamName: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** Who SCIM changes are made by, in the audit log (its actor is no user). */
const VIA = { via: "scim" } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: string) => UUID.test(id);

export function toScimUser(row: UserRow, base: string) {
  const [givenName, familyName] = splitName(row.name);
  const location = `${base}/Users/${row.id}`;
  return {
    schemas: [USER_SCHEMA],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    userName: row.scimUserName ?? row.email,
    name: { formatted: row.name, givenName, ...(familyName ? { familyName } : {}) },
    displayName: row.name,
    emails: [{ value: row.email, type: "work", primary: true }],
    active: row.disabledAt === null,
    groups: row.teamId
      ? [
          {
            value: row.teamId,
            display: row.teamName ?? "",
            $ref: `${base}/Groups/${row.teamId}`,
            type: "direct",
          },
        ]
      : [],
    meta: meta("User", location, row.createdAt, row.updatedAt),
  };
}

/** The SQL of a Users filter; an attribute this server cannot filter on is refused with invalidFilter. */
function userCondition(filter: Filter): SQL[] {
  return filter.map(({ path, value, where }) => {
    if (path === "username") {
      return sql`lower(coalesce(${users.scimUserName}, ${users.email})) = ${filterString(value, "userName").toLowerCase()}`;
    }
    if (path === "externalid") return eq(users.externalId, filterString(value, "externalId"));
    if (path === "id") {
      const id = filterString(value, "id");
      return isUuid(id) ? eq(users.id, id) : sql`false`;
    }
    if (path === "displayname") {
      return sql`lower(${users.name}) = ${filterString(value, "displayName").toLowerCase()}`;
    }
    if (path === "active") {
      if (typeof value !== "boolean")
        throw badRequest("invalidFilter", "filter: active is compared with true or false");
      return value ? isNull(users.disabledAt) : sql`${users.disabledAt} is not null`;
    }
    if (path === "emails.value" || path === "emails") {
      // the one address kept is the work address, and the primary one
      const narrowed =
        !where ||
        (where.path === "type" && typeof where.value === "string" && where.value.toLowerCase() === "work") ||
        (where.path === "primary" && where.value === true);
      if (where && !["type", "primary"].includes(where.path)) {
        throw badRequest(
          "invalidFilter",
          `filter: emails can be narrowed by type or primary, not ${where.path}`,
        );
      }
      return narrowed
        ? sql`lower(${users.email}) = ${filterString(value, "emails.value").toLowerCase()}`
        : sql`false`;
    }
    throw badRequest(
      "invalidFilter",
      `filter: Users can be filtered on userName, externalId, id, displayName, active and emails, not ${path}`,
    );
  });
}

const visible = isNull(users.scimDeletedAt);

function selectUsers(db: Db) {
  return db.select(columns).from(users).leftJoin(teams, eq(teams.id, users.teamId));
}

export async function listScimUsers(db: Db, filter: Filter, page: Page) {
  const where = and(visible, ...userCondition(filter));
  const [counted] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(where);
  const rows =
    page.count === 0
      ? []
      : await selectUsers(db)
          .where(where)
          .orderBy(users.createdAt, users.id)
          .limit(page.count)
          .offset(page.startIndex - 1);
  return { total: counted?.n ?? 0, rows };
}

export async function getScimUser(db: Db, id: string): Promise<UserRow> {
  const [row] = isUuid(id) ? await selectUsers(db).where(and(eq(users.id, id), visible)) : [];
  if (!row) throw notFound("User", id);
  return row;
}

/** Another user already holding this email or userName (SCIM-deleted ones included). */
async function holderOf(db: Db, cols: UserColumns, except?: string) {
  const userName = (cols.scimUserName ?? cols.email).toLowerCase();
  const [row] = await db
    .select({ id: users.id, scimDeletedAt: users.scimDeletedAt })
    .from(users)
    .where(
      and(
        sql`(lower(${users.email}) in (${cols.email}, ${userName}) or lower(${users.scimUserName}) in (${cols.email}, ${userName}))`,
        except ? sql`${users.id} <> ${except}` : undefined,
      ),
    )
    .limit(1);
  return row;
}

const conflict = (cols: UserColumns) =>
  new ScimError(
    "CONFLICT",
    `A user with userName or email ${cols.scimUserName ?? cols.email} already exists`,
    "uniqueness",
  );

/**
 * POST /Users. A user deleted through SCIM and created again with the same email comes back as the
 * same user (their history kept); anyone else with it is a uniqueness conflict.
 */
export async function createScimUser(
  db: Db,
  bus: ClusterBus,
  body: unknown,
): Promise<{ id: string; revived: boolean }> {
  const cols = columnsOf(draftFromResource(body));
  const holder = await holderOf(db, cols);
  if (holder && !holder.scimDeletedAt) throw conflict(cols);
  if (holder) {
    await db.update(users).set({ scimDeletedAt: null }).where(eq(users.id, holder.id));
    await applyColumns(db, bus, holder.id, cols, { wasActive: false });
    await writeAudit(db, null, "user.restore", "user", holder.id, { ...VIA, email: cols.email });
    return { id: holder.id, revived: true };
  }
  // nobody knows this password: the user signs in through SSO or sets one from an invitation
  const passwordHash = await hashPassword(newSecretToken());
  const [row] = await db
    .insert(users)
    .values({
      email: cols.email,
      scimUserName: cols.scimUserName,
      name: cols.name,
      externalId: cols.externalId,
      role: "rep",
      passwordHash,
      disabledAt: cols.active ? null : new Date(),
    })
    .returning({ id: users.id });
  if (!row) throw new Error("insert returned no row");
  await writeAudit(db, null, "user.create", "user", row.id, { ...VIA, email: cols.email, role: "rep" });
  return { id: row.id, revived: false };
}

/** PUT /Users/:id: the resource as sent replaces what is kept. */
export async function replaceScimUser(db: Db, bus: ClusterBus, id: string, body: unknown): Promise<void> {
  const current = await getScimUser(db, id);
  const cols = columnsOf(
    draftFromResource(body, { active: current.disabledAt === null, externalId: current.externalId }),
  );
  await applyColumns(db, bus, id, cols, { wasActive: current.disabledAt === null });
}

/** PATCH /Users/:id. */
export async function patchScimUser(
  db: Db,
  bus: ClusterBus,
  id: string,
  ops: PatchOperation[],
): Promise<void> {
  const current = await getScimUser(db, id);
  const cols = columnsOf(patchDraft(draftFromStored(current), ops));
  await applyColumns(db, bus, id, cols, { wasActive: current.disabledAt === null });
}

/**
 * Writes the columns, then deactivates (disableUser: sessions and tokens end at once, in every
 * process) or reactivates as `active` says.
 */
async function applyColumns(
  db: Db,
  bus: ClusterBus,
  id: string,
  cols: UserColumns,
  was: { wasActive: boolean },
) {
  if (await holderOf(db, cols, id)) throw conflict(cols);
  const [before] = await db
    .select({
      email: users.email,
      name: users.name,
      externalId: users.externalId,
      scimUserName: users.scimUserName,
    })
    .from(users)
    .where(eq(users.id, id));
  if (!before) throw notFound("User", id);
  const changed = (["email", "name", "externalId", "scimUserName"] as const).filter(
    (k) => before[k] !== cols[k],
  );
  if (changed.length > 0) {
    // the email and name ride in cached credentials: every process forgets them
    await changeAndNotify(db, bus, [{ kind: "user", userId: id }], (tx) =>
      tx
        .update(users)
        .set({
          email: cols.email,
          scimUserName: cols.scimUserName,
          name: cols.name,
          externalId: cols.externalId,
          updatedAt: new Date(),
        })
        .where(eq(users.id, id)),
    );
    await writeAudit(db, null, "user.update", "user", id, { ...VIA, changed });
  }
  if (was.wasActive && !cols.active) {
    await disableUser(db, bus, id);
    await writeAudit(db, null, "user.disable", "user", id, VIA);
  } else if (!was.wasActive && cols.active) {
    await enableUser(db, bus, id);
    await writeAudit(db, null, "user.enable", "user", id, VIA);
  }
}

/**
 * DELETE /Users/:id: the user is disabled (sessions and tokens end) and leaves SCIM's view; the row
 * stays, so the content they own and their activity keep their author.
 */
export async function deleteScimUser(db: Db, bus: ClusterBus, id: string): Promise<void> {
  await getScimUser(db, id);
  await disableUser(db, bus, id);
  await db.update(users).set({ scimDeletedAt: new Date() }).where(eq(users.id, id));
  await writeAudit(db, null, "user.delete", "user", id, { ...VIA, kept: "disabled" });
}
