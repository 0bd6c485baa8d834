import { TRPCClientError } from "@trpc/client";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postCrm } from "../../testing/deal-factories";
import { makeUser } from "../../testing/factories";
import { loginToken, startTestServer, type TestServer } from "../../testing/server";
import { crmDeliveries, dealContacts, dealStageHistory, deals } from "../db/schema";
import { demoTaxonomy } from "../demo/demo-taxonomy";
import { upsertTerms } from "../taxonomy/taxonomy-service";
import { REPLAY_WINDOW_SECONDS, signCrmPayload, verifyCrmSignature } from "./crm-webhook-route";

const SECRET = "crm-secret-0123456789abcdef";
let server: TestServer;
let repEmail: string;
let rep: string;

beforeAll(async () => {
  server = await startTestServer({ CRM_WEBHOOK_SECRET: SECRET });
  const { db } = server.deps.database;
  await upsertTerms(db, server.deps.bus, null, demoTaxonomy);
  const r = await makeUser(db, { role: "rep" });
  repEmail = r.email;
  rep = await loginToken(server, r.email, r.password);
});
afterAll(() => server?.close());

// the CRM's modification times: each delivery a little later than the one before, all in the past
let crmClock = Date.now() - 60_000;
const modified = () => {
  crmClock += 10;
  return new Date(crmClock).toISOString();
};

const deal = (over: Record<string, unknown> = {}) => ({
  externalId: "SF-0001",
  updatedAt: modified(),
  name: "Acme renewal",
  accountName: "Acme",
  accountDomain: "https://www.Acme.com/",
  stage: "proposal",
  amount: 12500,
  currency: "usd",
  status: "open",
  contacts: [{ email: "Ana@Acme.com", name: "Ana", title: "CFO" }],
  ...over,
});

const dealRow = async (externalId: string) => {
  const [row] = await server.deps.database.db.select().from(deals).where(eq(deals.externalId, externalId));
  return row;
};

describe("signature", () => {
  it("verifies in constant time over the raw bytes, and names what is wrong", () => {
    const body = Buffer.from('{"a":1}');
    const now = 1_750_000_000;
    const sig = signCrmPayload(SECRET, String(now), body);
    expect(verifyCrmSignature(SECRET, { timestamp: String(now), signature: sig }, body, now)).toEqual({
      ok: true,
    });
    const reformatted = Buffer.from('{ "a": 1 }');
    expect(
      verifyCrmSignature(SECRET, { timestamp: String(now), signature: sig }, reformatted, now),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/does not match/),
    });
    expect(
      verifyCrmSignature(SECRET, { timestamp: String(now), signature: "sha256=abc" }, body, now).ok,
    ).toBe(false);
    expect(verifyCrmSignature(SECRET, { timestamp: undefined, signature: sig }, body, now).ok).toBe(false);
    expect(
      verifyCrmSignature(SECRET, { timestamp: String(now), signature: sig }, body, now + 301),
    ).toMatchObject({
      error: expect.stringMatching(/more than 300 seconds old/),
    });
    expect(verifyCrmSignature(SECRET, { timestamp: String(now), signature: sig }, body, now + 299).ok).toBe(
      true,
    );
    // a sender's clock may run a minute ahead, no more
    expect(verifyCrmSignature(SECRET, { timestamp: String(now), signature: sig }, body, now - 59).ok).toBe(
      true,
    );
    expect(
      verifyCrmSignature(SECRET, { timestamp: String(now), signature: sig }, body, now - 61),
    ).toMatchObject({
      error: expect.stringMatching(/more than 60 seconds ahead/),
    });
  });

  it("answers 401 for a wrong secret, a tampered body, or a stale or future timestamp; nothing is written", async () => {
    const body = deal({ externalId: "SF-BAD" });
    expect((await postCrm(server.url, "another-secret-0123456789", body)).status).toBe(401);
    const raw = JSON.stringify(body);
    const ts = String(Math.floor(Date.now() / 1000));
    const tampered = await postCrm(server.url, SECRET, null, {
      raw: raw.replace("12500", "99999"),
      timestamp: Number(ts),
      signature: signCrmPayload(SECRET, ts, raw),
    });
    expect(tampered.status).toBe(401);
    const stale = await postCrm(server.url, SECRET, body, {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(stale.status).toBe(401);
    expect(stale.body?.error).toMatch(/Timestamp/);
    const future = await postCrm(server.url, SECRET, body, {
      timestamp: Math.floor(Date.now() / 1000) + 2 * 60,
    });
    expect(future.status).toBe(401);
    expect(future.body?.error).toMatch(/60 seconds ahead/);
    const unsigned = await fetch(`${server.url}/api/integrations/crm/deals`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: raw,
    });
    expect(unsigned.status).toBe(401);
    expect(await dealRow("SF-BAD")).toBeUndefined();
  });

  it("answers 503 naming the variable when no secret is configured", async () => {
    const bare = await startTestServer();
    try {
      const res = await postCrm(bare.url, SECRET, deal());
      expect(res.status).toBe(503);
      expect(res.body?.error).toMatch(/CRM_WEBHOOK_SECRET/);
    } finally {
      await bare.close();
    }
  });
});

describe("payload", () => {
  it.each([
    ["not JSON", null, "{nope", /^body: not valid JSON/],
    ["a missing externalId", { ...deal(), externalId: undefined }, undefined, /^externalId: /],
    [
      "a missing updatedAt",
      { ...deal(), updatedAt: undefined },
      undefined,
      /^updatedAt: is required: the deal's last-modified time in the CRM/,
    ],
    [
      "an updatedAt two minutes ahead",
      deal({ updatedAt: new Date(Date.now() + 2 * 60_000).toISOString() }),
      undefined,
      /^updatedAt: must not be more than 60 seconds ahead/,
    ],
    [
      "a bad contact email",
      deal({ contacts: [{ email: "not-an-email" }] }),
      undefined,
      /^contacts\[0\]\.email: /,
    ],
    ["a bad status", deal({ status: "maybe" }), undefined, /^status: /],
    ["a negative amount", deal({ amount: -5 }), undefined, /^amount: must not be negative/],
    ["a bad currency", deal({ currency: "dollars" }), undefined, /^currency: /],
    [
      "a bad field in the second deal of a list",
      [deal(), deal({ externalId: "SF-2", closedAt: "yesterday" })],
      undefined,
      /^\[1\]\.closedAt: /,
    ],
  ])("answers 400 naming the field for %s", async (_label, body, raw, message) => {
    const res = await postCrm(server.url, SECRET, body, raw ? { raw } : {});
    expect(res.status).toBe(400);
    expect(String(res.body?.error)).toMatch(message);
  });
});

describe("upsert", () => {
  it("creates, then replays change nothing, then a stage change appends to the history", async () => {
    const first = await postCrm(server.url, SECRET, deal());
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ received: 1, created: 1, updated: 0, warnings: [] });
    const created = await dealRow("SF-0001");
    expect(created).toMatchObject({
      accountDomain: "acme.com",
      currency: "USD",
      amount: "12500.00",
      status: "open",
    });

    const replay = await postCrm(server.url, SECRET, deal());
    expect(replay.body).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    const after = await dealRow("SF-0001");
    expect(after?.updatedAt.getTime()).toBe(created?.updatedAt.getTime());

    const moved = await postCrm(server.url, SECRET, deal({ stage: "Negotiation", amount: "13000.50" }));
    expect(moved.body).toMatchObject({ updated: 1 });
    const won = await postCrm(
      server.url,
      SECRET,
      deal({ stage: "closed_won", status: "won", closedAt: "2025-06-30T12:00:00Z", amount: "13000.50" }),
    );
    expect(won.body).toMatchObject({ updated: 1 });
    const row = await dealRow("SF-0001");
    expect(row).toMatchObject({ stage: "closed_won", status: "won", amount: "13000.50" });
    expect(row?.closedAt?.toISOString()).toBe("2025-06-30T12:00:00.000Z");
    const history = await server.deps.database.db
      .select()
      .from(dealStageHistory)
      .where(eq(dealStageHistory.dealId, row?.id ?? ""))
      .orderBy(dealStageHistory.changedAt);
    expect(history.map((h) => [h.fromStage, h.toStage, h.source])).toEqual([
      [null, "proposal", "crm"],
      ["proposal", "negotiation", "crm"],
      ["negotiation", "closed_won", "crm"],
    ]);
  });

  it("keeps and reports unknown stages, resolves owners by email, and replaces contacts", async () => {
    const res = await postCrm(server.url, SECRET, [
      deal({ externalId: "HS-1", stage: "legal review", ownerEmail: repEmail.toUpperCase() }),
      deal({ externalId: "HS-2", ownerEmail: "nobody@example.test", contacts: [] }),
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 2, created: 2 });
    expect(res.body?.warnings).toEqual([
      {
        externalId: "HS-1",
        field: "stage",
        message: expect.stringMatching(/unknown stage key "legal_review" kept/),
      },
      {
        externalId: "HS-2",
        field: "ownerEmail",
        message: expect.stringMatching(/no user with email nobody@example.test/),
      },
    ]);
    const hs1 = await dealRow("HS-1");
    expect(hs1?.stage).toBe("legal_review");
    expect(hs1?.ownerId).not.toBeNull();
    // the rep who owns it sees it
    const listed = await server.client({ token: rep }).deals.list.query({ externalId: "HS-1" });
    expect(listed.items.map((d) => d.externalId)).toEqual(["HS-1"]);

    await postCrm(
      server.url,
      SECRET,
      deal({
        externalId: "HS-1",
        stage: "legal review",
        ownerEmail: repEmail,
        contacts: [{ email: "bo@acme.com" }],
      }),
    );
    const contacts = await server.deps.database.db
      .select()
      .from(dealContacts)
      .where(eq(dealContacts.dealId, hs1?.id ?? ""));
    expect(contacts.map((c) => c.email)).toEqual(["bo@acme.com"]);
  });

  it("refuses hand edits while the CRM is connected, saying so", async () => {
    const err = await server
      .client({ token: rep })
      .deals.create.mutate({ name: "By hand", stage: "discovery" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCClientError);
    expect((err as { data?: { code?: string } }).data?.code).toBe("FORBIDDEN");
    expect((err as Error).message).toMatch(/CRM_WEBHOOK_SECRET/);
  });
});

describe("replays and late deliveries", () => {
  const signed = (body: unknown) => {
    const raw = JSON.stringify(body);
    const timestamp = Math.floor(Date.now() / 1000);
    return { raw, timestamp, signature: signCrmPayload(SECRET, String(timestamp), raw) };
  };

  it("refuses the same signed request twice within the window, remembered in the database and cleared after", async () => {
    const { db } = server.deps.database;
    // a digest older than the window goes when the next delivery comes
    await db
      .insert(crmDeliveries)
      .values({ digest: "f".repeat(64), receivedAt: new Date(Date.now() - 10 * 60_000) });
    const request = signed(deal({ externalId: "RP-1" }));
    expect((await postCrm(server.url, SECRET, null, request)).status).toBe(200);
    const replay = await postCrm(server.url, SECRET, null, request);
    expect(replay.status).toBe(409);
    expect(replay.body?.error).toMatch(/already received \(same signature\)/);
    const kept = await db.select().from(crmDeliveries);
    expect(kept.map((d) => d.digest)).not.toContain("f".repeat(64));
    expect(kept.some((d) => Date.now() - d.receivedAt.getTime() < REPLAY_WINDOW_SECONDS * 1000)).toBe(true);
    // a refused body is not remembered: sent again as it was, once fixed on our side, it goes through
    const bad = signed(deal({ externalId: "RP-2", stage: "" }));
    expect((await postCrm(server.url, SECRET, null, bad)).status).toBe(400);
    expect((await postCrm(server.url, SECRET, null, bad)).status).toBe(400);
  });

  it("a proposal captured before the close, replayed or re-sent after it, never reopens the deal", async () => {
    const proposal = signed(deal({ externalId: "RP-3", stage: "proposal" }));
    expect((await postCrm(server.url, SECRET, null, proposal)).body).toMatchObject({ created: 1 });
    const won = await postCrm(
      server.url,
      SECRET,
      deal({ externalId: "RP-3", stage: "closed_won", status: "won", closedAt: "2026-01-15" }),
    );
    expect(won.body).toMatchObject({ updated: 1 });
    // the exact request again: refused
    expect((await postCrm(server.url, SECRET, null, proposal)).status).toBe(409);
    // the same body signed anew (a slow retry, or a replay with a fresh signature): older than what is stored
    const late = await postCrm(server.url, SECRET, null, {
      raw: proposal.raw,
      timestamp: proposal.timestamp - 1,
    });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ ignored: "stale", received: 1, stale: 1, updated: 0 });
    expect(await dealRow("RP-3")).toMatchObject({ stage: "closed_won", status: "won" });

    // in a batch, only the stale deal is skipped
    const mixed = await postCrm(server.url, SECRET, [
      JSON.parse(proposal.raw) as Record<string, unknown>,
      deal({ externalId: "RP-4" }),
    ]);
    expect(mixed.body).toMatchObject({ received: 2, created: 1, stale: 1 });
    expect(mixed.body?.ignored).toBeUndefined();
    expect(((mixed.body?.results ?? []) as { action: string }[]).map((r) => r.action)).toEqual([
      "stale",
      "created",
    ]);
  });
});
