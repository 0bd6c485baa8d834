import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories";
import { loginCookie, loginToken, startTestServer, type TestServer } from "../../testing/server";
import { assets, contentRequests } from "../db/schema";

let server: TestServer;
let repCookie: string;
let repToken: string;
let marketerCookie: string;

beforeAll(async () => {
  server = await startTestServer();
  const { db } = server.deps.database;
  const rep = await makeUser(db, { role: "rep" });
  const marketer = await makeUser(db, { role: "marketer" });
  repCookie = await loginCookie(server, rep.email, rep.password);
  repToken = await loginToken(server, rep.email, rep.password);
  marketerCookie = await loginCookie(server, marketer.email, marketer.password);
});
afterAll(() => server?.close());

const EVIL = "https://evil.example";
const BASIC = `Basic ${Buffer.from("someone:secret").toString("base64")}`;

const createRequest = (headers: Record<string, string>) =>
  fetch(`${server.url}/trpc/requests.create`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ title: "A battle card for Acme" }),
  });

const me = (headers: Record<string, string>) => fetch(`${server.url}/trpc/auth.me`, { headers });

const upload = (headers: Record<string, string>) => {
  const form = new FormData();
  form.append("file", new Blob(["# Notes\n\nSomething to say."]), "notes.md");
  return fetch(`${server.url}/api/uploads`, { method: "POST", headers, body: form });
};

const requestsMade = async () =>
  (await server.deps.database.db.select({ n: count() }).from(contentRequests))[0]?.n ?? 0;
const assetsMade = async () => (await server.deps.database.db.select({ n: count() }).from(assets))[0]?.n ?? 0;

describe("a request is judged by one credential", () => {
  it("refuses a cookie state change from a foreign origin whatever Authorization it carries", async () => {
    const before = await requestsMade();
    const res = await createRequest({ cookie: repCookie, origin: EVIL, authorization: BASIC });
    expect(res.status).toBe(403);
    expect(await requestsMade()).toBe(before);
  });

  it("refuses the same on a multipart upload", async () => {
    const before = await assetsMade();
    const res = await upload({ cookie: marketerCookie, origin: EVIL, authorization: BASIC });
    expect(res.status).toBe(403);
    expect(await assetsMade()).toBe(before);
  });

  it("never signs in by the cookie a request whose Authorization is no valid bearer", async () => {
    const res = await createRequest({ cookie: repCookie, authorization: "bearer junk" });
    expect(res.status).toBe(401);
    expect((await me({ cookie: repCookie, authorization: "bearer junk" })).status).toBe(401);
    expect((await me({ cookie: repCookie, authorization: BASIC })).status).toBe(401);
    expect((await me({ cookie: repCookie, authorization: "Bearer" })).status).toBe(401);
  });

  it("reads the bearer scheme in any case, and a bearer call needs no Origin", async () => {
    const res = await me({ authorization: `bearer ${repToken}` });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ result: { data: { via: "token" } } });
    // the extension's queries sent as POST, even from a browser that also holds the portal's cookie
    const post = await fetch(`${server.url}/trpc/auth.me`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${repToken}`, cookie: repCookie },
      body: "{}",
    });
    expect(post.status).toBe(200);
  });

  it("keeps the portal's own calls working, by Origin or, without one, Referer", async () => {
    expect((await createRequest({ cookie: repCookie, origin: server.url })).status).toBe(200);
    expect((await createRequest({ cookie: repCookie, referer: `${server.url}/requests` })).status).toBe(200);
    expect((await createRequest({ cookie: repCookie, referer: `${EVIL}/${server.url}` })).status).toBe(403);
    expect((await upload({ cookie: marketerCookie, origin: server.url })).status).toBe(201);
  });
});
