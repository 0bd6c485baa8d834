import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawPost } from "../../testing/raw-post";
import { codeOf } from "../../testing/refusal";
import { newScimToken, scimClient } from "../../testing/scim-client";
import type { TestServer } from "../../testing/server";
import { openTestWorkspace } from "../../testing/test-workspace";
import { auditLog } from "../db/schema";

let server: TestServer;
let adminToken: string;
let repToken: string;
let token: string;
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

// booting migrates a fresh database: on a busy shared machine that can take over the default minute
beforeAll(async () => {
  ({
    server,
    tokens: { admin: adminToken, rep: repToken },
  } = await openTestWorkspace({ users: { admin: { role: "admin" }, rep: { role: "rep" } } }));
  token = await newScimToken(server, adminToken);
}, 240_000);
afterAll(() => server?.close());

describe("the SCIM bearer token", () => {
  it("is required: none, a wrong one or a user's extension token get a SCIM 401", async () => {
    for (const offered of [null, "pss_wrong", repToken]) {
      const res = await fetch(`${server.url}/scim/v2/Users`, {
        headers: offered ? { authorization: `Bearer ${offered}` } : {},
      });
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toMatch(/^application\/scim\+json/);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await res.json()).toMatchObject({ schemas: [ERROR], status: "401" });
    }
    expect((await scimClient(server, token)("GET", "/Users")).status).toBe(200);
  });

  it("is managed by admins only; status shows the base URL and when, never the token", async () => {
    const admin = server.client({ token: adminToken });
    const status = await admin.scim.status.query();
    expect(status).toEqual({
      configured: true,
      createdAt: expect.any(String),
      baseUrl: `${server.deps.config.publicUrl}/scim/v2`,
    });
    expect(JSON.stringify(status)).not.toContain(token);
    const rep = server.client({ token: repToken });
    expect(await codeOf(rep.scim.status.query())).toBe("FORBIDDEN");
    expect(await codeOf(rep.scim.rotateToken.mutate())).toBe("FORBIDDEN");
    expect(await codeOf(rep.scim.revokeToken.mutate())).toBe("FORBIDDEN");
  });

  it("rotating ends the old token at once; revoking ends the new one; both are audited", async () => {
    const admin = server.client({ token: adminToken });
    const rotated = await newScimToken(server, adminToken);
    expect(rotated).toMatch(/^pss_/);
    expect((await scimClient(server, token)("GET", "/Users")).status).toBe(401);
    expect((await scimClient(server, rotated)("GET", "/Users")).status).toBe(200);

    await admin.scim.revokeToken.mutate();
    expect((await scimClient(server, rotated)("GET", "/Users")).status).toBe(401);
    expect(await admin.scim.status.query()).toMatchObject({ configured: false, createdAt: null });

    const entries = await server.deps.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entity, "settings"), eq(auditLog.entityId, "scim.token")));
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(["scim.token.rotate", "scim.token.revoke"]),
    );
    token = await newScimToken(server, adminToken);
  });
});

describe("SCIM requests", () => {
  it("refuses filters it does not answer with 400 invalidFilter", async () => {
    const scim = scimClient(server, token);
    for (const filter of ['userName co "x"', 'title eq "CEO"', 'userName eq "a" or userName eq "b"']) {
      const res = await scim("GET", `/Users?filter=${encodeURIComponent(filter)}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ schemas: [ERROR], status: "400", scimType: "invalidFilter" });
    }
    const groups = await scim("GET", `/Groups?filter=${encodeURIComponent('members eq "x"')}`);
    expect(groups.body).toMatchObject({ status: "400", scimType: "invalidFilter" });
  });

  it("pages lists with startIndex and count", async () => {
    const scim = scimClient(server, token);
    for (const n of [1, 2, 3]) {
      await scim("POST", "/Users", { userName: `page${n}@paging.test`, name: { formatted: `Page ${n}` } });
    }
    const filter = encodeURIComponent('userName eq "page2@paging.test"');
    expect((await scim("GET", `/Users?filter=${filter}`)).body.totalResults).toBe(1);
    const all = await scim("GET", "/Users?startIndex=1&count=1000");
    const page = await scim("GET", "/Users?startIndex=2&count=2");
    expect(page.body).toMatchObject({ totalResults: all.body.totalResults, startIndex: 2, itemsPerPage: 2 });
    expect(page.body.Resources.map((r: { id: string }) => r.id)).toEqual(
      all.body.Resources.slice(1, 3).map((r: { id: string }) => r.id),
    );
    const countOnly = await scim("GET", "/Users?count=0");
    expect(countOnly.body).toMatchObject({
      totalResults: all.body.totalResults,
      itemsPerPage: 0,
      Resources: [],
    });
    expect((await scim("GET", "/Users?count=lots")).body).toMatchObject({
      status: "400",
      scimType: "invalidValue",
    });
  });

  it("says what is wrong with a bad body", async () => {
    const scim = scimClient(server, token);
    expect((await scim("POST", "/Users", "{not json")).body).toMatchObject({
      status: "400",
      scimType: "invalidSyntax",
    });
    expect((await scim("POST", "/Users", { userName: "not an address" })).body).toMatchObject({
      status: "400",
      scimType: "invalidValue",
      detail: expect.stringContaining("userName"),
    });
    const user = await scim("POST", "/Users", { userName: "patchy@bad.test" });
    const bad = await scim("PATCH", `/Users/${user.body.id}`, {
      Operations: [{ op: "move", path: "active" }],
    });
    expect(bad.body).toMatchObject({ status: "400", scimType: "invalidSyntax" });
    const active = await scim("PATCH", `/Users/${user.body.id}`, {
      Operations: [{ op: "replace", path: "active", value: "maybe" }],
    });
    expect(active.body).toMatchObject({ status: "400", scimType: "invalidValue" });
    expect((await scim("GET", "/Users/not-a-uuid")).status).toBe(404);
    expect((await scim("GET", "/Nothing")).body).toMatchObject({ schemas: [ERROR], status: "404" });
  });

  it("refuses a body over 1 MB with 413 before reading it", async () => {
    const answer = await rawPost(`${server.url}/scim/v2/Users`, {
      bytes: 2 * 1024 * 1024,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/scim+json" },
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ schemas: [ERROR], status: "413" });
  });

  it("describes itself: ServiceProviderConfig, ResourceTypes, Schemas", async () => {
    const scim = scimClient(server, token);
    const config = await scim("GET", "/ServiceProviderConfig");
    expect(config.body).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      sort: { supported: false },
      authenticationSchemes: [expect.objectContaining({ type: "oauthbearertoken" })],
    });
    const types = await scim("GET", "/ResourceTypes");
    expect(types.body.Resources.map((r: { id: string }) => r.id)).toEqual(["User", "Group"]);
    const user = await scim("GET", "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User");
    expect(user.body.attributes.map((a: { name: string }) => a.name)).toContain("userName");
    expect((await scim("GET", "/Schemas")).body.totalResults).toBe(2);
  });
});
