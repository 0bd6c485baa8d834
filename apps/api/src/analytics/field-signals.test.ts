import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDeal } from "../../testing/deal-factories";
import { makeLinkAsset, makeTeam, makeUser } from "../../testing/factories";
import { codeOf } from "../../testing/refusal";
import { loginToken, startTestServer, type TestServer } from "../../testing/server";
import { assets, deals, suggestionSignals } from "../db/schema";
import { demoTaxonomy } from "../demo/demo-taxonomy";
import { upsertTerms } from "../taxonomy/taxonomy-service";
import type { FieldSignalRow, FieldSignals } from "./field-signals-service";

const DAY_MS = 86_400_000;
let server: TestServer;
let marketerToken: string;
let repToken: string;
let east = "";
let west = "";
/** The message a rep pasted, and every keyword sent or read from it: none of it may be stored. */
const pasted =
  "Hello team, we are also looking at Acme Corp for the rollout. The shortlist meeting is Thursday. Best, Zanzibar Quillfeather";
const sentKeywords = ["quokkafruit", "zorbanite"];
const readKeywords: string[] = [];
const requestIds: string[] = [];

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monday = (ms: number) => {
  const d = new Date(ms);
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return day(d.getTime());
};
/** The week before this one: the report's previous period is the 7 days before its own. */
const period = { from: day(Date.now() - 6 * DAY_MS), to: day(Date.now()) };

/**
 * The book, with each request's signals (repA in East, repB in West):
 *   W1 won, manufacturing   repA  acme+price (stage proposal)
 *   W2 won, software        repB  pasted text naming Acme (server-side detection)
 *   W3 won                  repA  price
 *   W4 won, W5 won          -     no request
 *   C0 won before asking    repA  acme (after its close: does not count for its win rate)
 *   L1 lost, manufacturing  repA  acme+price twice (stage proposal)
 *   L2 lost, L5 lost        repB  acme
 *   L3 lost                 repA  a request naming nothing
 *   O1 open                 repA  acme; and acme, acme+price 10 days ago (the previous period)
 *   no deal                 repB  acme and an unknown competitor key (dropped)
 */
beforeAll(async () => {
  server = await startTestServer();
  const { db } = server.deps.database;
  await upsertTerms(db, server.deps.bus, null, demoTaxonomy);
  east = (await makeTeam(db, "Signals East")).id;
  west = (await makeTeam(db, "Signals West")).id;
  const marketer = await makeUser(db, { role: "marketer" });
  const a = await makeUser(db, { role: "rep", teamId: east });
  const b = await makeUser(db, { role: "rep", teamId: west });
  marketerToken = await loginToken(server, marketer.email, marketer.password);
  const repA = server.client({ token: await loginToken(server, a.email, a.password) });
  const repB = server.client({ token: await loginToken(server, b.email, b.password) });
  repToken = await loginToken(server, a.email, a.password);

  // coverage: live external and internal content on Acme, an external price asset without stages,
  // and a draft and an expired Acme asset that do not count
  const caseStudy = await makeLinkAsset(db, marketer, {
    title: "Acme rollout case study",
    type: "case_study",
    audience: "external",
    competitors: ["acme"],
    stages: ["proposal"],
  });
  await makeLinkAsset(db, marketer, {
    title: "Acme talk track",
    type: "battle_card",
    audience: "internal",
    competitors: ["acme"],
    stages: ["proposal", "negotiation"],
  });
  await makeLinkAsset(db, marketer, { title: "Pricing one-pager", type: "one_pager", objections: ["price"] });
  await makeLinkAsset(db, marketer, {
    title: "Acme draft",
    type: "case_study",
    competitors: ["acme"],
    stages: ["discovery"],
    status: "draft",
  });
  const expired = await makeLinkAsset(db, marketer, {
    title: "Acme old card",
    type: "case_study",
    competitors: ["acme"],
    stages: ["discovery"],
  });
  await db
    .update(assets)
    .set({ expiresAt: new Date(Date.now() - DAY_MS) })
    .where(inArray(assets.id, [expired]));

  const deal = (ownerId: string, over: Partial<typeof deals.$inferInsert> = {}) =>
    makeDeal(db, { ownerId, stage: "discovery", ...over }).then((d) => d.id);
  const W1 = await deal(a.id, { industry: "manufacturing" });
  const W2 = await deal(b.id, { industry: "software" });
  const W3 = await deal(a.id);
  const W4 = await deal(a.id);
  const W5 = await deal(b.id);
  const C0 = await deal(a.id, { status: "won", closedAt: new Date(Date.now() - 3_600_000) });
  const L1 = await deal(a.id, { industry: "manufacturing" });
  const L2 = await deal(b.id);
  const L3 = await deal(a.id);
  const L5 = await deal(b.id);
  const O1 = await deal(a.id);

  type Client = typeof repA;
  const ask = async (
    client: Client,
    dealId: string | undefined,
    competitors: string[],
    objections: string[],
    stage?: string,
  ) => {
    const answer = await client.suggest.forContext.query({
      surface: "gmail",
      ...(dealId ? { dealId } : {}),
      ...(stage ? { stage } : {}),
      signals: { competitors, objections, keywords: sentKeywords },
      limit: 3,
    });
    requestIds.push(answer.requestId);
    return answer.requestId;
  };
  const onW1 = await ask(repA, W1, ["acme"], ["price"], "proposal");
  const fromText = await repB.suggest.forContext.query({ surface: "gmail", dealId: W2, text: pasted });
  expect(fromText.context.competitors).toEqual(["acme"]);
  expect(fromText.context.objections).toEqual([]);
  readKeywords.push(...fromText.context.keywords);
  requestIds.push(fromText.requestId);
  await ask(repA, W3, [], ["price"]);
  await ask(repA, C0, ["acme"], []);
  await ask(repA, L1, ["acme"], ["price"], "proposal");
  await ask(repA, L1, ["acme"], ["price"], "proposal");
  const onL2 = await ask(repB, L2, ["acme"], []);
  await ask(repB, L5, ["acme"], []);
  const onL3 = await ask(repA, L3, [], []);
  // reps' marks: helped on a request naming Acme and price, not helpful on one naming Acme, and helped on
  // one naming nothing (no signal's)
  const mark = (client: Client, requestId: string, dealId: string, helped: boolean) =>
    client.feedback.markSuggestion.mutate({
      assetId: caseStudy,
      requestId,
      dealId,
      helped,
      surface: "gmail",
    });
  await mark(repA, onW1, W1, true);
  await mark(repB, onL2, L2, false);
  await mark(repA, onL3, L3, true);
  await ask(repA, O1, ["acme"], []);
  const earlier = [await ask(repA, O1, ["acme"], []), await ask(repA, O1, ["acme"], ["price"])];
  await ask(repB, undefined, ["acme", "notarealco"], []);
  // the deals close at once, before the write-behind has written their requests: a request counts from
  // when the rep asked
  const close = (status: "won" | "lost", ids: string[]) =>
    db.update(deals).set({ status, closedAt: sql`now()` }).where(inArray(deals.id, ids));
  await close("won", [W1, W2, W3, W4, W5]);
  await close("lost", [L1, L2, L3, L5]);
  await server.deps.writeBehind.flush();
  // history: two of O1's requests were made ten days ago
  await db
    .update(suggestionSignals)
    .set({ at: sql`${suggestionSignals.at} - interval '10 days'` })
    .where(inArray(suggestionSignals.id, earlier));
}, 120_000);
afterAll(() => server?.close());

const report = (input: {
  groupBy?: "week" | "stage" | "industry" | "team";
  kind?: "competitor" | "objection";
}) => server.client({ token: marketerToken }).analytics.fieldSignals.query({ ...period, ...input });
const rowOf = (answer: FieldSignals, key: string) => answer.rows.find((r) => r.key === key) as FieldSignalRow;

describe("suggestion requests record field signals", () => {
  it("stores only taxonomy keys, against the deal, rep, team and surface, and answers with the row's id", async () => {
    const { db } = server.deps.database;
    const rows = await db.select().from(suggestionSignals).where(inArray(suggestionSignals.id, requestIds));
    expect(rows).toHaveLength(requestIds.length);
    const noDeal = rows.find((r) => r.dealId === null);
    // an unknown competitor key is dropped
    expect(noDeal).toMatchObject({ competitors: ["acme"], objections: [], teamId: west, surface: "gmail" });
    expect(rows.filter((r) => r.teamId === east)).toHaveLength(9);
  });

  it("holds no message text or keywords in any stored column", async () => {
    const { db } = server.deps.database;
    expect(readKeywords.length).toBeGreaterThan(0);
    const stored = await db.execute(sql`select row_to_json(s)::text as row from suggestion_signals s
      union all select row_to_json(e)::text from events e where e.type = 'suggestion_shown'`);
    const text = (stored as unknown as { rows: { row: string }[] }).rows.map((r) => r.row.toLowerCase());
    expect(text.length).toBeGreaterThanOrEqual(requestIds.length);
    // a keyword that is also a taxonomy key ("acme") is stored as the key, which is allowed
    const keys = new Set(demoTaxonomy.map((t) => t.key));
    const needles = [
      ...sentKeywords,
      ...readKeywords.filter((k) => !keys.has(k)),
      "zanzibar",
      "quillfeather",
      "shortlist",
      "rollout",
      "acme corp",
    ].map((n) => n.toLowerCase());
    for (const needle of needles) expect(text.filter((row) => row.includes(needle))).toEqual([]);
  });
});

describe("analytics.fieldSignals", () => {
  it("counts each signal, its trend and its win rate with and without it against the hand-computed book", async () => {
    const answer = await report({ groupBy: "team" });
    expect(answer.closed).toEqual({ won: 6, lost: 4, winRate: 0.6 });
    const counts = (mentions: number, deals: number, reps: number, previousMentions: number) => ({
      mentions,
      deals,
      reps,
      previousMentions,
    });
    const closed = (wonWith: number, lostWith: number, wonWithout: number, lostWithout: number) => ({
      wonWith,
      lostWith,
      wonWithout,
      lostWithout,
    });
    const acme = rowOf(answer, "acme");
    expect(acme.label).toEqual({ en: "Acme", ja: "アクメ" });
    // W1, W2, L1 ×2, L2, L5, C0, O1 and the one without a deal; the previous period: O1's two
    expect(acme).toMatchObject({ kind: "competitor", ...counts(9, 7, 2, 2), change: 3.5 });
    // with: W1, W2 won, L1, L2, L5 lost (C0 only after its close); without: W3, W4, W5, C0 won, L3 lost
    expect(acme).toMatchObject({
      ...closed(2, 3, 4, 1),
      winRateWith: 0.4,
      winRateWithout: 0.8,
      enoughDeals: true,
    });
    expect(acme.groups).toEqual([
      { key: east, mentions: 5 },
      { key: west, mentions: 4 },
    ]);
    const price = rowOf(answer, "price");
    expect(price.label).toEqual({ en: "Price", ja: "価格" });
    // W1, W3, L1 ×2 (all repA's); previously O1's one; with: W1, W3 won, L1 lost (3 closed: too few)
    expect(price).toMatchObject({ kind: "objection", ...counts(4, 3, 1, 1), change: 3 });
    expect(price).toMatchObject({ ...closed(2, 1, 4, 3), enoughDeals: false });
    expect(price.winRateWith).toBeCloseTo(2 / 3, 12);
    expect(price.winRateWithout).toBeCloseTo(4 / 7, 12);
    expect(price.groups).toEqual([{ key: east, mentions: 4 }]);
    expect(answer.groupLabels).toEqual(
      expect.arrayContaining([
        { key: east, label: { en: "Signals East", ja: "Signals East" } },
        { key: west, label: { en: "Signals West", ja: "Signals West" } },
      ]),
    );
    // a signal nobody named is listed with nothing
    expect(rowOf(answer, "globex")).toMatchObject({
      mentions: 0,
      previousMentions: 0,
      change: null,
      wonWith: 0,
    });
    expect(answer.rows.slice(0, 2).map((r) => r.key)).toEqual(["acme", "price"]);
    // this period's requests were all made this week
    const thisWeek = answer.weeks.indexOf(monday(Date.now()));
    expect(answer.weeks).toContain(monday(Date.parse(period.from)));
    expect(acme.weekly[thisWeek]).toBe(9);
    expect(acme.weekly.reduce((s, n) => s + n, 0)).toBe(9);
  });

  it("groups by the request's stage, the deal's industry and the week", async () => {
    const byStage = await report({ groupBy: "stage" });
    expect(rowOf(byStage, "acme").groups).toEqual([
      { key: "discovery", mentions: 4 },
      { key: "proposal", mentions: 3 },
      { key: null, mentions: 2 },
    ]);
    expect(rowOf(byStage, "price").groups).toEqual([
      { key: "proposal", mentions: 3 },
      { key: "discovery", mentions: 1 },
    ]);
    expect(byStage.groupLabels).toEqual([
      { key: "discovery", label: { en: "Discovery", ja: "ヒアリング" } },
      { key: "proposal", label: { en: "Proposal", ja: "提案" } },
      { key: null, label: null },
    ]);
    const byIndustry = await report({ groupBy: "industry" });
    expect(rowOf(byIndustry, "acme").groups).toEqual([
      { key: null, mentions: 5 },
      { key: "manufacturing", mentions: 3 },
      { key: "software", mentions: 1 },
    ]);
    expect(rowOf(byIndustry, "price").groups).toEqual([
      { key: "manufacturing", mentions: 3 },
      { key: null, mentions: 1 },
    ]);
    expect(byIndustry.groupLabels).toContainEqual({
      key: "manufacturing",
      label: { en: "Manufacturing", ja: "製造業" },
    });
    const byWeek = await report({ groupBy: "week" });
    expect(rowOf(byWeek, "acme").groups).toEqual([{ key: monday(Date.now()), mentions: 9 }]);
  });

  it("reports the library's published external content and internal talk tracks per signal and stage", async () => {
    const answer = await report({});
    const stage = (row: FieldSignalRow, key: string) => row.coverage.stages.find((s) => s.stage === key);
    const acme = rowOf(answer, "acme");
    expect(acme.coverage.external).toBe(1);
    expect(acme.coverage.internal).toBe(1);
    expect(stage(acme, "proposal")).toEqual({ stage: "proposal", external: 1, internal: 1 });
    expect(stage(acme, "negotiation")).toEqual({ stage: "negotiation", external: 0, internal: 1 });
    // the draft and the expired card do not cover discovery
    expect(stage(acme, "discovery")).toEqual({ stage: "discovery", external: 0, internal: 0 });
    const price = rowOf(answer, "price");
    expect(price.coverage).toMatchObject({ external: 1, internal: 0 });
    expect(price.coverage.stages.every((s) => s.external === 0 && s.internal === 0)).toBe(true);
    expect(answer.stages.map((s) => s.key)).toEqual([
      "prospecting",
      "discovery",
      "demo",
      "proposal",
      "negotiation",
      "closing",
    ]);
  });

  it("counts reps' helped / not helpful marks on the suggestions of requests that carried each signal", async () => {
    const answer = await report({});
    expect(rowOf(answer, "acme").marks).toEqual({ helped: 1, notHelpful: 1 });
    expect(rowOf(answer, "price").marks).toEqual({ helped: 1, notHelpful: 0 });
  });

  it("narrows to one kind", async () => {
    const answer = await report({ kind: "objection" });
    expect(new Set(answer.rows.map((r) => r.kind))).toEqual(new Set(["objection"]));
    expect(rowOf(answer, "price").mentions).toBe(4);
  });

  it("refuses reps and anonymous callers", async () => {
    expect(await codeOf(server.client({ token: repToken }).analytics.fieldSignals.query({}))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(server.client().analytics.fieldSignals.query({}))).toBe("UNAUTHORIZED");
  });
});
