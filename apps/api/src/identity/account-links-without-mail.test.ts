import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories";
import { refusal } from "../../testing/refusal";
import { loginToken, sessionCookieFrom, startTestServer, type TestServer } from "../../testing/server";
import { jobs, users } from "../db/schema";

/** Without SMTP_URL nothing is mailed: the admin copies the links. */
let server: TestServer;
let admin: ReturnType<TestServer["client"]>;

beforeAll(async () => {
  server = await startTestServer();
  const a = await makeUser(server.deps.database.db, { role: "admin" });
  await server.deps.database.db.update(users).set({ locale: "ja" }).where(eq(users.id, a.id));
  admin = server.client({ token: await loginToken(server, a.email, a.password) });
});
afterAll(() => server?.close());

describe("account links without a mail server", () => {
  it("an invitation gives the admin the link to copy, in the admin's language by default, and queues no mail", async () => {
    const delivery = await admin.invitations.create.mutate({ email: "copy@example.test", role: "rep" });
    expect(delivery.mailed).toBe(false);
    expect(delivery.link).toMatch(new RegExp(`^${server.deps.config.publicUrl}/invite#[A-Za-z0-9_-]{43}$`));
    const token = delivery.link?.split("#")[1] ?? "";
    expect(await server.client().invitations.lookup.query({ token })).toMatchObject({ locale: "ja" });
    const cookie = await sessionCookieFrom(server, "invitations.accept", {
      token,
      name: "Kopi Copy",
      password: "walnut-harbor-sketch-55",
    });
    expect((await server.client({ cookie }).auth.me.query()).user).toMatchObject({
      email: "copy@example.test",
      locale: "ja",
    });
    expect(await server.deps.database.db.select().from(jobs).where(eq(jobs.kind, "send_mail"))).toEqual([]);
  });

  it("forgot-password is not offered and refused; an admin's reset link works once", async () => {
    const anonymous = server.client();
    expect(await anonymous.passwordReset.options.query()).toEqual({ byMail: false });
    const user = await makeUser(server.deps.database.db, { email: "locked@example.test" });
    expect(await refusal(anonymous.passwordReset.request.mutate({ email: user.email }))).toEqual({
      code: "BAD_REQUEST",
      reason: "resetByMailOff",
    });
    const { link } = await admin.passwordReset.createLink.mutate({ userId: user.id });
    const token = link.split("#")[1] ?? "";
    await sessionCookieFrom(server, "passwordReset.complete", { token, password: "walnut-harbor-sketch-55" });
    expect(
      await refusal(anonymous.passwordReset.complete.mutate({ token, password: "walnut-harbor-sketch-56" })),
    ).toEqual({ code: "CONFLICT", reason: "linkUsed" });
    await server.deps.database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect(await refusal(admin.passwordReset.createLink.mutate({ userId: user.id }))).toEqual({
      code: "BAD_REQUEST",
      reason: "userDisabled",
    });
  });
});
