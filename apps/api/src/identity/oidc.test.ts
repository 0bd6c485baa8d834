import { TRPCClientError } from "@trpc/client";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CookieBrowser } from "../../testing/cookie-browser";
import { makeUser } from "../../testing/factories";
import { startOidcProvider, type TestAccount, type TestOidcProvider } from "../../testing/oidc-provider";
import { startTestServer, type TestServer } from "../../testing/server";
import { auditLog, invitations, teams, users } from "../db/schema";
import { createInvitation } from "./invitations-service";
import { SESSION_COOKIE } from "./session-cookie";

let provider: TestOidcProvider;
let server: TestServer;
const breakGlass = "breakglass@acme.test";

const account = (sub: string, over: Partial<TestAccount> = {}): TestAccount => ({
  sub,
  email: `${sub}@acme.test`,
  emailVerified: true,
  name: `Person ${sub}`,
  groups: [],
  ...over,
});

beforeAll(async () => {
  provider = await startOidcProvider();
  server = await startTestServer({
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: "pitchside",
    OIDC_CLIENT_SECRET: "test-client-secret-0123456789",
    OIDC_SCOPES: "openid email profile groups",
    OIDC_ROLE_CLAIM: "groups",
    OIDC_TEAM_CLAIM: "groups",
    OIDC_ROLE_MAP: "pitchside-admins=admin,pitchside-marketing=marketer",
    OIDC_TEAM_MAP: "emea-sales=EMEA,apac-sales=APAC",
    OIDC_ALLOWED_DOMAINS: "acme.test",
    BREAK_GLASS_EMAILS: breakGlass,
  });
  await provider.start(
    {
      id: "pitchside",
      secret: "test-client-secret-0123456789",
      redirectUri: `${server.url}/api/auth/oidc/callback`,
    },
    [],
  );
});
afterAll(async () => {
  await server?.close();
  await provider?.close();
});

const isCallback = (u: URL) => u.href.startsWith(`${server.url}/api/auth/oidc/callback`);

/** The browser's way up to the provider's redirect back to us, signing in as `sub` on the provider's page. */
async function throughProvider(sub: string, browser = new CookieBrowser()) {
  const { stoppedAt } = await browser.follow(`${server.url}/api/auth/oidc/start`, isCallback, (u) => {
    if (u.pathname.startsWith("/interaction/")) u.searchParams.set("account", sub);
    return u;
  });
  if (!stoppedAt) throw new Error("the provider did not redirect back");
  return { browser, callback: stoppedAt };
}

/** The callback's answer: where it sends the browser, and the session cookie it set, if any. */
async function callback(browser: CookieBrowser, url: URL) {
  const res = await browser.get(url.href);
  expect(res.status).toBe(302);
  const session = browser.cookie(server.url, SESSION_COOKIE);
  return { location: res.headers.get("location") ?? "", session };
}

async function signIn(sub: string) {
  const { browser, callback: url } = await throughProvider(sub);
  return callback(browser, url);
}

const userByEmail = async (email: string) => {
  const [row] = await server.deps.database.db.select().from(users).where(eq(users.email, email));
  return row;
};

const teamName = async (teamId: string | null) => {
  if (!teamId) return null;
  const [row] = await server.deps.database.db.select().from(teams).where(eq(teams.id, teamId));
  return row?.name ?? null;
};

describe("OIDC sign-in against a real provider", () => {
  it("starts with PKCE, state and nonce in a signed httpOnly cookie scoped to the callback", async () => {
    const res = await new CookieBrowser().get(`${server.url}/api/auth/oidc/start`);
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get("location") ?? "");
    expect(to.origin).toBe(provider.issuer);
    expect(to.searchParams.get("code_challenge_method")).toBe("S256");
    expect(to.searchParams.get("state")).toBeTruthy();
    expect(to.searchParams.get("nonce")).toBeTruthy();
    expect(to.searchParams.get("redirect_uri")).toBe(`${server.url}/api/auth/oidc/callback`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("pitchside_oidc=")) ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/api\/auth\/oidc/);
  });

  it("lands a new user of an allowed domain with the mapped role and team and a working session", async () => {
    await provider.addAccount(account("newbie", { groups: ["pitchside-marketing", "emea-sales", "other"] }));
    const { location, session } = await signIn("newbie");
    expect(location).toBe("/");
    expect(session).toBeTruthy();
    const me = await server.client({ cookie: `${SESSION_COOKIE}=${session}` }).auth.me.query();
    expect(me.user).toMatchObject({ email: "newbie@acme.test", name: "Person newbie", role: "marketer" });
    expect(await teamName(me.user.teamId)).toBe("EMEA");
    const row = await userByEmail("newbie@acme.test");
    expect(row?.ssoSubject).toBe(`${provider.issuer} newbie`);
    const audit = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, me.user.id));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["user.sso_created", "auth.sso_login"]),
    );
  });

  it("signs the extension in through SSO: its tab goes to the provider and comes back with a code", async () => {
    await provider.addAccount(account("extension-user"));
    const browser = new CookieBrowser();
    const connect = `${server.url}/api/auth/extension/connect?state=extension-state-0123456789`;
    // no portal session yet: the connect page sends the tab through SSO, and SSO back to it
    const { stoppedAt } = await browser.follow(connect, isCallback, (u) => {
      if (u.pathname.startsWith("/interaction/")) u.searchParams.set("account", "extension-user");
      return u;
    });
    if (!stoppedAt) throw new Error("the provider did not redirect back");
    const { location } = await callback(browser, stoppedAt);
    expect(location).toBe("/api/auth/extension/connect?state=extension-state-0123456789");
    const back = await browser.get(`${server.url}${location}`);
    const fragment = new URLSearchParams((back.headers.get("location") ?? "").split("#")[1]);
    expect(fragment.get("state")).toBe("extension-state-0123456789");
    const { user, token } = await server
      .client()
      .auth.redeemExtensionCode.mutate({ code: fragment.get("code") ?? "" });
    expect(user.email).toBe("extension-user@acme.test");
    expect((await server.client({ token }).auth.me.query()).via).toBe("token");
  });

  it("follows the provider's groups at each sign-in: role and team change with them", async () => {
    await provider.addAccount(account("mover", { groups: ["apac-sales"] }));
    await signIn("mover");
    expect(await userByEmail("mover@acme.test")).toMatchObject({ role: "rep" });
    expect(await teamName((await userByEmail("mover@acme.test"))?.teamId ?? null)).toBe("APAC");

    await provider.addAccount(
      account("mover", { groups: ["pitchside-marketing", "pitchside-admins", "emea-sales"] }),
    );
    const { session } = await signIn("mover");
    const me = await server.client({ cookie: `${SESSION_COOKIE}=${session}` }).auth.me.query();
    // the map's order decides between two matching groups: admins come first in OIDC_ROLE_MAP
    expect(me.user.role).toBe("admin");
    expect(await teamName(me.user.teamId)).toBe("EMEA");
  });

  it("binds an existing account by its verified email", async () => {
    const existing = await makeUser(server.deps.database.db, { email: "known@acme.test", role: "marketer" });
    await provider.addAccount(
      account("known-sub", { email: "Known@acme.test", groups: ["pitchside-marketing"] }),
    );
    const { session } = await signIn("known-sub");
    const me = await server.client({ cookie: `${SESSION_COOKIE}=${session}` }).auth.me.query();
    expect(me.user.id).toBe(existing.id);
    expect((await userByEmail("known@acme.test"))?.ssoSubject).toBe(`${provider.issuer} known-sub`);
  });

  it("refuses an email outside the allowed domains, and an unverified one, creating nobody", async () => {
    await provider.addAccount(account("outsider", { email: "someone@elsewhere.test" }));
    expect(await signIn("outsider")).toEqual({
      location: "/sign-in?sso_error=sso_domain_not_allowed",
      session: undefined,
    });
    expect(await userByEmail("someone@elsewhere.test")).toBeUndefined();

    await provider.addAccount(account("unverified", { emailVerified: false }));
    expect((await signIn("unverified")).location).toBe("/sign-in?sso_error=sso_email_missing");
    expect(await userByEmail("unverified@acme.test")).toBeUndefined();
  });

  it("lets an invited email from outside the allowed domains in, once, in the invitation's language", async () => {
    const db = server.deps.database.db;
    const admin = await makeUser(db, { role: "admin" });
    await createInvitation(db, server.deps.config, {
      email: "Guest@Partner.example",
      role: "admin",
      teamId: null,
      locale: "ja",
      invitedBy: admin.id,
    });
    // this workspace maps roles from the provider's groups: they decide, not the invitation
    await provider.addAccount(
      account("guest", { email: "guest@partner.example", groups: ["pitchside-marketing"] }),
    );
    const { session } = await signIn("guest");
    const me = await server.client({ cookie: `${SESSION_COOKIE}=${session}` }).auth.me.query();
    expect(me.user).toMatchObject({ email: "guest@partner.example", role: "marketer", locale: "ja" });
    const [invitation] = await db
      .select()
      .from(invitations)
      .where(eq(invitations.email, "guest@partner.example"));
    expect(invitation?.acceptedUserId).toBe(me.user.id);
    // its invitation spent, a second person of that domain is refused as before
    await provider.addAccount(account("uninvited", { email: "uninvited@partner.example" }));
    const { location } = await signIn("uninvited");
    expect(location).toBe("/sign-in?sso_error=sso_domain_not_allowed");
  });

  it("refuses a disabled user", async () => {
    const gone = await makeUser(server.deps.database.db, { email: "gone@acme.test" });
    await server.deps.database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, gone.id));
    await provider.addAccount(account("gone"));
    expect(await signIn("gone")).toEqual({
      location: "/sign-in?sso_error=sso_user_disabled",
      session: undefined,
    });
  });

  it("refuses a callback whose state is not the one this browser started with", async () => {
    await provider.addAccount(account("stateful"));
    const { browser, callback: url } = await throughProvider("stateful");
    url.searchParams.set("state", "forged-state");
    expect(await callback(browser, url)).toEqual({
      location: "/sign-in?sso_error=sso_state",
      session: undefined,
    });

    // another browser's callback (no transaction cookie) is refused the same way
    const stolen = await throughProvider("stateful");
    expect((await callback(new CookieBrowser(), stolen.callback)).location).toBe(
      "/sign-in?sso_error=sso_state",
    );
  });

  it("refuses a replayed code: the provider rejects its second use", async () => {
    await provider.addAccount(account("replay"));
    const { browser, callback: url } = await throughProvider("replay");
    const transaction = browser.cookieHeader(server.url);
    expect((await callback(browser, url)).location).toBe("/");
    // the same request again, transaction cookie and all, as an attacker who captured both would send it
    const res = await fetch(url, { redirect: "manual", headers: { cookie: transaction } });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/sign-in?sso_error=sso_code_rejected");
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
  });

  it("refuses an ID token that has expired (the provider's clock a quarter of an hour behind)", async () => {
    await provider.addAccount(account("late"));
    // its ID tokens (ten minutes long) expire five minutes before they arrive, beyond any tolerance
    await provider.setClock(-15 * 60);
    try {
      expect(await signIn("late")).toEqual({
        location: "/sign-in?sso_error=sso_token_expired",
        session: undefined,
      });
    } finally {
      await provider.setClock(0);
    }
    expect(await userByEmail("late@acme.test")).toBeUndefined();
  });
});

describe("SSO required", () => {
  const reason = async (p: Promise<unknown>) => {
    try {
      await p;
      return "OK";
    } catch (err) {
      if (err instanceof TRPCClientError)
        return (err.data as { reason?: string; code: string }).reason ?? err.data.code;
      throw err;
    }
  };

  it("turns password sign-in off for everyone but the break-glass admin, and says so to the sign-in page", async () => {
    const admin = await makeUser(server.deps.database.db, { email: breakGlass, role: "admin" });
    const rep = await makeUser(server.deps.database.db, { email: "rep-password@acme.test" });
    expect(await server.client().auth.methods.query()).toEqual({ sso: true, password: true });

    const adminCookie = await signInWithPassword(admin.email, admin.password);
    await server.client({ cookie: adminCookie }).admin.updateSso.mutate({ ssoRequired: true });
    expect(await server.client().auth.methods.query()).toEqual({ sso: true, password: false });

    expect(
      await reason(server.client().auth.login.mutate({ email: rep.email, password: rep.password })),
    ).toBe("ssoRequired");
    expect(
      await reason(
        server.client().auth.login.mutate({ email: rep.email, password: rep.password, client: "extension" }),
      ),
    ).toBe("ssoRequired");
    expect(
      await reason(server.client().auth.login.mutate({ email: admin.email, password: admin.password })),
    ).toBe("OK");

    // the same rep still gets in through the provider
    await provider.addAccount(account("rep-password"));
    expect((await signIn("rep-password")).location).toBe("/");

    await server.client({ cookie: adminCookie }).admin.updateSso.mutate({ ssoRequired: false });
    expect(
      await reason(server.client().auth.login.mutate({ email: rep.email, password: rep.password })),
    ).toBe("OK");
  });
});

async function signInWithPassword(email: string, password: string) {
  const res = await fetch(`${server.url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url },
    body: JSON.stringify({ email, password }),
  });
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}
