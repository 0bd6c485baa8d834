import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories";
import { meStatus, openScimServer, type ScimAnswer, type scimClient } from "../../testing/scim-client";
import { loginCookie, loginToken, type TestServer } from "../../testing/server";
import { auditLog, users } from "../db/schema";

// The requests of Okta's "SCIM 2.0 protocol reference", bodies and filters as Okta sends them.
let server: TestServer;
let scim: ReturnType<typeof scimClient>;
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

// booting migrates a fresh database: on a busy shared machine that can take over the default minute
beforeAll(async () => {
  ({ server, scim } = await openScimServer());
}, 240_000);
afterAll(() => server?.close());

const userNameFilter = (userName: string) =>
  `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}&startIndex=1&count=100`;

const oktaCreateBody = {
  schemas: [USER],
  userName: "test.user@okta.local",
  name: { givenName: "Test", familyName: "User" },
  emails: [{ primary: true, value: "test.user@okta.local", type: "work" }],
  displayName: "Test User",
  locale: "en-US",
  externalId: "00ujl29u0le5T6Aj10h7",
  groups: [],
  password: "1mz050nq",
  active: true,
};

describe("Okta: users", () => {
  let id: string;

  it("looks the user up by userName, finds none, creates them", async () => {
    const none = await scim("GET", userNameFilter("test.user@okta.local"));
    expect(none.status).toBe(200);
    expect(none.type).toMatch(/^application\/scim\+json/);
    expect(none.body).toEqual({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });

    const created = await scim("POST", "/Users", oktaCreateBody);
    expect(created.status).toBe(201);
    id = created.body.id;
    expect(created.body).toMatchObject({
      schemas: [USER],
      userName: "test.user@okta.local",
      externalId: "00ujl29u0le5T6Aj10h7",
      name: { givenName: "Test", familyName: "User" },
      emails: [{ value: "test.user@okta.local", type: "work", primary: true }],
      active: true,
      groups: [],
      meta: { resourceType: "User", location: `${server.deps.config.publicUrl}/scim/v2/Users/${id}` },
    });
    expect(created.body).not.toHaveProperty("password");

    const found = await scim("GET", userNameFilter("Test.User@okta.local"));
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(id);
  });

  it("stores a rep with an unusable password and audits the creation as SCIM's", async () => {
    const db = server.deps.database.db;
    const [row] = await db.select().from(users).where(eq(users.id, id));
    expect(row).toMatchObject({ role: "rep", name: "Test User", externalId: "00ujl29u0le5T6Aj10h7" });
    const login = await fetch(`${server.url}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ email: "test.user@okta.local", password: "1mz050nq" }),
    });
    expect(login.status).toBe(401);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, id))
      .orderBy(desc(auditLog.id));
    expect(entry).toMatchObject({ actorId: null, action: "user.create", details: { via: "scim" } });
  });

  it("refuses a second user with the same userName: 409 uniqueness", async () => {
    const again = await scim("POST", "/Users", { ...oktaCreateBody, userName: "TEST.USER@okta.local" });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
      status: "409",
      scimType: "uniqueness",
    });
  });

  it("gets the user by id and replaces the profile with PUT", async () => {
    const got = await scim("GET", `/Users/${id}`);
    expect(got.status).toBe(200);
    const put = await scim("PUT", `/Users/${id}`, {
      schemas: [USER],
      id,
      userName: "test.user@okta.local",
      name: { givenName: "Another", familyName: "User" },
      emails: [{ primary: true, value: "test.user@okta.local", type: "work" }],
      displayName: "Another User",
      locale: "en-US",
      groups: [],
      active: true,
      meta: {
        resourceType: "User",
        created: got.body.meta.created,
        lastModified: got.body.meta.lastModified,
      },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id, name: { givenName: "Another", familyName: "User" }, active: true });
  });
});

describe("Okta: deactivation ends the user's session and extension token", () => {
  it("deactivates with {op: replace, value: {active: false}}; the next requests are refused; reactivation lets them sign in", async () => {
    // an existing user Okta takes over: it finds them by userName, then manages them
    const person = await makeUser(server.deps.database.db, { email: "pat.okta@example.test" });
    const cookie = await loginCookie(server, person.email, person.password);
    const token = await loginToken(server, person.email, person.password);
    expect(await meStatus(server, { cookie })).toBe(200);
    expect(await meStatus(server, { token })).toBe(200);

    const found = await scim("GET", userNameFilter(person.email));
    expect(found.body.totalResults).toBe(1);
    const id: string = found.body.Resources[0].id;

    const off: ScimAnswer = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "replace", value: { active: false } }],
    });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect(await meStatus(server, { cookie })).toBe(401);
    expect(await meStatus(server, { token })).toBe(401);
    await expect(loginCookie(server, person.email, person.password)).rejects.toThrow(/401/);
    const [entry] = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, id))
      .orderBy(desc(auditLog.id));
    expect(entry).toMatchObject({ actorId: null, action: "user.disable", details: { via: "scim" } });

    const on = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "replace", value: { active: true } }],
    });
    expect(on.body.active).toBe(true);
    // the old credentials stay ended; signing in works again
    expect(await meStatus(server, { cookie })).toBe(401);
    const fresh = await loginCookie(server, person.email, person.password);
    expect(await meStatus(server, { cookie: fresh })).toBe(200);
  });
});

describe("Okta: groups", () => {
  let groupId: string;
  let userId: string;

  beforeAll(async () => {
    const user = await scim("POST", "/Users", {
      ...oktaCreateBody,
      userName: "group.member@okta.local",
      emails: [{ primary: true, value: "group.member@okta.local", type: "work" }],
      externalId: "00ujl29u0le5T6Aj10h8",
    });
    userId = user.body.id;
  });

  it("creates a group and finds it by displayName", async () => {
    const created = await scim("POST", "/Groups", {
      schemas: [GROUP],
      displayName: "Test SCIMv2",
      members: [],
    });
    expect(created.status).toBe(201);
    groupId = created.body.id;
    expect(created.body).toMatchObject({ schemas: [GROUP], displayName: "Test SCIMv2", members: [] });

    const found = await scim(
      "GET",
      `/Groups?filter=${encodeURIComponent('displayName eq "Test SCIMv2"')}&startIndex=1&count=100`,
    );
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(groupId);

    const taken = await scim("POST", "/Groups", {
      schemas: [GROUP],
      displayName: "Test SCIMv2",
      members: [],
    });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ status: "409", scimType: "uniqueness" });
  });

  it("renames it with a path-less replace", async () => {
    const renamed = await scim("PATCH", `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "replace", value: { id: groupId, displayName: "Test SCIMv2 renamed" } }],
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.displayName).toBe("Test SCIMv2 renamed");
  });

  it("adds a member (the user's team) and removes them with members[value eq …]", async () => {
    const added = await scim("PATCH", `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: "add", path: "members", value: [{ value: userId, display: "group.member@okta.local" }] },
      ],
    });
    expect(added.body.members).toEqual([
      expect.objectContaining({ value: userId, display: "group.member@okta.local" }),
    ]);
    const user = await scim("GET", `/Users/${userId}`);
    expect(user.body.groups).toEqual([
      expect.objectContaining({ value: groupId, display: "Test SCIMv2 renamed" }),
    ]);

    const removed = await scim("PATCH", `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "remove", path: `members[value eq "${userId}"]` }],
    });
    expect(removed.body.members).toEqual([]);
    expect((await scim("GET", `/Users/${userId}`)).body.groups).toEqual([]);
  });

  it("replaces the group with PUT, members included", async () => {
    const put = await scim("PUT", `/Groups/${groupId}`, {
      schemas: [GROUP],
      id: groupId,
      displayName: "Test SCIMv2",
      members: [{ value: userId, display: "group.member@okta.local" }],
    });
    expect(put.status).toBe(200);
    expect(put.body.displayName).toBe("Test SCIMv2");
    expect(put.body.members.map((m: { value: string }) => m.value)).toEqual([userId]);
  });

  it("moves a user added to a second group there (one team per user)", async () => {
    const other = await scim("POST", "/Groups", {
      schemas: [GROUP],
      displayName: "Second SCIMv2",
      members: [],
    });
    await scim("PATCH", `/Groups/${other.body.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "add", path: "members", value: [{ value: userId }] }],
    });
    expect((await scim("GET", `/Groups/${groupId}`)).body.members).toEqual([]);
    expect((await scim("GET", `/Users/${userId}`)).body.groups[0].value).toBe(other.body.id);
    await scim("DELETE", `/Groups/${other.body.id}`);
  });

  it("deletes the group: 204, then 404", async () => {
    const gone = await scim("DELETE", `/Groups/${groupId}`);
    expect(gone.status).toBe(204);
    const again = await scim("GET", `/Groups/${groupId}`);
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
      status: "404",
    });
  });
});
