import { randomUUID } from "node:crypto";
import { TRPCClientError } from "@trpc/client";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA, makeAsset } from "../../testing/deal-factories";
import { makeTeam, makeUser } from "../../testing/factories";
import { loginToken, startTestServer, type TestServer } from "../../testing/server";
import { assets, auditLog, collections, events, searchOutbox, teams, users } from "../db/schema";

const FIREFOX_UA = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

let server: TestServer;
let adminToken: string;
let repToken: string;
let rep: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  server = await startTestServer();
  const { db } = server.deps.database;
  const admin = await makeUser(db, { role: "admin", name: "Ada Admin" });
  rep = await makeUser(db, { role: "rep", name: "Rui Rep" });
  adminToken = await loginToken(server, admin.email, admin.password);
  repToken = await loginToken(server, rep.email, rep.password);
});
afterAll(() => server?.close());

const db = () => server.deps.database.db;

/** The tRPC code and the reason the server named, or "OK". */
const failureOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return { code: "OK" };
  } catch (err) {
    if (!(err instanceof TRPCClientError)) throw err;
    const data = err.data as { code: string; reason?: string; issues?: { path: string; reason?: string }[] };
    return { code: data.code, reason: data.reason ?? data.issues?.[0]?.reason };
  }
};
const codeOf = async (p: Promise<unknown>) => (await failureOf(p)).code;

/** Signs in to the portal from a given browser; the session cookie. */
async function portalSignIn(email: string, password: string, userAgent: string): Promise<string> {
  const res = await fetch(`${server.url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url, "user-agent": userAgent },
    body: JSON.stringify({ email, password }),
  });
  const cookie = res.headers.get("set-cookie");
  if (!res.ok || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie.split(";")[0] ?? "";
}

const auditOf = (action: string, entityId: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)));

describe("teams.rename", () => {
  it("renames, records the old and new name, and refuses a name another team has (any case) naming the reason", async () => {
    const team = await makeTeam(db(), "Rename Me");
    await makeTeam(db(), "Taken Name");
    const admin = server.client({ token: adminToken });
    expect(await admin.teams.rename.mutate({ id: team.id, name: "  Renamed  " })).toEqual({
      id: team.id,
      name: "Renamed",
    });
    expect((await auditOf("team.rename", team.id))[0]?.details).toEqual({ from: "Rename Me", to: "Renamed" });

    expect(await failureOf(admin.teams.rename.mutate({ id: team.id, name: "taken name" }))).toEqual({
      code: "CONFLICT",
      reason: "teamNameTaken",
    });
    expect(await failureOf(admin.users.createTeam.mutate({ name: "TAKEN NAME" }))).toEqual({
      code: "CONFLICT",
      reason: "teamNameTaken",
    });
    // its own name in another case is no clash
    expect((await admin.teams.rename.mutate({ id: team.id, name: "RENAMED" })).name).toBe("RENAMED");
    expect(await codeOf(admin.teams.rename.mutate({ id: randomUUID(), name: "Ghost" }))).toBe("NOT_FOUND");
  });

  it("is for admins only", async () => {
    const team = await makeTeam(db(), "Not Yours");
    const asRep = server.client({ token: repToken });
    expect(await codeOf(asRep.teams.rename.mutate({ id: team.id, name: "Mine now" }))).toBe("FORBIDDEN");
    expect(await codeOf(asRep.teams.delete.mutate({ id: team.id, moveUsersTo: null }))).toBe("FORBIDDEN");
    expect(await codeOf(asRep.teams.deletionImpact.query({ id: team.id, moveUsersTo: null }))).toBe(
      "FORBIDDEN",
    );
  });
});

describe("teams.delete", () => {
  async function teamWithContent(name: string) {
    const gone = await makeTeam(db(), name);
    const other = await makeTeam(db(), `${name} other`);
    const member = await makeUser(db(), { role: "rep", teamId: gone.id });
    const deactivated = await makeUser(db(), { role: "rep", teamId: gone.id });
    await db().update(users).set({ disabledAt: new Date() }).where(eq(users.id, deactivated.id));
    const only = await makeAsset(db(), server.deps.storage, { teamIds: [gone.id] });
    const shared = await makeAsset(db(), server.deps.storage, { teamIds: [gone.id, other.id] });
    const everyone = await makeAsset(db(), server.deps.storage, { teamIds: [] });
    const [collection] = await db()
      .insert(collections)
      .values({ name: `${name} picks`, teamIds: [gone.id] })
      .returning();
    return { gone, other, member, deactivated, only, shared, everyone, collectionId: collection?.id ?? "" };
  }
  const teamsOf = async (assetId: string) =>
    (await db().select({ t: assets.teamIds }).from(assets).where(eq(assets.id, assetId)))[0]?.t;
  const userTeam = async (id: string) =>
    (await db().select({ t: users.teamId }).from(users).where(eq(users.id, id)))[0]?.t;

  it("counts what moves, then moves users and team-only content to the team picked, and says so in the audit", async () => {
    const t = await teamWithContent("EMEA old");
    const emea = await makeTeam(db(), "EMEA");
    const admin = server.client({ token: adminToken });
    const memberToken = await loginToken(server, t.member.email, t.member.password);
    expect((await server.client({ token: memberToken }).auth.me.query()).user.teamId).toBe(t.gone.id);

    const impact = await admin.teams.deletionImpact.query({ id: t.gone.id, moveUsersTo: emea.id });
    expect(impact).toEqual({
      team: { id: t.gone.id, name: "EMEA old" },
      usersTo: { id: emea.id, name: "EMEA" },
      contentTo: { id: emea.id, name: "EMEA" },
      users: 2,
      teamOnlyAssets: 1,
      sharedAssets: 1,
      teamOnlyCollections: 1,
      sharedCollections: 0,
    });
    expect(await admin.teams.delete.mutate({ id: t.gone.id, moveUsersTo: emea.id })).toEqual(impact);

    expect(await db().select().from(teams).where(eq(teams.id, t.gone.id))).toEqual([]);
    expect(await userTeam(t.member.id)).toBe(emea.id);
    expect(await userTeam(t.deactivated.id)).toBe(emea.id);
    expect(await teamsOf(t.only.assetId)).toEqual([emea.id]);
    expect(await teamsOf(t.shared.assetId)).toEqual([emea.id, t.other.id]);
    expect(await teamsOf(t.everyone.assetId)).toEqual([]);
    const [collection] = await db().select().from(collections).where(eq(collections.id, t.collectionId));
    expect(collection?.teamIds).toEqual([emea.id]);
    // the index filters by team too: the moved assets are queued for it
    const queued = (await db().select({ id: searchOutbox.assetId }).from(searchOutbox)).map((r) => r.id);
    expect(queued).toEqual(expect.arrayContaining([t.only.assetId, t.shared.assetId]));
    // the member's next request already sees the new team
    expect((await server.client({ token: memberToken }).auth.me.query()).user.teamId).toBe(emea.id);

    const [entry] = await auditOf("team.delete", t.gone.id);
    expect(entry?.details).toMatchObject({
      name: "EMEA old",
      usersMovedTo: { id: emea.id, name: "EMEA" },
      contentMovedTo: { id: emea.id, name: "EMEA" },
      users: 2,
      teamOnlyAssets: 1,
      userIds: expect.arrayContaining([t.member.id, t.deactivated.id]),
    });
  });

  it("moves content apart from the users when told, and to no team opens team-only content to every team", async () => {
    const t = await teamWithContent("APAC old");
    const admin = server.client({ token: adminToken });
    await admin.teams.delete.mutate({ id: t.gone.id, moveUsersTo: null, moveContentTo: t.other.id });
    expect(await userTeam(t.member.id)).toBeNull();
    expect(await teamsOf(t.only.assetId)).toEqual([t.other.id]);
    // already limited to that team: it is not listed twice
    expect(await teamsOf(t.shared.assetId)).toEqual([t.other.id]);

    const u = await teamWithContent("LATAM old");
    const impact = await admin.teams.deletionImpact.query({ id: u.gone.id, moveUsersTo: null });
    expect(impact).toMatchObject({ usersTo: null, contentTo: null, teamOnlyAssets: 1, sharedAssets: 1 });
    await admin.teams.delete.mutate({ id: u.gone.id, moveUsersTo: null });
    expect(await teamsOf(u.only.assetId)).toEqual([]);
    expect(await teamsOf(u.shared.assetId)).toEqual([u.other.id]);
  });

  it("refuses to move users into the team being deleted, or into one that does not exist", async () => {
    const t = await makeTeam(db(), "Self mover");
    const admin = server.client({ token: adminToken });
    expect(await failureOf(admin.teams.delete.mutate({ id: t.id, moveUsersTo: t.id }))).toEqual({
      code: "BAD_REQUEST",
      reason: "teamMoveToItself",
    });
    expect(await codeOf(admin.teams.delete.mutate({ id: t.id, moveUsersTo: randomUUID() }))).toBe(
      "NOT_FOUND",
    );
    expect(await db().select().from(teams).where(eq(teams.id, t.id))).toHaveLength(1);
  });
});

describe("deactivating a user", () => {
  it("ends their access but keeps their links working and counted, listed as their team's, manageable by a marketer", async () => {
    const team = await makeTeam(db(), "Links team");
    const leaver = await makeUser(db(), { role: "rep", teamId: team.id, name: "Lee Leaver" });
    const marketer = await makeUser(db(), { role: "marketer" });
    const leaverToken = await loginToken(server, leaver.email, leaver.password);
    const marketerToken = await loginToken(server, marketer.email, marketer.password);
    const { assetId } = await makeAsset(db(), server.deps.storage, { title: "Leaver's case study" });
    const share = await server.client({ token: leaverToken }).shares.create.mutate({ assetId });
    const admin = server.client({ token: adminToken });

    await admin.users.disable.mutate({ id: leaver.id });
    expect(await codeOf(server.client({ token: leaverToken }).auth.me.query())).toBe("UNAUTHORIZED");
    expect((await auditOf("user.disable", leaver.id)).length).toBe(1);

    // the prospect still reads the link, and the reading is counted
    const page = await fetch(`${server.url}/s/${share.token}`, { headers: { "user-agent": BROWSER_UA } });
    expect(page.status).toBe(200);
    const beacon = await fetch(`${server.url}/api/v/${share.token}/events`, {
      method: "POST",
      headers: { "content-type": "text/plain;charset=UTF-8", "user-agent": BROWSER_UA },
      body: JSON.stringify({ type: "open", visitorId: "prospect-1" }),
    });
    expect(beacon.status).toBe(204);
    const opened = await db()
      .select()
      .from(events)
      .where(and(eq(events.shareId, share.id), eq(events.type, "prospect_opened")));
    expect(opened).toHaveLength(1);

    const asMarketer = server.client({ token: marketerToken });
    const [listed] = await asMarketer.shares.list.query({ assetId });
    expect(listed).toMatchObject({
      id: share.id,
      createdByName: "Lee Leaver",
      createdByTeamName: "Links team",
      createdByDeactivated: true,
      state: "active",
      opens: 1,
    });
    // another rep cannot touch it; a marketer can
    expect(await codeOf(server.client({ token: repToken }).shares.revoke.mutate({ id: share.id }))).toBe(
      "NOT_FOUND",
    );
    await asMarketer.shares.revoke.mutate({ id: share.id });
    expect(
      (await fetch(`${server.url}/s/${share.token}`, { headers: { "user-agent": BROWSER_UA } })).status,
    ).toBe(410);

    // back again: they sign in anew (old tokens stay ended)
    await admin.users.enable.mutate({ id: leaver.id });
    expect((await auditOf("user.enable", leaver.id)).length).toBe(1);
    expect(await codeOf(server.client({ token: leaverToken }).auth.me.query())).toBe("UNAUTHORIZED");
    const again = await loginToken(server, leaver.email, leaver.password);
    expect((await server.client({ token: again }).auth.me.query()).user.id).toBe(leaver.id);
    const [row] = (await admin.users.list.query()).filter((u) => u.id === leaver.id);
    expect(row?.disabledAt).toBeNull();
  });

  it("is for admins, and never of oneself", async () => {
    const someone = await makeUser(db(), { role: "rep" });
    expect(await codeOf(server.client({ token: repToken }).users.disable.mutate({ id: someone.id }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(server.client({ token: repToken }).users.enable.mutate({ id: someone.id }))).toBe(
      "FORBIDDEN",
    );
    const admin = server.client({ token: adminToken });
    const me = (await admin.auth.me.query()).user.id;
    expect(await failureOf(admin.users.disable.mutate({ id: me }))).toEqual({
      code: "BAD_REQUEST",
      reason: "cannotDisableSelf",
    });
  });
});

describe("sessions", () => {
  it("lists my portal sessions by browser and rough address, marks this one, and never shows a secret", async () => {
    const me = await makeUser(db(), { role: "rep" });
    const here = await portalSignIn(me.email, me.password, FIREFOX_UA);
    await portalSignIn(me.email, me.password, BROWSER_UA);
    const raw = await fetch(`${server.url}/trpc/sessions.mine`, { headers: { cookie: here } });
    const text = await raw.text();
    expect(text).not.toContain(here.split("=")[1]);
    expect(text).not.toMatch(/[0-9a-f]{64}/);
    const list = await server.client({ cookie: here }).sessions.mine.query();
    expect(list).toHaveLength(2);
    expect(list.find((s) => s.current)).toMatchObject({ browser: "Firefox 133", os: "Linux" });
    expect(list.find((s) => !s.current)).toMatchObject({ browser: "Chrome 130", os: "Windows" });
    for (const s of list) expect(s.ipPrefix).toMatch(/\/(24|48)$/);
  });

  it("ends one of my sessions: its cookie is refused on its next request", async () => {
    const me = await makeUser(db(), { role: "rep" });
    const here = await portalSignIn(me.email, me.password, FIREFOX_UA);
    const there = await portalSignIn(me.email, me.password, BROWSER_UA);
    // the other session is in use (and cached) before it ends
    expect((await server.client({ cookie: there }).auth.me.query()).user.id).toBe(me.id);
    const mine = server.client({ cookie: here });
    const other = (await mine.sessions.mine.query()).find((s) => !s.current);
    expect(await mine.sessions.end.mutate({ id: other?.id ?? "" })).toEqual({ ok: true, signedOut: false });
    expect(await codeOf(server.client({ cookie: there }).auth.me.query())).toBe("UNAUTHORIZED");
    expect((await mine.sessions.mine.query()).map((s) => s.current)).toEqual([true]);
    expect((await auditOf("session.end", me.id)).length).toBe(1);
  });

  it("signs out everywhere else: other sessions and extension tokens end, this one stays", async () => {
    const me = await makeUser(db(), { role: "rep" });
    const here = await portalSignIn(me.email, me.password, FIREFOX_UA);
    const there = await portalSignIn(me.email, me.password, BROWSER_UA);
    const extension = await loginToken(server, me.email, me.password);
    await server.client({ cookie: here }).sessions.endOthers.mutate();
    expect(await codeOf(server.client({ cookie: there }).auth.me.query())).toBe("UNAUTHORIZED");
    expect(await codeOf(server.client({ token: extension }).auth.me.query())).toBe("UNAUTHORIZED");
    expect((await server.client({ cookie: here }).auth.me.query()).user.id).toBe(me.id);
    const tokens = await server.client({ cookie: here }).tokens.list.query();
    expect(tokens.every((t) => t.revokedAt !== null)).toBe(true);
  });

  it("lets nobody end another user's session, an admin included", async () => {
    const victim = await makeUser(db(), { role: "rep" });
    const cookie = await portalSignIn(victim.email, victim.password, BROWSER_UA);
    const [session] = await server.client({ cookie }).sessions.mine.query();
    const id = session?.id ?? "";
    expect(await codeOf(server.client({ token: repToken }).sessions.end.mutate({ id }))).toBe("NOT_FOUND");
    expect(await codeOf(server.client({ token: adminToken }).sessions.end.mutate({ id }))).toBe("NOT_FOUND");
    expect((await server.client({ cookie }).auth.me.query()).user.id).toBe(victim.id);
    expect(await codeOf(server.client().sessions.mine.query())).toBe("UNAUTHORIZED");
  });

  it("ending this very session signs out here", async () => {
    const me = await makeUser(db(), { role: "rep" });
    const here = await portalSignIn(me.email, me.password, FIREFOX_UA);
    const [current] = await server.client({ cookie: here }).sessions.mine.query();
    const res = await fetch(`${server.url}/trpc/sessions.end`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url, cookie: here },
      body: JSON.stringify({ id: current?.id }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie") ?? "").toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);
    expect(await codeOf(server.client({ cookie: here }).auth.me.query())).toBe("UNAUTHORIZED");
  });
});

describe("audit.list", () => {
  it("shows admins who changed whom, newest first, with names; nobody else", async () => {
    const admin = server.client({ token: adminToken });
    const created = await admin.users.create.mutate({
      email: `audited-${Date.now()}@example.test`,
      name: "Audited Person",
      role: "rep",
      password: "long enough passphrase for tests",
    });
    await admin.users.update.mutate({ id: created.id, name: "Audited Renamed" });
    const page = await admin.audit.list.query({ entities: ["user"], limit: 2, offset: 0 });
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect(page.entries.map((e) => e.action)).toEqual(["user.update", "user.create"]);
    expect(page.entries[0]).toMatchObject({
      actorName: "Ada Admin",
      entity: "user",
      entityId: created.id,
      targetName: "Audited Renamed",
    });
    const next = await admin.audit.list.query({ entities: ["user"], limit: 2, offset: 2 });
    expect(next.entries.map((e) => e.id)).not.toContain(page.entries[0]?.id);
    expect(await codeOf(server.client({ token: repToken }).audit.list.query())).toBe("FORBIDDEN");
  });
});
