import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../../testing/server";
import { makeDocx } from "../../testing/test-files";
import { openTestWorkspace } from "../../testing/test-workspace";
import { assets } from "../db/schema";
import { upsertTerms } from "../taxonomy/taxonomy-service";
import { removeAbandonedUploads } from "./unsaved-uploads";

let server: TestServer;
let marketer: string;
let rep: string;

beforeAll(async () => {
  ({
    server,
    tokens: { marketer, rep },
  } = await openTestWorkspace({ users: { marketer: { role: "marketer" }, rep: { role: "rep" } } }));
  const { db } = server.deps.database;
  const term = (
    kind: "stage" | "persona" | "competitor" | "objection",
    key: string,
    en: string,
    ja: string,
    patterns: string[] = [],
  ) => ({
    kind,
    key,
    label: { en, ja },
    order: 1,
    patterns,
  });
  await upsertTerms(db, server.deps.bus, null, [
    term("stage", "proposal", "Proposal", "提案"),
    term("persona", "finance", "Finance", "財務", ["CFO", "経理"]),
    term("competitor", "acme", "Acme", "アクメ", ["Acme Analytics"]),
    term("objection", "price", "Price", "価格", ["too expensive", "高すぎる"]),
  ]);
});
afterAll(() => server?.close());

/** An upload from the portal's upload page: no details yet. */
async function portalUpload(name: string, data: Buffer) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(data)]), name);
  form.append("unsaved", "1");
  const res = await fetch(`${server.url}/api/uploads`, {
    method: "POST",
    headers: { authorization: `Bearer ${marketer}` },
    body: form,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { assetId: string; versionId: string };
}

const listed = async () =>
  (await server.client({ token: marketer }).assets.list.query({ limit: 200 })).items.map((a) => a.id);
const found = async (q: string) =>
  (await server.client({ token: marketer }).search.query.query({ q })).hits.map((h) => h.asset.id);

describe("an upload's details", () => {
  it("are suggested from the file's text once it is read, for marketers only", async () => {
    const up = await portalUpload(
      "proposal.docx",
      await makeDocx(["Proposal for the CFO", "Teams leaving Acme Analytics say it was too expensive."]),
    );
    const suggest = () =>
      server.client({ token: marketer }).assets.suggestMetadata.query({ ids: [up.assetId] });
    expect((await suggest())[0]).toMatchObject({ assetId: up.assetId, state: "pending", suggestion: null });
    await server.settle();
    expect((await suggest())[0]).toEqual({
      assetId: up.assetId,
      state: "ready",
      suggestion: {
        type: null,
        title: null,
        stages: ["proposal"],
        personas: ["finance"],
        industries: [],
        competitors: ["acme"],
        objections: ["price"],
        language: "en",
      },
    });
    await expect(
      server.client({ token: rep }).assets.suggestMetadata.query({ ids: [up.assetId] }),
    ).rejects.toThrow(/role/);
  });

  it("keep an unsaved upload out of the library and search until they are saved", async () => {
    const up = await portalUpload("unsaved.docx", await makeDocx(["The capybara rollout plan"]));
    await server.settle();
    expect(await listed()).not.toContain(up.assetId);
    expect(await found("capybara")).not.toContain(up.assetId);
    await server
      .client({ token: marketer })
      .assets.update.mutate({ id: up.assetId, patch: { title: "Rollout plan" } });
    await server.settle();
    expect(await listed()).toContain(up.assetId);
    expect(await found("capybara")).toContain(up.assetId);
  });

  it("never saved, go with their files after a day; saved ones stay", async () => {
    const { db } = server.deps.database;
    const abandoned = await portalUpload("abandoned.docx", await makeDocx(["Left behind"]));
    const kept = await portalUpload("kept.docx", await makeDocx(["Kept"]));
    await server.settle();
    await server
      .client({ token: marketer })
      .assets.setStatus.mutate({ id: kept.assetId, status: "in_review" });
    const dayOld = new Date(Date.now() - 25 * 60 * 60 * 1000);
    for (const id of [abandoned.assetId, kept.assetId]) {
      await db.update(assets).set({ createdAt: dayOld }).where(eq(assets.id, id));
    }
    // a fresh unsaved upload (the marketer is still on the form) is not touched
    const fresh = await portalUpload("fresh.docx", await makeDocx(["Still typing"]));
    const storage = server.deps.storage;
    const original = `versions/${abandoned.versionId}/original`;
    expect((await storage.stat(original))?.size).toBeGreaterThan(0);

    expect(await removeAbandonedUploads(db, storage)).toBe(1);
    const left = (await db.select({ id: assets.id }).from(assets)).map((a) => a.id);
    expect(left).not.toContain(abandoned.assetId);
    expect(left).toEqual(expect.arrayContaining([kept.assetId, fresh.assetId]));
    expect(await storage.stat(original)).toBeNull();
    expect(await storage.stat(`versions/${abandoned.versionId}/thumbnail`)).toBeNull();
  });
});
