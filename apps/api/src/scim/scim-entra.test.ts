import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories";
import { meStatus, openScimServer, type scimClient } from "../../testing/scim-client";
import { loginCookie, loginToken, type TestServer } from "../../testing/server";

// The requests of Microsoft Entra ID's "Tutorial: Develop and plan provisioning for a SCIM endpoint",
// bodies and filters as its provisioning service sends them.
let server: TestServer;
let scim: ReturnType<typeof scimClient>;
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

// booting migrates a fresh database: on a busy shared machine that can take over the default minute
beforeAll(async () => {
  ({ server, scim } = await openScimServer());
}, 240_000);
afterAll(() => server?.close());

const filtered = (resource: string, filter: string, extra = "") =>
  `/${resource}?${extra}filter=${encodeURIComponent(filter)}`;

describe("Entra ID: users", () => {
  let id: string;

  it("creates a user whose userName is no address: the work email signs in", async () => {
    const created = await scim("POST", "/Users", {
      schemas: [USER, ENTERPRISE],
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      userName: "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
      active: true,
      emails: [
        { primary: true, type: "work", value: "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com" },
      ],
      meta: { resourceType: "User" },
      name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
      roles: [],
    });
    expect(created.status).toBe(201);
    id = created.body.id;
    expect(created.body).toMatchObject({
      userName: "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      active: true,
      emails: [
        { value: "test_user_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com", type: "work", primary: true },
      ],
      name: { formatted: "givenName familyName", givenName: "givenName", familyName: "familyName" },
    });
  });

  it("gets it by id, finds it by userName, and answers zero results for an unknown one", async () => {
    expect((await scim("GET", `/Users/${id}`)).body.id).toBe(id);
    const found = await scim(
      "GET",
      filtered("Users", 'userName eq "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1"'),
    );
    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id }] });
    const none = await scim("GET", filtered("Users", 'userName eq "non-existent user"'));
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });
    const byExternal = await scim(
      "GET",
      filtered("Users", 'externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"'),
    );
    expect(byExternal.body.totalResults).toBe(1);
    const byWorkEmail = await scim(
      "GET",
      filtered(
        "Users",
        'emails[type eq "work"].value eq "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com"',
      ),
    );
    expect(byWorkEmail.body.totalResults).toBe(1);
  });

  it("updates multi-valued and single-valued attributes with Replace", async () => {
    const multi = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: "Replace", path: 'emails[type eq "work"].value', value: "updatedEmail@microsoft.com" },
        { op: "Replace", path: "name.familyName", value: "updatedFamilyName" },
      ],
    });
    expect(multi.status).toBe(200);
    expect(multi.body).toMatchObject({
      userName: "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
      emails: [{ value: "updatedemail@microsoft.com" }],
      name: { formatted: "givenName updatedFamilyName", familyName: "updatedFamilyName" },
    });

    const single = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: "Replace", path: "userName", value: "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com" },
      ],
    });
    expect(single.body).toMatchObject({
      userName: "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com",
      emails: [{ value: "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com" }],
    });
  });

  it("deletes the user: 204, then 404 and gone from lists; created again, the same user comes back", async () => {
    expect((await scim("DELETE", `/Users/${id}`)).status).toBe(204);
    expect((await scim("GET", `/Users/${id}`)).status).toBe(404);
    const listed = await scim(
      "GET",
      filtered("Users", 'userName eq "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"'),
    );
    expect(listed.body.totalResults).toBe(0);
    const again = await scim("POST", "/Users", {
      schemas: [USER],
      userName: "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com",
      active: true,
      name: { formatted: "givenName familyName" },
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id, active: true });
  });
});

describe("Entra ID: disabling ends the user's session and extension token", () => {
  it.each([
    ["a boolean", false, true],
    ['the string "False" (Entra ID without aadOptscim062020)', "False", "True"],
  ])("disables with path active and %s; the next requests are refused", async (_, off, on) => {
    const person = await makeUser(server.deps.database.db);
    const cookie = await loginCookie(server, person.email, person.password);
    const token = await loginToken(server, person.email, person.password);
    expect(await meStatus(server, { cookie })).toBe(200);
    expect(await meStatus(server, { token })).toBe(200);
    const found = await scim("GET", filtered("Users", `userName eq "${person.email}"`));
    const id: string = found.body.Resources[0].id;

    const disabled = await scim("PATCH", `/Users/${id}`, {
      Operations: [{ op: "Replace", path: "active", value: off }],
      schemas: [PATCH_OP],
    });
    expect(disabled.body.active).toBe(false);
    expect(await meStatus(server, { cookie })).toBe(401);
    expect(await meStatus(server, { token })).toBe(401);

    const enabled = await scim("PATCH", `/Users/${id}`, {
      Operations: [{ op: "Replace", path: "active", value: on }],
      schemas: [PATCH_OP],
    });
    expect(enabled.body.active).toBe(true);
    expect(await meStatus(server, { token: await loginToken(server, person.email, person.password) })).toBe(
      200,
    );
  });
});

describe("Entra ID: groups", () => {
  let groupId: string;
  let memberId: string;

  beforeAll(async () => {
    const member = await scim("POST", "/Users", {
      schemas: [USER, ENTERPRISE],
      externalId: "f648f8d5-ea4e-4cd3-8e9c-000000000001",
      userName: "member@testuser.com",
      active: true,
      emails: [{ primary: true, type: "work", value: "member@testuser.com" }],
      name: { formatted: "Member One", familyName: "One", givenName: "Member" },
    });
    memberId = member.body.id;
  });

  it("creates a group, gets it without members, finds it by displayName", async () => {
    const created = await scim("POST", "/Groups", {
      schemas: [GROUP, "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
      externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
      displayName: "displayName",
      meta: { resourceType: "Group" },
    });
    expect(created.status).toBe(201);
    groupId = created.body.id;
    expect(created.body).toMatchObject({
      displayName: "displayName",
      externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
    });

    const got = await scim("GET", `/Groups/${groupId}?excludedAttributes=members`);
    expect(got.body.displayName).toBe("displayName");
    expect(got.body).not.toHaveProperty("members");

    const found = await scim(
      "GET",
      filtered("Groups", 'displayName eq "displayName"', "excludedAttributes=members&"),
    );
    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id: groupId }] });
    expect(found.body.Resources[0]).not.toHaveProperty("members");
  });

  it("renames it with Replace displayName", async () => {
    const renamed = await scim("PATCH", `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [
        {
          op: "Replace",
          path: "displayName",
          value: "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName",
        },
      ],
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.displayName).toBe("1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName");
  });

  it("adds and removes a member with Add/Remove path members", async () => {
    const added = await scim("PATCH", `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Add", path: "members", value: [{ $ref: null, value: memberId }] }],
    });
    expect(added.body.members.map((m: { value: string }) => m.value)).toEqual([memberId]);
    const removed = await scim("PATCH", `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Remove", path: "members", value: [{ $ref: null, value: memberId }] }],
    });
    expect(removed.body.members).toEqual([]);
  });

  it("deletes the group; its members are left without a team", async () => {
    await scim("PATCH", `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Add", path: "members", value: [{ $ref: null, value: memberId }] }],
    });
    expect((await scim("DELETE", `/Groups/${groupId}`)).status).toBe(204);
    expect((await scim("GET", `/Groups/${groupId}`)).status).toBe(404);
    expect((await scim("GET", `/Users/${memberId}`)).body.groups).toEqual([]);
  });
});
