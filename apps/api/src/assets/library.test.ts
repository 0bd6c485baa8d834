import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser, uploadFile } from "../../testing/factories";
import { codeOf } from "../../testing/refusal";
import { loginToken, startTestServer, type TestServer } from "../../testing/server";
import { openTestWorkspace } from "../../testing/test-workspace";
import { assetVersions, auditLog, searches } from "../db/schema";
import { demoTaxonomy } from "../demo/demo-taxonomy";
import { upsertTerms } from "../taxonomy/taxonomy-service";

let server: TestServer;
let marketer: string;
let rep: string;
let otherTeamRep: string;
let admin: string;
let teamB: string;

beforeAll(async () => {
  ({
    server,
    teams: { "Team B": teamB },
    tokens: { marketer, rep, otherTeamRep, admin },
  } = await openTestWorkspace({
    teams: ["Team A", "Team B"],
    users: {
      marketer: { role: "marketer" },
      rep: { role: "rep", team: "Team A" },
      otherTeamRep: { role: "rep", team: "Team B" },
      admin: { role: "admin" },
    },
  }));
  await upsertTerms(server.deps.database.db, server.deps.bus, null, demoTaxonomy);
  await server.deps.searchIndex.syncSynonyms();
});
afterAll(() => server?.close());

async function publishedMarkdown(title: string, body: string, meta: Record<string, unknown> = {}) {
  const up = await uploadFile(
    server.url,
    { token: marketer },
    { name: `${title}.md`, data: body, meta: { title, ...meta } },
  );
  expect(up.status).toBe(201);
  const assetId = up.body.assetId ?? "";
  await server.client({ token: marketer }).assets.setStatus.mutate({ id: assetId, status: "published" });
  return { assetId, versionId: up.body.versionId ?? "" };
}

const search = (token: string, q: string, extra: Record<string, unknown> = {}) =>
  server.client({ token }).search.query.query({ q, ...extra });

describe("uploads", () => {
  it("answers 201 at once with a pending version, and processing makes the text searchable", async () => {
    const up = await uploadFile(
      server.url,
      { token: marketer },
      {
        name: "acme-battle-card.md",
        data: "# Beating Acme\n\nAcme's onboarding takes **nine months**; ours takes a fortnight.",
        meta: { type: "battle_card", competitors: ["acme"], stages: ["proposal"] },
      },
    );
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ status: "pending" });
    const before = await server.client({ token: marketer }).assets.get.query({ id: up.body.assetId ?? "" });
    expect(before.title).toBe("acme-battle-card");
    expect(before.versions[0]?.processingState).toBe("pending");
    await server.settle();
    const after = await server.client({ token: marketer }).assets.get.query({ id: up.body.assetId ?? "" });
    expect(after.versions[0]).toMatchObject({ processingState: "ready", processingError: null });
    const found = await search(marketer, "fortnight");
    expect(found.hits.map((h) => h.asset.id)).toContain(up.body.assetId);
    expect(found.hits[0]?.snippet).toContain("<mark>fortnight</mark>");
  });

  it("refuses reps", async () => {
    const up = await uploadFile(server.url, { token: rep }, { name: "x.md", data: "# hi" });
    expect(up.status).toBe(403);
  });

  it.each([
    [
      "an executable renamed .pdf",
      "invoice.pdf",
      Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]),
      /executable/i,
    ],
    [
      "a Windows executable",
      "setup.docx",
      Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200)]),
      /executable/i,
    ],
    ["an HTML page", "notes.md", "<!DOCTYPE html><html><script>alert(1)</script></html>", /HTML/],
    [
      "an SVG with a script",
      "logo.png",
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      /SVG/,
    ],
  ])(
    "refuses %s with 415 naming the detected type, leaving nothing behind",
    async (_label, name, data, message) => {
      const before = await server.client({ token: marketer }).assets.list.query({});
      const up = await uploadFile(server.url, { token: marketer }, { name, data });
      expect(up.status).toBe(415);
      expect(up.body.error).toMatch(message);
      const after = await server.client({ token: marketer }).assets.list.query({});
      expect(after.total).toBe(before.total);
    },
  );

  it("names the invalid metadata field", async () => {
    const up = await uploadFile(
      server.url,
      { token: marketer },
      { name: "a.md", data: "# a", meta: { title: "A", type: "poster" } },
    );
    expect(up.status).toBe(400);
    expect(up.body.error).toMatch(/^meta\.type: /);
    const unknownKey = await uploadFile(
      server.url,
      { token: marketer },
      { name: "a.md", data: "# a", meta: { title: "A", stages: ["nope"] } },
    );
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.error).toBe('stages: unknown stage key "nope"');
  });

  it("answers 413 naming the limit for a file that is too large", async () => {
    const small = await startTestServer({ UPLOAD_MAX_MB: "0.01" });
    try {
      const m = await makeUser(small.deps.database.db, { role: "marketer" });
      const token = await loginToken(small, m.email, m.password);
      const up = await uploadFile(
        small.url,
        { token },
        { name: "big.md", data: `# big\n${"x".repeat(20_000)}` },
      );
      expect(up.status).toBe(413);
      expect(up.body.error).toMatch(/upload limit of 0 MB|UPLOAD_MAX_MB/);
    } finally {
      await small.close();
    }
  });

  it("records every change in the audit log", async () => {
    const { assetId } = await publishedMarkdown("Audit me", "# Audit");
    const rows = await server.deps.database.db.select().from(auditLog).where(eq(auditLog.entityId, assetId));
    expect(rows.map((r) => r.action).sort()).toEqual(["asset.create", "asset.status"]);
  });
});

describe("versions", () => {
  it("keeps old versions for marketers; reps get only the current one", async () => {
    const { assetId, versionId: v1 } = await publishedMarkdown(
      "Pricing FAQ",
      "# Pricing\n\nOld answer about discounts.",
    );
    const up = await uploadFile(
      server.url,
      { token: marketer },
      { name: "pricing.md", data: "# Pricing\n\nNew answer about rebates.", assetId },
    );
    expect(up.status).toBe(201);
    await server.settle();
    const asMarketer = await server.client({ token: marketer }).assets.get.query({ id: assetId });
    expect(asMarketer.versions.map((v) => v.number)).toEqual([2, 1]);
    const asRep = await server.client({ token: rep }).assets.get.query({ id: assetId });
    expect(asRep.versions.map((v) => v.number)).toEqual([2]);
    const old = await fetch(`${server.url}/api/files/${v1}`, {
      headers: { authorization: `Bearer ${marketer}` },
    });
    expect(old.status).toBe(200);
    expect(await old.text()).toContain("Old answer");
    expect(old.headers.get("x-content-type-options")).toBe("nosniff");
    expect(old.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(old.headers.get("content-disposition")).toMatch(/^attachment; filename="Pricing FAQ.md"/);
    const repOld = await fetch(`${server.url}/api/files/${v1}`, {
      headers: { authorization: `Bearer ${rep}` },
    });
    expect(repOld.status).toBe(404);
    expect((await search(rep, "rebates")).hits.map((h) => h.asset.id)).toContain(assetId);
    expect((await search(rep, "discounts")).hits.map((h) => h.asset.id)).not.toContain(assetId);
  });
});

describe("visibility", () => {
  it("hides drafts, archived, expired and other teams' assets from reps on every path", async () => {
    const word = "zebracrossing";
    const draft = await uploadFile(
      server.url,
      { token: marketer },
      { name: "d.md", data: `# Draft ${word}` },
    );
    const archived = await publishedMarkdown("Archived", `# Archived ${word}`);
    await server.client({ token: marketer }).assets.archive.mutate({ id: archived.assetId });
    const expired = await publishedMarkdown("Expired", `# Expired ${word}`, {
      expiresAt: "2020-01-01T00:00:00Z",
    });
    const teamBAsset = await publishedMarkdown("Team B only", `# TeamB ${word}`, { teams: [teamB] });
    const visible = await publishedMarkdown("For everyone", `# Everyone ${word}`);
    const collection = await server.client({ token: marketer }).collections.save.mutate({ name: "Mixed" });
    const hidden = [draft.body.assetId ?? "", archived.assetId, expired.assetId, teamBAsset.assetId];
    await server.client({ token: marketer }).collections.setItems.mutate({
      id: collection.id,
      assetIds: [...hidden, visible.assetId],
    });
    await server.settle();

    const repClient = server.client({ token: rep });
    expect((await search(rep, word)).hits.map((h) => h.asset.id)).toEqual([visible.assetId]);
    expect((await search(marketer, word)).total).toBe(5);
    expect((await search(otherTeamRep, word)).hits.map((h) => h.asset.id).sort()).toEqual(
      [teamBAsset.assetId, visible.assetId].sort(),
    );
    const listed = (await repClient.assets.list.query({ q: "" })).items.map((a) => a.id);
    for (const id of hidden) {
      expect(listed).not.toContain(id);
      expect(await codeOf(repClient.assets.get.query({ id }))).toBe("NOT_FOUND");
    }
    const versions = await server.deps.database.db.select().from(assetVersions);
    for (const id of hidden) {
      const v = versions.find((x) => x.assetId === id);
      const res = await fetch(`${server.url}/api/files/${v?.id}`, {
        headers: { authorization: `Bearer ${rep}` },
      });
      expect(res.status).toBe(404);
    }
    const shown = await repClient.collections.get.query({ id: collection.id });
    expect(shown.items.map((i) => i.id)).toEqual([visible.assetId]);
  });

  it("keeps filters injection-proof", async () => {
    await publishedMarkdown("Safe", "# Harmless text about quokkas");
    await uploadFile(server.url, { token: marketer }, { name: "secret.md", data: "# Draft about quokkas" });
    await server.settle();
    const tricky = await search(rep, "quokkas", {
      filters: { tags: ['x"] OR status = "draft" OR tags IN ["x'] },
    });
    expect(tricky.hits).toEqual([]);
    const status = await search(rep, "quokkas", { filters: { status: ["draft"] } });
    expect(status.hits.every((h) => h.asset.status === "published")).toBe(true);
    await expect(search(rep, "quokkas", { filters: { stages: ['a" OR 1=1'] } })).rejects.toThrow(
      /filters\.stages\.0/,
    );
  });
});

describe("bilingual search", () => {
  it("finds Japanese by a kanji-only query and competitors by their katakana alias", async () => {
    const jp = await publishedMarkdown(
      "価格への反論",
      "# 価格が高すぎると言われたら\n\n導入効果と総保有コストで説明します。",
      {
        type: "objection_guide",
        language: "ja",
        objections: ["price"],
      },
    );
    const acme = await publishedMarkdown("Acme battle card", "# Why we win against Acme", {
      type: "battle_card",
      competitors: ["acme"],
    });
    await server.settle();
    expect((await search(rep, "価格")).hits.map((h) => h.asset.id)).toContain(jp.assetId);
    expect((await search(rep, "総保有コスト")).hits.map((h) => h.asset.id)).toContain(jp.assetId);
    expect((await search(rep, "アクメ")).hits.map((h) => h.asset.id)).toContain(acme.assetId);
    expect((await search(rep, "Acme")).hits.map((h) => h.asset.id)).toContain(acme.assetId);
    expect((await search(rep, "提案")).total).toBeGreaterThanOrEqual(0);
  });

  it("filters by facets and reports facet counts", async () => {
    const res = await search(rep, "", { filters: { type: ["battle_card"] } });
    expect(res.hits.length).toBeGreaterThan(0);
    expect(res.hits.every((h) => h.asset.type === "battle_card")).toBe(true);
    expect(res.facets.type?.battle_card).toBe(res.total);
  });

  it("records searches with their result counts", async () => {
    await search(rep, "nonexistentwordxyz");
    await server.deps.writeBehind.flush();
    const rows = await server.deps.database.db
      .select()
      .from(searches)
      .where(eq(searches.query, "nonexistentwordxyz"));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.resultCount).toBe(0);
  });
});

describe("reindex", () => {
  it("rebuilds into a fresh index and swaps it in", async () => {
    const { assetId } = await publishedMarkdown("Reindexed", "# The word is capybara");
    await server.settle();
    expect(await codeOf(server.client({ token: rep }).admin.reindex.mutate())).toBe("FORBIDDEN");
    const result = await server.client({ token: admin }).admin.reindex.mutate();
    expect(result.documents).toBeGreaterThan(1);
    expect((await search(rep, "capybara")).hits.map((h) => h.asset.id)).toContain(assetId);
  });

  it("lets two rebuilds run at once (two processes, two admins): both swap in a whole index", async () => {
    const { assetId } = await publishedMarkdown("Reindexed twice", "# The word is okapi");
    await server.settle();
    const both = await Promise.all([
      server.client({ token: admin }).admin.reindex.mutate(),
      server.client({ token: admin }).admin.reindex.mutate(),
    ]);
    expect(both[0].documents).toBe(both[1].documents);
    expect((await search(rep, "okapi")).hits.map((h) => h.asset.id)).toContain(assetId);
    // and neither left its side index behind
    const { results } = await server.deps.searchIndex.client.getIndexes({ limit: 1000 });
    expect(
      results.filter((i) => i.uid.startsWith(`${server.indexPrefix}`) && i.uid.includes("_rebuild")),
    ).toEqual([]);
  });
});
