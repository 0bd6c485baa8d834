import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories";
import { refusal } from "../../testing/refusal";
import { loginCookie, loginToken, startTestServer, type TestServer } from "../../testing/server";
import { extensionConnectCodes, users } from "../db/schema";
import { CONNECT_CODE_TTL_MS, mintConnectCode } from "./extension-connect";

let server: TestServer;
let rep: { id: string; email: string; password: string };
const STATE = "extension-state-0123456789";

beforeAll(async () => {
  server = await startTestServer();
  rep = await makeUser(server.deps.database.db, { role: "rep" });
}, 240_000);
afterAll(() => server?.close());

/** What the extension's tab sees: the connect page's answer, not followed. */
const openConnect = (headers: Record<string, string>, state = STATE) =>
  fetch(`${server.url}/api/auth/extension/connect?state=${state}`, { headers, redirect: "manual" });

/** The code and state in the fragment of the page the tab is sent to. */
function fragmentOf(res: Response): { code: string; state: string } {
  const location = res.headers.get("location") ?? "";
  expect(location).toMatch(/^\/api\/auth\/extension\/connected#code=psc_[A-Za-z0-9_-]+&state=/);
  const params = new URLSearchParams(location.split("#")[1]);
  return { code: params.get("code") ?? "", state: params.get("state") ?? "" };
}

describe("the extension signing in through the portal", () => {
  it("hands a signed-in browser's extension a single-use code that becomes an extension token", async () => {
    const cookie = await loginCookie(server, rep.email, rep.password);
    const res = await openConnect({ cookie });
    expect(res.status).toBe(302);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const { code, state } = fragmentOf(res);
    expect(state).toBe(STATE);
    const landing = await fetch(`${server.url}/api/auth/extension/connected`, {
      headers: { "accept-language": "ja" },
    });
    expect(await landing.text()).toContain("拡張機能にサインインしました");

    const anonymous = server.client();
    const { user, token } = await anonymous.auth.redeemExtensionCode.mutate({
      code,
      tokenName: "Chrome on Mac",
    });
    expect(user.email).toBe(rep.email);
    const me = await server.client({ token }).auth.me.query();
    expect(me).toMatchObject({ user: { id: rep.id }, via: "token" });
    // the code is spent: a replay (a leaked URL, a second tab) gets nothing
    expect(await refusal(anonymous.auth.redeemExtensionCode.mutate({ code }))).toEqual({
      code: "UNAUTHORIZED",
      reason: "connectCodeInvalid",
    });
    // the token is listed like any extension token, under the name the extension gave
    const tokens = await server.client({ token }).tokens.list.query();
    expect(JSON.stringify(tokens)).toContain("Chrome on Mac");
  });

  it("asks a browser with no portal session to sign in first, in its language, and mints nothing", async () => {
    const res = await openConnect({ "accept-language": "ja,en;q=0.5" });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("先に Pitchside にサインインしてください");
    // the extension's own bearer token is not a sign-in to hand over
    const bearer = await openConnect({
      authorization: `Bearer ${await loginToken(server, rep.email, rep.password)}`,
    });
    expect(bearer.status).toBe(401);
    // without the extension's state the link is refused
    const cookie = await loginCookie(server, rep.email, rep.password);
    expect((await openConnect({ cookie }, "short")).status).toBe(400);
    const minted = await server.deps.database.db
      .select()
      .from(extensionConnectCodes)
      .where(eq(extensionConnectCodes.userId, rep.id));
    expect(minted).toHaveLength(1); // the first test's, spent
  });

  it("refuses an expired code, and a code of a user deactivated since", async () => {
    const db = server.deps.database.db;
    const anonymous = server.client();
    const old = await mintConnectCode(db, rep.id, new Date(Date.now() - CONNECT_CODE_TTL_MS - 1000));
    expect(await refusal(anonymous.auth.redeemExtensionCode.mutate({ code: old }))).toMatchObject({
      reason: "connectCodeInvalid",
    });
    const leaver = await makeUser(db, { role: "rep" });
    const code = await mintConnectCode(db, leaver.id);
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, leaver.id));
    expect(await refusal(anonymous.auth.redeemExtensionCode.mutate({ code }))).toMatchObject({
      reason: "connectCodeInvalid",
    });
    expect(await refusal(anonymous.auth.redeemExtensionCode.mutate({ code: "psc_unknown" }))).toMatchObject({
      reason: "connectCodeInvalid",
    });
  });
});
