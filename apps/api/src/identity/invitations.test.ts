import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTeam, makeUser } from "../../testing/factories";
import { refusal } from "../../testing/refusal";
import { loginToken, sessionCookieFrom, startTestServer, type TestServer } from "../../testing/server";
import { type SmtpInbox, startSmtpInbox } from "../../testing/smtp-inbox";
import { auditLog, invitations, users } from "../db/schema";

const PUBLIC_URL = "https://pitchside.example.test";
const PASSWORD = "granite-otter-lantern-97";
let server: TestServer;
let inbox: SmtpInbox;
let adminToken: string;
let adminId: string;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  server = await startTestServer({
    SMTP_URL: inbox.url,
    MAIL_FROM: "Pitchside <people@example.test>",
    PUBLIC_URL,
  });
  const admin = await makeUser(server.deps.database.db, { role: "admin", name: "Ada Admin" });
  adminId = admin.id;
  adminToken = await loginToken(server, admin.email, admin.password);
});
afterAll(async () => {
  await server?.close();
  await inbox?.close();
});

const asAdmin = () => server.client({ token: adminToken });

/** The one mail to `to`, sent by running the queued jobs, and the token in its link. */
async function mailTo(to: string) {
  await server.settle();
  const mails = inbox.to(to);
  const mail = mails.at(-1);
  if (!mail) throw new Error(`no mail to ${to}`);
  const link = new RegExp(`${PUBLIC_URL}/invite#([A-Za-z0-9_-]{43})`).exec(mail.text);
  if (!link?.[1]) throw new Error(`no invitation link in: ${mail.text}`);
  return { mail, count: mails.length, token: link[1], link: link[0] };
}

describe("invitations by mail", () => {
  it("an admin invites in Japanese; the mail arrives in Japanese, with text and HTML parts and an absolute link", async () => {
    const team = await makeTeam(server.deps.database.db, "関西営業");
    const delivery = await asAdmin().invitations.create.mutate({
      email: "Haruka.Ito@example.test",
      role: "marketer",
      teamId: team.id,
      locale: "ja",
    });
    expect(delivery).toMatchObject({ mailed: true, link: null });
    const { mail, link } = await mailTo("haruka.ito@example.test");
    expect(mail.from).toContain("people@example.test");
    expect(mail.subject).toBe("Ada Admin さんから Pitchside への招待");
    expect(mail.text).toContain("チーム「関西営業」のマーケターとして Pitchside に招待されました。");
    expect(mail.text).toContain("7 日後に無効になります");
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.html).toContain("招待を受ける");

    const [audit] = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "invitation.create"), eq(auditLog.entityId, delivery.id)));
    expect(audit).toMatchObject({
      actorId: adminId,
      details: { email: "haruka.ito@example.test", mailed: true },
    });
    const pending = await asAdmin().invitations.list.query();
    expect(pending.find((p) => p.id === delivery.id)).toMatchObject({
      email: "haruka.ito@example.test",
      role: "marketer",
      teamId: team.id,
      locale: "ja",
      invitedByName: "Ada Admin",
      expired: false,
      mailedAt: expect.any(String),
    });
  });

  it("in English by default; the link opens once, creates the account with its role and signs it in", async () => {
    await asAdmin().invitations.create.mutate({ email: "emma@example.test", role: "rep" });
    const { mail, token } = await mailTo("emma@example.test");
    expect(mail.subject).toBe("Ada Admin invited you to Pitchside");
    expect(mail.text).toContain("invited you to join Pitchside as a sales rep.");
    expect(mail.text).toContain("expires in 7 days");

    const anonymous = server.client();
    expect(await anonymous.invitations.lookup.query({ token })).toMatchObject({
      email: "emma@example.test",
      role: "rep",
      locale: "en",
      accountExists: false,
    });
    const cookie = await sessionCookieFrom(server, "invitations.accept", {
      token,
      name: "Emma Stone",
      password: PASSWORD,
    });
    const me = await server.client({ cookie }).auth.me.query();
    expect(me.user).toMatchObject({
      email: "emma@example.test",
      name: "Emma Stone",
      role: "rep",
      locale: "en",
    });
    expect(await loginToken(server, "emma@example.test", PASSWORD)).toMatch(/^psx_/);

    // a second use is refused, and the lookup says why
    expect(
      await refusal(anonymous.invitations.accept.mutate({ token, name: "Mallory", password: PASSWORD })),
    ).toEqual({ code: "CONFLICT", reason: "linkUsed" });
    expect(await refusal(anonymous.invitations.lookup.query({ token }))).toEqual({
      code: "CONFLICT",
      reason: "linkUsed",
    });
    expect((await asAdmin().invitations.list.query()).map((p) => p.email)).not.toContain("emma@example.test");
  });

  it("an expired link is refused, and a resend makes it good for another week", async () => {
    const { id } = await asAdmin().invitations.create.mutate({ email: "late@example.test", role: "rep" });
    const { token } = await mailTo("late@example.test");
    await server.deps.database.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, id));
    const anonymous = server.client();
    expect(
      await refusal(anonymous.invitations.accept.mutate({ token, name: "Lee Late", password: PASSWORD })),
    ).toEqual({ code: "CONFLICT", reason: "linkExpired" });
    expect((await asAdmin().invitations.list.query()).find((p) => p.id === id)?.expired).toBe(true);

    expect(await asAdmin().invitations.resend.mutate({ id })).toMatchObject({ mailed: true });
    const again = await mailTo("late@example.test");
    expect(again.count).toBe(2);
    expect(again.token).toBe(token);
    expect(await anonymous.invitations.lookup.query({ token })).toMatchObject({ email: "late@example.test" });
  });

  it("a revoked link is refused, and so is an unknown one", async () => {
    const { id } = await asAdmin().invitations.create.mutate({ email: "gone@example.test", role: "rep" });
    const { token } = await mailTo("gone@example.test");
    await asAdmin().invitations.revoke.mutate({ id });
    const anonymous = server.client();
    expect(await refusal(anonymous.invitations.lookup.query({ token }))).toEqual({
      code: "CONFLICT",
      reason: "linkRevoked",
    });
    expect(
      await refusal(anonymous.invitations.accept.mutate({ token, name: "Gone", password: PASSWORD })),
    ).toEqual({ code: "CONFLICT", reason: "linkRevoked" });
    expect(await refusal(anonymous.invitations.lookup.query({ token: "A".repeat(43) }))).toEqual({
      code: "NOT_FOUND",
      reason: "linkInvalid",
    });
    // a revoked invitation's queued mail does not go out
    await asAdmin().invitations.create.mutate({ email: "never@example.test", role: "rep" });
    const [pending] = await asAdmin()
      .invitations.list.query()
      .then((rows) => rows.filter((r) => r.email === "never@example.test"));
    await asAdmin().invitations.revoke.mutate({ id: pending?.id ?? "" });
    await server.settle();
    expect(inbox.to("never@example.test")).toEqual([]);
  });

  it("an email that has an account is refused when inviting, and when accepting", async () => {
    const { db } = server.deps.database;
    const existing = await makeUser(db, { email: "taken@example.test" });
    expect(
      await refusal(asAdmin().invitations.create.mutate({ email: existing.email, role: "rep" })),
    ).toEqual({ code: "CONFLICT", reason: "userExists" });

    await asAdmin().invitations.create.mutate({ email: "twice@example.test", role: "rep" });
    const { token } = await mailTo("twice@example.test");
    await makeUser(db, { email: "twice@example.test" });
    const anonymous = server.client();
    expect(await anonymous.invitations.lookup.query({ token })).toMatchObject({ accountExists: true });
    expect(
      await refusal(anonymous.invitations.accept.mutate({ token, name: "Tess Twice", password: PASSWORD })),
    ).toEqual({ code: "CONFLICT", reason: "inviteAccountExists" });
  });

  it("a weak password is refused with the usual reason, and the link stays good", async () => {
    await asAdmin().invitations.create.mutate({ email: "weak@example.test", role: "rep" });
    const { token } = await mailTo("weak@example.test");
    const anonymous = server.client();
    expect(
      await refusal(
        anonymous.invitations.accept.mutate({ token, name: "Walter Weak", password: "password1234" }),
      ),
    ).toEqual({ code: "BAD_REQUEST", reason: "passwordWeak" });
    const { user } = await anonymous.invitations.accept.mutate({
      token,
      name: "Walter Weak",
      password: PASSWORD,
    });
    const [row] = await server.deps.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.email).toBe("weak@example.test");
  });

  it("only admins invite or see invitations", async () => {
    const rep = await makeUser(server.deps.database.db, { role: "marketer" });
    const token = await loginToken(server, rep.email, rep.password);
    const client = server.client({ token });
    expect(await refusal(client.invitations.create.mutate({ email: "x@example.test", role: "rep" }))).toEqual(
      {
        code: "FORBIDDEN",
        reason: undefined,
      },
    );
    expect(await refusal(client.invitations.list.query())).toMatchObject({ code: "FORBIDDEN" });
  });
});
