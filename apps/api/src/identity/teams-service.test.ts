import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../testing/app-server";
import { makeTeam, makeUser } from "../../testing/factories";
import type { Database } from "../db/client";
import { teams, users } from "../db/schema";
import { AppError } from "../errors";
import { deleteTeam, renameTeam } from "./teams-service";

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
}, 240_000);
afterAll(() => database?.close());

const teamOf = async (id: string) =>
  (await database.db.select({ teamId: users.teamId }).from(users).where(eq(users.id, id)))[0]?.teamId;

describe("teams-service", () => {
  it("renames a team, refusing a name another team has", async () => {
    const db = database.db;
    const a = await makeTeam(db, "Renamed A");
    await makeTeam(db, "Renamed B");
    expect(await renameTeam(db, a.id, "Renamed C")).toEqual({ id: a.id, name: "Renamed C" });
    expect(await renameTeam(db, a.id, "Renamed C")).toEqual({ id: a.id, name: "Renamed C" });
    await expect(renameTeam(db, a.id, "Renamed B")).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(renameTeam(db, "00000000-0000-4000-8000-000000000000", "X")).rejects.toBeInstanceOf(
      AppError,
    );
  });

  it("deletes a team, moving its users to another or to none", async () => {
    const db = database.db;
    const from = await makeTeam(db, "Delete from");
    const to = await makeTeam(db, "Delete to");
    const moved = await makeUser(db, { teamId: from.id });
    await deleteTeam(db, from.id, { moveUsersTo: to.id });
    expect(await teamOf(moved.id)).toBe(to.id);
    expect(await db.select().from(teams).where(eq(teams.id, from.id))).toEqual([]);

    await expect(deleteTeam(db, to.id, { moveUsersTo: to.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await deleteTeam(db, to.id, { moveUsersTo: null });
    expect(await teamOf(moved.id)).toBeNull();
  });
});
