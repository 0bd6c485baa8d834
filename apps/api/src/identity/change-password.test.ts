import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories";
import { loginCookie, loginToken, type TestServer } from "../../testing/server";
import { openTestWorkspace } from "../../testing/test-workspace";

let server: TestServer;
let adminToken: string;

beforeAll(async () => {
  ({
    server,
    tokens: { admin: adminToken },
  } = await openTestWorkspace({ users: { admin: { role: "admin" } } }));
});
afterAll(() => server?.close());

/** The error's code and its field issue as the portal reads them. */
async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof TRPCClientError)) throw err;
    const data = err.data as { code: string; issues?: { path: string; reason?: string; params?: object }[] };
    return { code: data.code, issue: data.issues?.[0], message: err.message };
  }
  throw new Error("the call succeeded");
}

describe("weak passwords are refused wherever a password is set", () => {
  it.each([
    ["aaaaaaaaaaaa", "passwordWeak"],
    ["password1234", "passwordWeak"],
    ["            ", "passwordWeak"],
    ["k.sato@example.test", "passwordHasEmail"],
    ["Kenji Satomura!!", "passwordHasName"],
  ])(
    "an admin creating a user with %j gets BAD_REQUEST on the password field (%s)",
    async (password, reason) => {
      const created = server.client({ token: adminToken }).users.create.mutate({
        email: "k.sato@example.test",
        name: "Kenji Satomura",
        role: "rep",
        password,
      });
      expect(await refusal(created)).toMatchObject({
        code: "BAD_REQUEST",
        issue: { path: "password", reason },
        message: expect.stringMatching(/^password: Password /),
      });
    },
  );

  it("an admin resetting a password gets the same refusal, and a strong one goes through", async () => {
    const user = await makeUser(server.deps.database.db, { name: "Rina Okabe" });
    const admin = server.client({ token: adminToken });
    expect(
      await refusal(admin.users.update.mutate({ id: user.id, password: "rinaokabe-123" })),
    ).toMatchObject({
      issue: { path: "password", reason: "passwordHasName" },
    });
    expect(await refusal(admin.users.update.mutate({ id: user.id, password: "password1234" }))).toMatchObject(
      { issue: { path: "password", reason: "passwordWeak", params: { kind: "similarToCommon" } } },
    );
    await admin.users.update.mutate({ id: user.id, password: "velvet-tractor-orbit-77" });
    expect(await loginToken(server, user.email, "velvet-tractor-orbit-77")).toMatch(/^psx_/);
  });
});

describe("auth.changePassword", () => {
  it("needs the current password, ends the other sessions and tokens, and keeps this one", async () => {
    const user = await makeUser(server.deps.database.db);
    const cookie = await loginCookie(server, user.email, user.password);
    const otherCookie = await loginCookie(server, user.email, user.password);
    const token = await loginToken(server, user.email, user.password);
    const me = server.client({ cookie });

    expect(
      await refusal(
        me.auth.changePassword.mutate({
          currentPassword: "not-it-at-all",
          password: "velvet-tractor-orbit-77",
        }),
      ),
    ).toMatchObject({
      code: "BAD_REQUEST",
      issue: { path: "currentPassword", reason: "currentPasswordWrong" },
    });
    expect(
      await refusal(
        me.auth.changePassword.mutate({ currentPassword: user.password, password: "aaaaaaaaaaaa" }),
      ),
    ).toMatchObject({
      issue: { path: "password", reason: "passwordWeak", params: { kind: "simpleRepeat" } },
    });
    expect(
      await refusal(
        me.auth.changePassword.mutate({ currentPassword: user.password, password: user.password }),
      ),
    ).toMatchObject({ issue: { path: "password", reason: "passwordUnchanged" } });

    await me.auth.changePassword.mutate({
      currentPassword: user.password,
      password: "velvet-tractor-orbit-77",
    });

    expect((await me.auth.me.query()).user.id).toBe(user.id);
    expect((await refusal(server.client({ cookie: otherCookie }).auth.me.query())).code).toBe("UNAUTHORIZED");
    expect((await refusal(server.client({ token }).auth.me.query())).code).toBe("UNAUTHORIZED");
    expect((await refusal(loginToken(server, user.email, user.password))).code).toBe("UNAUTHORIZED");
    expect(await loginToken(server, user.email, "velvet-tractor-orbit-77")).toMatch(/^psx_/);
  });

  it("keeps the extension token it was called with", async () => {
    const user = await makeUser(server.deps.database.db);
    const token = await loginToken(server, user.email, user.password);
    const cookie = await loginCookie(server, user.email, user.password);
    await server
      .client({ token })
      .auth.changePassword.mutate({ currentPassword: user.password, password: "saffron-glacier-nine-44" });
    expect((await server.client({ token }).auth.me.query()).user.id).toBe(user.id);
    expect((await refusal(server.client({ cookie }).auth.me.query())).code).toBe("UNAUTHORIZED");
  });

  it("is no guessing oracle: wrong current passwords are throttled like sign-ins", async () => {
    const user = await makeUser(server.deps.database.db);
    const me = server.client({ token: await loginToken(server, user.email, user.password) });
    const codes = [];
    for (let i = 0; i < 6; i++) {
      const r = await refusal(
        me.auth.changePassword.mutate({ currentPassword: `guess-${i}`, password: "saffron-glacier-nine-44" }),
      );
      codes.push(r.code);
    }
    expect(codes).toEqual([...Array(5).fill("BAD_REQUEST"), "TOO_MANY_REQUESTS"]);
  });

  it("refuses a caller who is not signed in", async () => {
    expect(
      (
        await refusal(
          server
            .client()
            .auth.changePassword.mutate({ currentPassword: "x", password: "saffron-glacier-nine-44" }),
        )
      ).code,
    ).toBe("UNAUTHORIZED");
  });
});
