import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories";
import { refusal } from "../../testing/refusal";
import {
  loginCookie,
  loginToken,
  sessionCookieFrom,
  startTestServer,
  type TestServer,
} from "../../testing/server";
import { type SmtpInbox, startSmtpInbox } from "../../testing/smtp-inbox";
import { passwordResets, users } from "../db/schema";

const PUBLIC_URL = "https://pitchside.example.test";
const NEW_PASSWORD = "copper-heron-meadow-42";
let server: TestServer;
let inbox: SmtpInbox;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  server = await startTestServer({ SMTP_URL: inbox.url, PUBLIC_URL });
});
afterAll(async () => {
  await server?.close();
  await inbox?.close();
});

async function speaking(locale: "en" | "ja", over: Parameters<typeof makeUser>[1]) {
  const user = await makeUser(server.deps.database.db, over);
  await server.deps.database.db.update(users).set({ locale }).where(eq(users.id, user.id));
  return user;
}

/** Asks for a reset as the sign-in page does, runs the mail jobs, and returns what arrived. */
async function forgot(email: string) {
  const before = inbox.to(email.toLowerCase()).length;
  const answer = await server.client().passwordReset.request.mutate({ email });
  await server.settle();
  const mails = inbox.to(email.toLowerCase()).slice(before);
  const token = mails
    .map((m) => new RegExp(`${PUBLIC_URL}/reset-password#([A-Za-z0-9_-]{43})`).exec(m.text)?.[1])
    .find(Boolean);
  return { answer, mails, token };
}

describe("forgot password, by mail", () => {
  it("is offered when mail can go out", async () => {
    expect(await server.client().passwordReset.options.query()).toEqual({ byMail: true });
  });

  it("mails an English link that sets the password once, ends every other session and signs in", async () => {
    const user = await speaking("en", { email: "emma@example.test", name: "Emma English" });
    const oldCookie = await loginCookie(server, user.email, user.password);
    const oldToken = await loginToken(server, user.email, user.password);

    const { answer, mails, token } = await forgot("Emma@Example.test");
    expect(answer).toEqual({ ok: true });
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.subject).toBe("Reset your Pitchside password");
    expect(mail?.text).toContain("Hello Emma English,");
    expect(mail?.text).toContain("expires in 60 minutes");
    expect(mail?.html).toContain(`href="${PUBLIC_URL}/reset-password#${token}"`);
    if (!token) throw new Error("no link");

    expect(await server.client().passwordReset.lookup.query({ token })).toMatchObject({
      email: "emma@example.test",
    });
    const cookie = await sessionCookieFrom(server, "passwordReset.complete", {
      token,
      password: NEW_PASSWORD,
    });
    expect((await server.client({ cookie }).auth.me.query()).user.email).toBe("emma@example.test");
    expect(await refusal(server.client({ cookie: oldCookie }).auth.me.query())).toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect(await refusal(server.client({ token: oldToken }).auth.me.query())).toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect(await loginToken(server, user.email, NEW_PASSWORD)).toMatch(/^psx_/);
    expect(
      await refusal(server.client().auth.login.mutate({ email: user.email, password: user.password })),
    ).toMatchObject({ code: "UNAUTHORIZED" });

    // a second use is refused
    expect(
      await refusal(
        server.client().passwordReset.complete.mutate({ token, password: "another-long-passphrase-9" }),
      ),
    ).toEqual({ code: "CONFLICT", reason: "linkUsed" });
  });

  it("mails a Japanese user in Japanese", async () => {
    await speaking("ja", { email: "haruka@example.test", name: "伊藤 春香" });
    const { mails, token } = await forgot("haruka@example.test");
    expect(mails[0]?.subject).toBe("Pitchside パスワードの再設定");
    expect(mails[0]?.text).toContain("伊藤 春香 さん");
    expect(mails[0]?.text).toContain("60 分後に無効になります");
    expect(mails[0]?.html).toContain("新しいパスワードを設定する");
    expect(token).toBeDefined();
  });

  it("answers the same for an unknown email and a disabled user, and mails neither", async () => {
    const gone = await makeUser(server.deps.database.db, { email: "gone@example.test" });
    await server.deps.database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, gone.id));
    const unknown = await forgot("nobody@example.test");
    const disabled = await forgot("gone@example.test");
    expect(unknown.answer).toEqual({ ok: true });
    expect(disabled.answer).toEqual(unknown.answer);
    expect(unknown.mails).toEqual([]);
    expect(disabled.mails).toEqual([]);
  });

  it("refuses an expired link, and a link of a user disabled since", async () => {
    const user = await makeUser(server.deps.database.db, { email: "late@example.test" });
    const { token } = await forgot(user.email);
    if (!token) throw new Error("no link");
    await server.deps.database.db
      .update(passwordResets)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResets.userId, user.id));
    expect(
      await refusal(server.client().passwordReset.complete.mutate({ token, password: NEW_PASSWORD })),
    ).toEqual({ code: "CONFLICT", reason: "linkExpired" });

    const second = await forgot(user.email);
    if (!second.token) throw new Error("no link");
    await server.deps.database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect(await refusal(server.client().passwordReset.lookup.query({ token: second.token }))).toEqual({
      code: "NOT_FOUND",
      reason: "linkInvalid",
    });
  });

  it("limits requests per email alike for accounts that exist and ones that do not", async () => {
    await makeUser(server.deps.database.db, { email: "busy@example.test" });
    for (const email of ["busy@example.test", "phantom@example.test"]) {
      for (let i = 0; i < 3; i += 1) await server.client().passwordReset.request.mutate({ email });
      expect(await refusal(server.client().passwordReset.request.mutate({ email }))).toEqual({
        code: "TOO_MANY_REQUESTS",
        reason: "resetThrottled",
      });
    }
    await server.settle();
    expect(inbox.to("busy@example.test")).toHaveLength(3);
  });

  it("an admin can also make a link to copy; a weak password is refused without using it", async () => {
    const { db } = server.deps.database;
    const admin = await makeUser(db, { role: "admin" });
    const user = await makeUser(db, { email: "copied@example.test", name: "Cora Copied" });
    const adminClient = server.client({ token: await loginToken(server, admin.email, admin.password) });
    const { link } = await adminClient.passwordReset.createLink.mutate({ userId: user.id });
    expect(link).toMatch(new RegExp(`^${PUBLIC_URL}/reset-password#[A-Za-z0-9_-]{43}$`));
    const token = link.split("#")[1] ?? "";
    expect(
      await refusal(server.client().passwordReset.complete.mutate({ token, password: "coracopied-2026" })),
    ).toEqual({ code: "BAD_REQUEST", reason: "passwordHasEmail" });
    await server.client().passwordReset.complete.mutate({ token, password: NEW_PASSWORD });
    expect(await loginToken(server, user.email, NEW_PASSWORD)).toMatch(/^psx_/);

    const rep = server.client({ token: await loginToken(server, user.email, NEW_PASSWORD) });
    expect(await refusal(rep.passwordReset.createLink.mutate({ userId: admin.id }))).toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
