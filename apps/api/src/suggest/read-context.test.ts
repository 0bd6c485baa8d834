import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../../testing/server";
import { openTestWorkspace } from "../../testing/test-workspace";
import { dealContacts, deals } from "../db/schema";
import { demoTaxonomy } from "../demo/demo-taxonomy";
import { upsertTerms } from "../taxonomy/taxonomy-service";

let server: TestServer;
let repToken: string;
let otherToken: string;
let dealId: string;
let repId: string;

beforeAll(async () => {
  ({
    server,
    ids: { rep: repId },
    tokens: { rep: repToken, other: otherToken },
  } = await openTestWorkspace({ users: { rep: { role: "rep" }, other: { role: "rep" } } }));
  const { db } = server.deps.database;
  await upsertTerms(db, server.deps.bus, null, demoTaxonomy);
  const [deal] = await db
    .insert(deals)
    .values({
      name: "Initech renewal",
      accountName: "Initech",
      accountDomain: "initech.example",
      stage: "proposal",
      ownerId: repId,
    })
    .returning();
  if (!deal) throw new Error("no deal");
  dealId = deal.id;
  await db.insert(dealContacts).values({
    dealId,
    email: "bill@initech.example",
    name: "Bill",
    title: "VP Finance",
  });
});
afterAll(() => server?.close());

const read = (
  input: Parameters<ReturnType<TestServer["client"]>["suggest"]["readContext"]["query"]>[0],
  token = repToken,
) => server.client({ token }).suggest.readContext.query(input);

const EMAIL = "Hi, we are also looking at Acme and honestly your price is too expensive for us this year.";

describe("suggest.readContext", () => {
  it("says what forContext would rank with, and where each value came from", async () => {
    const result = await read({ text: EMAIL, dealId, recipientEmails: ["bill@initech.example"] });
    expect(result.deal).toEqual({ id: dealId, name: "Initech renewal", stage: "proposal" });
    expect(result.context).toMatchObject({
      stage: "proposal",
      persona: "finance",
      competitors: ["acme"],
      objections: ["price"],
      language: "en",
    });
    expect(result.personaTitle).toBe("VP Finance");
    expect(result.sources).toMatchObject({
      stage: "deal",
      persona: "title",
      competitors: "message",
      objections: "message",
      language: "message",
    });
    const forContext = await server
      .client({ token: repToken })
      .suggest.forContext.query({ text: EMAIL, dealId, recipientEmails: ["bill@initech.example"] });
    expect(forContext.context).toMatchObject(result.context);
  });

  it("lets explicit values win and names them as given", async () => {
    const result = await read({
      text: EMAIL,
      dealId,
      stage: "discovery",
      persona: "it",
      signals: { competitors: [], objections: ["price"] },
    });
    expect(result.context).toMatchObject({ stage: "discovery", persona: "it", competitors: [] });
    expect(result.personaTitle).toBeNull();
    expect(result.sources).toMatchObject({
      stage: "given",
      persona: "given",
      competitors: "given",
      objections: "given",
    });
  });

  it("suggests for open deals: a won deal is not matched, and its stage is never the context's", async () => {
    const { db } = server.deps.database;
    const [won] = await db
      .insert(deals)
      .values({
        name: "Sakura rollout",
        accountName: "Sakura Bank",
        accountDomain: "sakura-bank.example",
        stage: "closed_won",
        status: "won",
        ownerId: repId,
      })
      .returning();
    if (!won) throw new Error("no deal");
    await db.insert(dealContacts).values({ dealId: won.id, email: "contact12@sakura-bank.example" });
    const recipientEmails = ["contact12@sakura-bank.example"];

    const alone = await read({ text: EMAIL, recipientEmails });
    expect(alone.deal).toBeNull();
    expect(alone.context.stage).toBeNull();
    expect(alone.sources.stage).toBeNull();

    // picked by the rep, the won deal is the deal, but "closed_won" is no stage to sell at
    const picked = await read({ text: EMAIL, dealId: won.id });
    expect(picked.deal?.id).toBe(won.id);
    expect(picked.context.stage).toBeNull();
    expect(picked.sources.stage).toBeNull();
    const ranked = await server.client({ token: repToken }).suggest.forContext.query({ dealId: won.id });
    expect(ranked.context.stage).toBeNull();

    // the account's open deal wins over the won deal that names the recipient
    const [open] = await db
      .insert(deals)
      .values({
        name: "Sakura expansion",
        accountName: "Sakura Bank",
        accountDomain: "sakura-bank.example",
        stage: "discovery",
        ownerId: repId,
      })
      .returning();
    const matched = await read({ text: EMAIL, recipientEmails });
    expect(matched.deal?.id).toBe(open?.id);
    expect(matched.context.stage).toBe("discovery");
    expect(matched.sources.stage).toBe("deal");
  });

  it("does not reveal another rep's deal", async () => {
    const result = await read({ text: EMAIL, dealId }, otherToken);
    expect(result.deal).toBeNull();
    expect(result.context.stage).toBeNull();
  });

  it("refuses the signed-out and an unbounded message", async () => {
    await expect(server.client({}).suggest.readContext.query({ text: EMAIL })).rejects.toMatchObject({
      data: { code: "UNAUTHORIZED" },
    });
    // as the portal sends it: a query over POST, so a pasted email never sits in a URL
    const res = await fetch(`${server.url}/trpc/suggest.readContext`, {
      method: "POST",
      headers: { authorization: `Bearer ${repToken}`, "content-type": "application/json" },
      body: JSON.stringify({ text: "x".repeat(50_001) }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("text");
  });
});
