import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeLinkAsset, makeTeam, makeUser } from "../../testing/factories";
import { codeOf } from "../../testing/refusal";
import { loginToken, startTestServer, type TestServer } from "../../testing/server";
import { deals, suggestionMarks } from "../db/schema";
import { demoTaxonomy } from "../demo/demo-taxonomy";
import { upsertTerms } from "../taxonomy/taxonomy-service";

let server: TestServer;
const tokens: Record<"rep" | "rep2" | "outsider", string> = { rep: "", rep2: "", outsider: "" };
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  const { db } = server.deps.database;
  await upsertTerms(db, server.deps.bus, null, demoTaxonomy);
  const east = await makeTeam(db, "Marks East");
  const west = await makeTeam(db, "Marks West");
  const marketer = await makeUser(db, { role: "marketer" });
  const rep = await makeUser(db, { role: "rep", teamId: east.id });
  const rep2 = await makeUser(db, { role: "rep", teamId: east.id });
  const outsider = await makeUser(db, { role: "rep", teamId: west.id });
  for (const [key, u] of [
    ["rep", rep],
    ["rep2", rep2],
    ["outsider", outsider],
  ] as const)
    tokens[key] = await loginToken(server, u.email, u.password);
  ids.repId = rep.id;
  const proposal = { type: "one_pager" as const, stages: ["proposal"] };
  ids.alpha = await makeLinkAsset(db, marketer, { title: "Alpha proposal", ...proposal });
  ids.beta = await makeLinkAsset(db, marketer, { title: "Beta proposal", ...proposal });
  ids.control = await makeLinkAsset(db, marketer, { title: "Control proposal", ...proposal });
  ids.eastOnly = await makeLinkAsset(db, marketer, { title: "East only", ...proposal, teams: [east.id] });
  ids.draft = await makeLinkAsset(db, marketer, { title: "Draft", ...proposal, status: "draft" });
  const [own, others] = await db
    .insert(deals)
    .values([
      { name: "Own deal", ownerId: rep.id, stage: "proposal" },
      { name: "Someone else's", ownerId: outsider.id, stage: "proposal" },
    ])
    .returning({ id: deals.id });
  ids.ownDeal = own?.id ?? "";
  ids.othersDeal = others?.id ?? "";
  await server.settle();
});
afterAll(() => server?.close());

const client = (who: keyof typeof tokens) => server.client({ token: tokens[who] });

/** Each asset's score for a rep at Proposal, in English: stage 2 + language 1.5 before any mark. */
async function scores() {
  const res = await client("rep").suggest.forContext.query({ stage: "proposal", language: "en", limit: 10 });
  return Object.fromEntries(
    res.items
      .filter((i) => [ids.alpha, ids.beta, ids.control].includes(i.asset.id))
      .map((i) => [i.asset.title.split(" ")[0] as string, i.score]),
  );
}

describe("feedback.markSuggestion", () => {
  it("keeps one mark per rep, asset and request (a second click changes it) and moves the ranking", async () => {
    expect(await scores()).toEqual({ Alpha: 3.5, Beta: 3.5, Control: 3.5 });
    const r1 = randomUUID();
    const mark = (helped: boolean | null, requestId?: string) =>
      client("rep").feedback.markSuggestion.mutate({
        assetId: ids.alpha as string,
        helped,
        requestId,
        dealId: ids.ownDeal,
        surface: "gmail",
      });
    expect(await mark(true, r1)).toEqual({ helped: true, helpedVotes: 1, notHelpfulVotes: 0 });
    // one helped vote: (1 + 2) / (1 + 4) = 0.6 → (0.6 − 0.5) × 2 × 2 = +0.4
    expect(await scores()).toEqual({ Alpha: 3.9, Beta: 3.5, Control: 3.5 });
    expect(await mark(false, r1)).toEqual({ helped: false, helpedVotes: 0, notHelpfulVotes: 1 });
    const rows = await server.deps.database.db
      .select()
      .from(suggestionMarks)
      .where(eq(suggestionMarks.assetId, ids.alpha as string));
    expect(rows.map((r) => [r.requestId, r.helped, r.surface, r.dealId])).toEqual([
      [r1, false, "gmail", ids.ownDeal],
    ]);
    expect(await scores()).toEqual({ Alpha: 3.1, Beta: 3.5, Control: 3.5 });
    // a mark on another request: the rep's latest mark is their one vote
    expect(await mark(true, randomUUID())).toEqual({ helped: true, helpedVotes: 1, notHelpfulVotes: 0 });
    // without a request id, marks are still one per rep and asset
    await mark(true);
    await mark(false);
    expect(await mark(true)).toEqual({ helped: true, helpedVotes: 1, notHelpfulVotes: 0 });
    const nullRequest = await server.deps.database.db
      .select()
      .from(suggestionMarks)
      .where(eq(suggestionMarks.assetId, ids.alpha as string));
    expect(nullRequest.filter((r) => r.requestId === null)).toHaveLength(1);

    const rep2 = (assetId: string, helped: boolean) =>
      client("rep2").feedback.markSuggestion.mutate({ assetId, helped, surface: "portal" });
    await rep2(ids.alpha as string, false);
    await rep2(ids.beta as string, true);
    // Alpha: one for, one against → 0; Beta: one for → +0.4
    expect(await scores()).toEqual({ Alpha: 3.5, Beta: 3.9, Control: 3.5 });

    const seen = await client("rep").feedback.forAsset.query({ assetId: ids.alpha as string });
    expect(seen.marks).toEqual({ helpedVotes: 1, notHelpfulVotes: 1, mine: true });
    const theirs = await client("rep2").feedback.forAsset.query({ assetId: ids.beta as string });
    expect(theirs.marks).toEqual({ helpedVotes: 1, notHelpfulVotes: 0, mine: true });
    expect(
      (await client("rep").feedback.forAsset.query({ assetId: ids.beta as string })).marks.mine,
    ).toBeNull();

    // taking a mark back removes the vote
    expect(
      await client("rep2").feedback.markSuggestion.mutate({
        assetId: ids.beta as string,
        helped: null,
        surface: "portal",
      }),
    ).toEqual({ helped: null, helpedVotes: 0, notHelpfulVotes: 0 });
    expect(await scores()).toEqual({ Alpha: 3.5, Beta: 3.5, Control: 3.5 });
  });

  it("marks only assets and deals the caller can see", async () => {
    const mark = (who: keyof typeof tokens, assetId: string, dealId?: string) =>
      codeOf(
        client(who).feedback.markSuggestion.mutate({ assetId, helped: true, dealId, surface: "portal" }),
      );
    expect(await mark("outsider", ids.eastOnly as string)).toBe("NOT_FOUND");
    expect(await mark("rep", ids.eastOnly as string)).toBe("OK");
    expect(await mark("rep", ids.draft as string)).toBe("NOT_FOUND");
    expect(await mark("rep", randomUUID())).toBe("NOT_FOUND");
    expect(await mark("rep", ids.beta as string, ids.othersDeal)).toBe("NOT_FOUND");
    expect(
      await codeOf(
        server.client({}).feedback.markSuggestion.mutate({
          assetId: ids.beta as string,
          helped: true,
          surface: "portal",
        }),
      ),
    ).toBe("UNAUTHORIZED");
    expect(
      await codeOf(
        client("rep").feedback.markSuggestion.mutate({
          assetId: ids.beta as string,
          helped: true,
          // @ts-expect-error: the viewer is not a client's surface
          surface: "viewer",
        }),
      ),
    ).toBe("BAD_REQUEST");
  });
});
