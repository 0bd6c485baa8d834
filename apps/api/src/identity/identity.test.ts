import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTeam, makeUser } from "../../testing/factories";
import { codeOf } from "../../testing/refusal";
import { loginCookie, loginToken, type TestServer } from "../../testing/server";
import { openTestWorkspace } from "../../testing/test-workspace";

let server: TestServer;
let admin: Awaited<ReturnType<typeof makeUser>>;
let rep: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  ({
    server,
    users: { admin, rep },
  } = await openTestWorkspace({
    users: { admin: { role: "admin", login: "none" }, rep: { role: "rep", login: "none" } },
  }));
});
afterAll(() => server?.close());

describe("health", () => {
  it("reports the database and search as ok", async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", db: "ok", search: "ok", migrations: "current" });
  });
});

describe("login", () => {
  it("sets an httpOnly SameSite=Lax cookie for the portal and answers auth.me with it", async () => {
    const res = await fetch(`${server.url}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ email: rep.email.toUpperCase(), password: rep.password }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await server.client({ cookie: cookie.split(";")[0] }).auth.me.query();
    expect(me.user.email).toBe(rep.email);
    expect(me.via).toBe("session");
  });

  it("refuses a wrong password with UNAUTHORIZED and the same message as an unknown account", async () => {
    const wrong = server.client().auth.login.mutate({ email: rep.email, password: "not-the-password" });
    await expect(wrong).rejects.toThrow("Wrong email or password");
    const unknown = server
      .client()
      .auth.login.mutate({ email: "nobody@example.test", password: "whatever-123456" });
    await expect(unknown).rejects.toThrow("Wrong email or password");
    expect(await codeOf(server.client().auth.login.mutate({ email: rep.email, password: "x" }))).toBe(
      "UNAUTHORIZED",
    );
  });

  it("throttles an address on an account after 5 failures, even with the right password", async () => {
    const victim = await makeUser(server.deps.database.db, { role: "rep" });
    for (let i = 0; i < 5; i++) {
      await codeOf(
        server.client().auth.login.mutate({ email: victim.email, password: `wrong-password-${i}` }),
      );
    }
    const blocked = server.client().auth.login.mutate({ email: victim.email, password: victim.password });
    await expect(blocked).rejects.toThrow(/Too many failed sign-ins/);
    expect(
      await codeOf(server.client().auth.login.mutate({ email: victim.email, password: victim.password })),
    ).toBe("TOO_MANY_REQUESTS");
  });

  it("names the invalid field when the input is malformed", async () => {
    await expect(server.client().auth.login.mutate({ email: "not-an-email", password: "x" })).rejects.toThrow(
      /email: Not a valid email address/,
    );
  });

  it("never returns a stack trace", async () => {
    const res = await fetch(`${server.url}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    const text = await res.text();
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    expect(text).not.toContain("stack");
  });
});

describe("cookie vs bearer", () => {
  it("gives the extension a bearer token that works without a cookie", async () => {
    const token = await loginToken(server, rep.email, rep.password);
    expect(token).toMatch(/^psx_[A-Za-z0-9_-]{43}$/);
    const me = await server.client({ token }).auth.me.query();
    expect(me).toMatchObject({ user: { id: rep.id }, via: "token" });
  });

  it("refuses a state change riding on the cookie from a foreign origin", async () => {
    const cookie = await loginCookie(server, rep.email, rep.password);
    const res = await fetch(`${server.url}/trpc/auth.logout`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: "https://evil.example" },
      body: "{}",
    });
    expect(res.status).toBe(403);
    const noOrigin = await fetch(`${server.url}/trpc/auth.logout`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: "{}",
    });
    expect(noOrigin.status).toBe(403);
    expect((await server.client({ cookie }).auth.me.query()).user.id).toBe(rep.id);
  });

  it("ends the session on logout", async () => {
    const cookie = await loginCookie(server, rep.email, rep.password);
    await server.client({ cookie }).auth.logout.mutate();
    expect(await codeOf(server.client({ cookie }).auth.me.query())).toBe("UNAUTHORIZED");
  });

  it("answers UNAUTHORIZED without credentials and with a made-up token", async () => {
    expect(await codeOf(server.client().auth.me.query())).toBe("UNAUTHORIZED");
    expect(await codeOf(server.client({ token: "psx_madeup" }).auth.me.query())).toBe("UNAUTHORIZED");
    expect(await codeOf(server.client({ cookie: "pitchside_session=forged" }).auth.me.query())).toBe(
      "UNAUTHORIZED",
    );
  });
});

describe("roles", () => {
  it("lets an admin create a user and refuses a rep with FORBIDDEN", async () => {
    const adminToken = await loginToken(server, admin.email, admin.password);
    const repToken = await loginToken(server, rep.email, rep.password);
    const team = await makeTeam(server.deps.database.db);
    const input = {
      email: "new.marketer@example.test",
      name: "New",
      role: "marketer" as const,
      teamId: team.id,
    };
    expect(
      await codeOf(
        server.client({ token: repToken }).users.create.mutate({ ...input, password: "long-enough-pass" }),
      ),
    ).toBe("FORBIDDEN");
    const created = await server
      .client({ token: adminToken })
      .users.create.mutate({ ...input, password: "long-enough-pass" });
    expect(created).toMatchObject({ email: input.email, role: "marketer", teamId: team.id });
    await expect(
      server.client({ token: adminToken }).users.create.mutate({ ...input, password: "long-enough-pass" }),
    ).rejects.toThrow(/already exists/);
    await expect(
      server
        .client({ token: adminToken })
        .users.create.mutate({ ...input, email: "b@example.test", password: "short" }),
    ).rejects.toThrow(/password: Password must be at least 12 characters/);
    const list = await server.client({ token: adminToken }).users.list.query();
    expect(list.map((u) => u.email)).toContain(input.email);
  });

  it("signs a disabled user out everywhere", async () => {
    const adminToken = await loginToken(server, admin.email, admin.password);
    const leaver = await makeUser(server.deps.database.db, { role: "marketer" });
    const token = await loginToken(server, leaver.email, leaver.password);
    const cookie = await loginCookie(server, leaver.email, leaver.password);
    await server.client({ token: adminToken }).users.disable.mutate({ id: leaver.id });
    expect(await codeOf(server.client({ token }).auth.me.query())).toBe("UNAUTHORIZED");
    expect(await codeOf(server.client({ cookie }).auth.me.query())).toBe("UNAUTHORIZED");
    expect(await codeOf(loginToken(server, leaver.email, leaver.password))).toBe("UNAUTHORIZED");
  });
});

describe("extension tokens", () => {
  it("are listed without their secret and stop working once revoked", async () => {
    const owner = await makeUser(server.deps.database.db, { role: "rep" });
    const token = await loginToken(server, owner.email, owner.password);
    const tokens = await server.client({ token }).tokens.list.query();
    expect(tokens).toHaveLength(1);
    expect(JSON.stringify(tokens)).not.toContain(token);
    const other = await loginToken(server, rep.email, rep.password);
    const [mine] = tokens;
    if (!mine) throw new Error("no token listed");
    expect(await codeOf(server.client({ token: other }).tokens.revoke.mutate({ id: mine.id }))).toBe(
      "NOT_FOUND",
    );
    await server.client({ token }).tokens.revoke.mutate({ id: mine.id });
    expect(await codeOf(server.client({ token }).auth.me.query())).toBe("UNAUTHORIZED");
  });

  it("are stored hashed", async () => {
    const token = await loginToken(server, rep.email, rep.password);
    const rows = await server.deps.database.db.query.apiTokens.findMany();
    expect(rows.some((r) => r.tokenHash === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.tokenHash))).toBe(true);
  });
});

describe("single sign-on not configured", () => {
  it("offers only passwords, and refuses to require SSO", async () => {
    expect(await server.client().auth.methods.query()).toEqual({ sso: false, password: true });
    const cookie = await loginCookie(server, admin.email, admin.password);
    const turnOn = server.client({ cookie }).admin.updateSso.mutate({ ssoRequired: true });
    await expect(turnOn).rejects.toThrow(/SSO can only be required once OIDC_ISSUER and its client are set/);
    expect(await server.client({ cookie }).admin.sso.query()).toMatchObject({
      configured: false,
      ssoRequired: false,
    });
    const start = await fetch(`${server.url}/api/auth/oidc/start`, { redirect: "manual" });
    expect(start.headers.get("location")).toBe("/sign-in?sso_error=sso_not_configured");
  });
});
