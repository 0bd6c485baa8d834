import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeLinkAsset, makeTeam, makeUser } from "../../testing/factories";
import { loginCookie, loginToken, startTestServer, type TestServer } from "../../testing/server";
import { demoTaxonomy } from "../demo/demo-taxonomy";
import { demoAssets } from "../demo/library/write-demo-library";
import { upsertTerms } from "../taxonomy/taxonomy-service";

let server: TestServer;
let repToken: string;
let marketerToken: string;
let marketer: Awaited<ReturnType<typeof makeUser>>;
let westTeam = "";

const DAY_MS = 86_400_000;

beforeAll(async () => {
  server = await startTestServer();
  const { db } = server.deps.database;
  await upsertTerms(db, server.deps.bus, null, demoTaxonomy);
  const east = await makeTeam(db, "East");
  westTeam = (await makeTeam(db, "West")).id;
  marketer = await makeUser(db, { role: "marketer" });
  const rep = await makeUser(db, { role: "rep", teamId: east.id });
  // the demo library's metadata, as `pnpm start` seeds it (links instead of files: only metadata counts)
  for (const demo of demoAssets) {
    await makeLinkAsset(db, marketer, {
      title: demo.title,
      summary: demo.summary,
      type: demo.type,
      language: demo.language,
      stages: demo.stages,
      personas: demo.personas,
      industries: demo.industries,
      competitors: demo.competitors,
      objections: demo.objections,
      tags: demo.tags,
      expiresAt: demo.expiresInDays ? new Date(Date.now() + demo.expiresInDays * DAY_MS).toISOString() : null,
      status: demo.status ?? "published",
    });
  }
  repToken = await loginToken(server, rep.email, rep.password);
  marketerToken = await loginToken(server, marketer.email, marketer.password);
}, 120_000);
afterAll(() => server?.close());

const codeOf = (err: unknown) => (err instanceof TRPCClientError ? (err.data as { code: string }).code : err);

async function vocabulary(token: string): Promise<string[]> {
  const answer = await server.client({ token }).suggest.vocabulary.query({});
  if (!answer.changed) throw new Error("no version was given: the terms must come");
  return answer.terms;
}

describe("suggest.vocabulary", () => {
  it("refuses an anonymous caller", async () => {
    const err = await server
      .client()
      .suggest.vocabulary.query({})
      .catch((e: unknown) => e);
    expect(codeOf(err)).toBe("UNAUTHORIZED");
  });

  it("stays small on the demo library and holds its taxonomy and title words, not the bodies' names", async () => {
    const terms = await vocabulary(repToken);
    const bytes = Buffer.byteLength(JSON.stringify(terms));
    console.info(`demo library: ${demoAssets.length} assets, ${terms.length} terms, ${bytes} bytes of JSON`);
    expect(terms.length).toBeLessThan(1000);
    expect(bytes).toBeLessThan(16_000);
    for (const term of ["acme", "アクメ", "expensive", "価格", "cfo", "経理"]) expect(terms).toContain(term);
    // quoted people and signatures live in the files' bodies, which feed no vocabulary
    for (const name of ["priya", "raman", "佐藤"]) expect(terms).not.toContain(name);
  });

  it("takes words only from live assets the user may be offered: no draft, no other team's, no expired", async () => {
    const { db } = server.deps.database;
    await makeLinkAsset(db, marketer, { title: "Zephyrine launch plan", status: "draft" });
    await makeLinkAsset(db, marketer, { title: "Quokkaville pricing", teams: [westTeam] });
    await makeLinkAsset(db, marketer, {
      title: "Marmalux offer",
      expiresAt: new Date(Date.now() - DAY_MS).toISOString(),
    });
    await makeLinkAsset(db, marketer, { title: "Archived Brindlecove card", status: "archived" });
    await makeLinkAsset(db, marketer, {
      title: "Tamarisque rollout",
      tags: ["ペンギン計画"],
      summary: "Halcyra",
    });
    const forRep = await vocabulary(repToken);
    expect(forRep).toEqual(expect.arrayContaining(["tamarisque", "ペンギン計画", "halcyra"]));
    for (const hidden of ["zephyrine", "quokkaville", "marmalux", "brindlecove"])
      expect(forRep).not.toContain(hidden);
    // a marketer sees drafts in the portal, but the vocabulary is what may be suggested
    const forMarketer = await vocabulary(marketerToken);
    expect(forMarketer).toContain("quokkaville");
    for (const hidden of ["zephyrine", "marmalux", "brindlecove"]) expect(forMarketer).not.toContain(hidden);
  });

  it("answers 'unchanged' for the version the caller holds, and a new version once the library changes", async () => {
    const client = server.client({ token: repToken });
    const first = await client.suggest.vocabulary.query({});
    expect(await client.suggest.vocabulary.query({ version: first.version })).toEqual({
      version: first.version,
      changed: false,
    });
    await makeLinkAsset(server.deps.database.db, marketer, { title: "Verdigrant benchmark" });
    const next = await client.suggest.vocabulary.query({ version: first.version });
    expect(next.version).not.toBe(first.version);
    expect(next.changed && next.terms).toContain("verdigrant");
  });
});

describe("suggest.forContext over POST", () => {
  const input = { signals: { competitors: ["acme"], keywords: ["pricing"] }, limit: 3 };
  const post = (headers: Record<string, string>) =>
    fetch(`${server.url}/trpc/suggest.forContext`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(input),
    });

  it("answers the extension's bearer POST with the input in the body, without an Origin", async () => {
    const res = await post({ authorization: `Bearer ${repToken}` });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { context: { competitors: string[] } } } };
    expect(body.result.data.context.competitors).toEqual(["acme"]);
  });

  it("holds a cookie POST to the Origin check, and still answers the portal's GET", async () => {
    const rep = await makeUser(server.deps.database.db, { role: "rep" });
    const cookie = await loginCookie(server, rep.email, rep.password);
    expect((await post({ cookie })).status).toBe(403);
    expect((await post({ cookie, origin: "https://evil.example" })).status).toBe(403);
    // a header that is not a bearer token does not get a cookie past the check
    expect((await post({ cookie, authorization: "Basic eDp5" })).status).toBe(403);
    expect((await post({ cookie, origin: server.url })).status).toBe(200);
    const get = await fetch(
      `${server.url}/trpc/suggest.forContext?input=${encodeURIComponent(JSON.stringify(input))}`,
      { headers: { cookie } },
    );
    expect(get.status).toBe(200);
  });

  it("still refuses a mutation sent as GET", async () => {
    const res = await fetch(`${server.url}/trpc/auth.logout?input=${encodeURIComponent("{}")}`, {
      headers: { authorization: `Bearer ${repToken}` },
    });
    expect(res.status).toBe(405);
  });
});
