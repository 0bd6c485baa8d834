import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeLinkAsset } from "../../testing/factories";
import { codeOf } from "../../testing/refusal";
import type { TestServer } from "../../testing/server";
import { type MadeUser, openTestWorkspace } from "../../testing/test-workspace";

let server: TestServer;
let rep: string;
let otherRep: string;
let marketer: string;
let admin: string;
let marketerId: string;
let repId: string;
let publicAsset: string;
let otherTeamAsset: string;
let draftAsset: string;
let teamB: string;

beforeAll(async () => {
  let m: MadeUser;
  ({
    server,
    users: { marketer: m },
    teams: { "Requests B": teamB },
    ids: { rep: repId, marketer: marketerId },
    tokens: { rep, otherRep, marketer, admin },
  } = await openTestWorkspace({
    teams: ["Requests A", "Requests B"],
    users: {
      rep: { role: "rep", team: "Requests A", name: "Riley Rep" },
      otherRep: { role: "rep", team: "Requests B" },
      marketer: { role: "marketer", name: "Mia Marketer" },
      admin: { role: "admin" },
    },
  }));
  const { db } = server.deps.database;
  publicAsset = await makeLinkAsset(db, m, { title: "Pricing objection guide" });
  otherTeamAsset = await makeLinkAsset(db, m, { title: "Team B only", teams: [teamB] });
  draftAsset = await makeLinkAsset(db, m, { title: "Not ready", status: "draft" });
});
afterAll(() => server?.close());

describe("content requests", () => {
  it("lets a rep ask and see only their own requests", async () => {
    const created = await server.client({ token: rep }).requests.create.mutate({
      title: "  Case study for a bank in Japan ",
      details: "Searched for 銀行 事例",
    });
    expect(created).toMatchObject({
      title: "Case study for a bank in Japan",
      status: "open",
      requester: { id: repId, name: "Riley Rep" },
      assignee: null,
      answer: null,
    });
    const mine = await server.client({ token: rep }).requests.mine.query();
    expect(mine.map((r) => r.id)).toContain(created.id);
    const theirs = await server.client({ token: otherRep }).requests.mine.query();
    expect(theirs.map((r) => r.id)).not.toContain(created.id);
  });

  it("keeps the queue and every marketing action away from reps", async () => {
    const { id } = await server
      .client({ token: rep })
      .requests.create.mutate({ title: "Battle card vs Acme" });
    const c = server.client({ token: rep });
    expect(await codeOf(c.requests.queue.query())).toBe("FORBIDDEN");
    expect(await codeOf(c.requests.assignees.query())).toBe("FORBIDDEN");
    expect(await codeOf(c.requests.assign.mutate({ id, assigneeId: repId }))).toBe("FORBIDDEN");
    expect(await codeOf(c.requests.answer.mutate({ id, assetId: publicAsset }))).toBe("FORBIDDEN");
    expect(await codeOf(c.requests.decline.mutate({ id, reason: "no" }))).toBe("FORBIDDEN");
    expect(await codeOf(server.client().requests.mine.query())).toBe("UNAUTHORIZED");
    expect(await codeOf(server.client().requests.create.mutate({ title: "x" }))).toBe("UNAUTHORIZED");
  });

  it("lets a marketer assign, then answer with content, and tells the requester", async () => {
    const { id } = await server.client({ token: rep }).requests.create.mutate({ title: "Pricing help" });
    const m = server.client({ token: marketer });
    expect((await m.requests.queue.query({ status: ["open"] })).map((r) => r.id)).toContain(id);
    expect((await m.requests.assignees.query()).map((a) => a.id)).toContain(marketerId);

    expect(await codeOf(m.requests.assign.mutate({ id, assigneeId: repId }))).toBe("BAD_REQUEST");
    const assigned = await m.requests.assign.mutate({ id, assigneeId: marketerId });
    expect(assigned).toMatchObject({
      status: "in_progress",
      assignee: { id: marketerId, name: "Mia Marketer" },
    });
    expect((await m.requests.queue.query({ assignee: "me" })).map((r) => r.id)).toContain(id);

    // content the requester could not open is no answer
    expect(await codeOf(m.requests.answer.mutate({ id, assetId: otherTeamAsset }))).toBe("BAD_REQUEST");
    expect(await codeOf(m.requests.answer.mutate({ id, assetId: draftAsset }))).toBe("BAD_REQUEST");
    const answered = await m.requests.answer.mutate({ id, assetId: publicAsset });
    expect(answered).toMatchObject({
      status: "answered",
      answer: { id: publicAsset, title: "Pricing objection guide" },
    });

    const note = (await server.client({ token: rep }).notifications.list.query()).items.find(
      (n) => n.kind === "request_answered" && n.payload.requestId === id,
    );
    expect(note?.payload).toMatchObject({ assetId: publicAsset, assetTitle: "Pricing objection guide" });
    expect(await codeOf(m.requests.decline.mutate({ id, reason: "too late" }))).toBe("CONFLICT");
  });

  it("lets an admin decline with a reason the requester sees", async () => {
    const { id } = await server
      .client({ token: rep })
      .requests.create.mutate({ title: "Everything about X" });
    const a = server.client({ token: admin });
    expect(await codeOf(a.requests.decline.mutate({ id, reason: "  " }))).toBe("BAD_REQUEST");
    const declined = await a.requests.decline.mutate({ id, reason: "Too broad: ask for one use case" });
    expect(declined).toMatchObject({ status: "declined", declineReason: "Too broad: ask for one use case" });
    const mine = await server.client({ token: rep }).requests.mine.query({ status: ["declined"] });
    expect(mine.find((r) => r.id === id)?.declineReason).toBe("Too broad: ask for one use case");
    const notes = await server.client({ token: rep }).notifications.list.query();
    expect(notes.items.some((n) => n.kind === "request_declined" && n.payload.requestId === id)).toBe(true);
    expect(await codeOf(a.requests.answer.mutate({ id, assetId: publicAsset }))).toBe("CONFLICT");
  });

  it("answers NOT_FOUND for a request that does not exist", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    expect(
      await codeOf(
        server.client({ token: marketer }).requests.assign.mutate({ id: missing, assigneeId: null }),
      ),
    ).toBe("NOT_FOUND");
  });
});
