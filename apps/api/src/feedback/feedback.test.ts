import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAsset } from "../../testing/deal-factories";
import { codeOf } from "../../testing/refusal";
import type { TestServer } from "../../testing/server";
import { openTestWorkspace } from "../../testing/test-workspace";

let server: TestServer;
let rep: string;
let otherRep: string;
let outsider: string;
let admin: string;
let published: string;
let draft: string;
let teamOnly: string;
let teamA: string;

beforeAll(async () => {
  ({
    server,
    teams: { "Feedback A": teamA },
    tokens: { rep, otherRep, outsider, admin },
  } = await openTestWorkspace({
    teams: ["Feedback A", "Feedback B"],
    users: {
      rep: { role: "rep", team: "Feedback A", name: "Rita Rep" },
      otherRep: { role: "rep", team: "Feedback A", name: "Oscar Other" },
      outsider: { role: "rep", team: "Feedback B" },
      admin: { role: "admin" },
    },
  }));
  const { db } = server.deps.database;
  const { storage } = server.deps;
  published = (await makeAsset(db, storage, { title: "Rated" })).assetId;
  draft = (await makeAsset(db, storage, { title: "Draft", status: "draft" })).assetId;
  teamOnly = (await makeAsset(db, storage, { title: "Team A only", teamIds: [teamA] })).assetId;
});
afterAll(() => server?.close());

describe("ratings", () => {
  it("keeps one rating per user per asset, changeable, averaged over users", async () => {
    const r = server.client({ token: rep });
    await r.feedback.rate.mutate({ assetId: published, rating: 2 });
    const changed = await r.feedback.rate.mutate({ assetId: published, rating: 5 });
    expect(changed.rating).toEqual({ count: 1, average: 5, mine: 5 });
    await server.client({ token: otherRep }).feedback.rate.mutate({ assetId: published, rating: 3 });
    const seen = await r.feedback.forAsset.query({ assetId: published });
    expect(seen.rating).toEqual({ count: 2, average: 4, mine: 5 });
  });

  it("rejects ratings outside 1-5", async () => {
    const r = server.client({ token: rep });
    expect(await codeOf(r.feedback.rate.mutate({ assetId: published, rating: 6 }))).toBe("BAD_REQUEST");
    expect(await codeOf(r.feedback.rate.mutate({ assetId: published, rating: 0 }))).toBe("BAD_REQUEST");
  });
});

describe("comments", () => {
  it("lists comments with their author, oldest first, and who may delete each", async () => {
    const r = server.client({ token: rep });
    await r.feedback.comment.mutate({ assetId: published, comment: "Worked great with a CFO" });
    await server
      .client({ token: otherRep })
      .feedback.comment.mutate({ assetId: published, comment: "Needs 2026 figures" });
    const { comments } = await r.feedback.forAsset.query({ assetId: published });
    expect(comments.map((c) => [c.author, c.comment, c.canDelete])).toEqual([
      ["Rita Rep", "Worked great with a CFO", true],
      ["Oscar Other", "Needs 2026 figures", false],
    ]);
  });

  it("lets authors delete their own comment, admins any, and nobody else", async () => {
    const r = server.client({ token: rep });
    const mine = await r.feedback.comment.mutate({ assetId: published, comment: "Delete me" });
    const theirs = await server
      .client({ token: otherRep })
      .feedback.comment.mutate({ assetId: published, comment: "Admin removes this" });
    expect(await codeOf(r.feedback.deleteComment.mutate({ id: theirs.id }))).toBe("FORBIDDEN");
    expect(await codeOf(r.feedback.deleteComment.mutate({ id: mine.id }))).toBe("OK");
    expect(
      await codeOf(server.client({ token: admin }).feedback.deleteComment.mutate({ id: theirs.id })),
    ).toBe("OK");
    const { comments } = await r.feedback.forAsset.query({ assetId: published });
    expect(comments.map((c) => c.comment)).not.toContain("Delete me");
    expect(comments.map((c) => c.comment)).not.toContain("Admin removes this");
  });

  it("rejects an empty comment with the field named", async () => {
    const r = server.client({ token: rep });
    const err = await r.feedback.comment.mutate({ assetId: published, comment: "   " }).catch((e) => e);
    expect(err).toBeInstanceOf(TRPCClientError);
    expect((err as TRPCClientError<never>).message).toContain("comment");
  });
});

describe("visibility", () => {
  it("answers NOT_FOUND for assets the caller cannot see, on every procedure", async () => {
    const r = server.client({ token: rep });
    const x = server.client({ token: outsider });
    expect(await codeOf(r.feedback.forAsset.query({ assetId: draft }))).toBe("NOT_FOUND");
    expect(await codeOf(r.feedback.rate.mutate({ assetId: draft, rating: 4 }))).toBe("NOT_FOUND");
    expect(await codeOf(r.feedback.comment.mutate({ assetId: draft, comment: "hi" }))).toBe("NOT_FOUND");
    expect(await codeOf(r.feedback.forAsset.query({ assetId: teamOnly }))).toBe("OK");
    expect(await codeOf(x.feedback.forAsset.query({ assetId: teamOnly }))).toBe("NOT_FOUND");
    const c = await r.feedback.comment.mutate({ assetId: teamOnly, comment: "team note" });
    expect(await codeOf(x.feedback.deleteComment.mutate({ id: c.id }))).toBe("NOT_FOUND");
    expect(await codeOf(server.client({ token: admin }).feedback.forAsset.query({ assetId: draft }))).toBe(
      "OK",
    );
  });

  it("needs a signed-in user", async () => {
    expect(await codeOf(server.client().feedback.forAsset.query({ assetId: published }))).toBe(
      "UNAUTHORIZED",
    );
  });
});
