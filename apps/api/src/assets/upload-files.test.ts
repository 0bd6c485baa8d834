import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser, uploadFile } from "../../testing/factories";
import { loginToken, startTestServer, type TestServer } from "../../testing/server";
import { makeDocx, makePdf, makePng, makePptx, makeZipBomb, truncate } from "../../testing/test-files";

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  const m = await makeUser(server.deps.database.db, { role: "marketer" });
  token = await loginToken(server, m.email, m.password);
});
afterAll(() => server?.close());

const upload = (name: string, data: Buffer, meta: Record<string, unknown> = {}) =>
  uploadFile(server.url, { token }, { name, data, meta: { title: name, ...meta } });

const get = (id: string) => server.client({ token }).assets.get.query({ id });
const hitsFor = async (q: string) =>
  (await server.client({ token }).search.query.query({ q })).hits.map((h) => h.asset.id);

describe("real files through the upload API", () => {
  it("finds words from inside a PDF, a DOCX and a PPTX (slide notes included), with page counts and thumbnails", async () => {
    const pdf = await upload(
      "report.pdf",
      await makePdf({ pages: ["Quarterly review", "The pangolin initiative"] }),
    );
    const docx = await upload("brief.docx", await makeDocx(["Executive brief", "Our axolotl programme"]));
    const pptx = await upload(
      "deck.pptx",
      await makePptx([{ text: "Welcome" }, { text: "Roadmap", notes: "Mention the okapi launch" }]),
    );
    const png = await upload("logo.png", makePng(800, 400));
    for (const up of [pdf, docx, pptx, png]) expect(up.status).toBe(201);
    await server.settle();

    expect(await hitsFor("pangolin")).toContain(pdf.body.assetId);
    expect(await hitsFor("axolotl")).toContain(docx.body.assetId);
    expect(await hitsFor("okapi")).toContain(pptx.body.assetId);

    const pdfAsset = await get(pdf.body.assetId ?? "");
    expect(pdfAsset.versions[0]).toMatchObject({
      processingState: "ready",
      pageCount: 2,
      mimeType: "application/pdf",
    });
    expect(pdfAsset.thumbnailUrl).toBe(`/api/files/${pdf.body.versionId}/thumbnail`);
    const thumb = await fetch(`${server.url}${pdfAsset.thumbnailUrl}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    expect((await get(pptx.body.assetId ?? "")).versions[0]?.pageCount).toBe(2);
    expect((await get(png.body.assetId ?? "")).thumbnailUrl).not.toBeNull();
  });

  it("extracts real Japanese from a PDF with an embedded Japanese font and finds it by a kanji-only query", async () => {
    const up = await upload(
      "価格.pdf",
      await makePdf({ pages: ["価格が高すぎると言われた時の切り返し"], japanese: true }),
    );
    expect(up.status).toBe(201);
    await server.settle();
    const asset = await get(up.body.assetId ?? "");
    expect(asset.title).toBe("価格.pdf");
    expect(asset.language).toBe("ja");
    expect(await hitsFor("価格")).toContain(up.body.assetId);
    expect(await hitsFor("切り返し")).toContain(up.body.assetId);
  });

  it("marks a zip bomb failed with the guard's reason, keeps the server responsive and the asset editable", async () => {
    const up = await upload("bomb.docx", makeZipBomb());
    expect(up.status).toBe(201);
    const started = Date.now();
    const settling = server.settle();
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    await settling;
    expect(Date.now() - started).toBeLessThan(30_000);
    const asset = await get(up.body.assetId ?? "");
    expect(asset.versions[0]?.processingState).toBe("failed");
    expect(asset.versions[0]?.processingError).toMatch(/zip bomb/i);
    const edited = await server
      .client({ token })
      .assets.update.mutate({ id: asset.id, patch: { title: "Renamed" } });
    expect(edited.title).toBe("Renamed");
  });

  it("marks a truncated PDF failed with a clear reason, and a retry queues it again", async () => {
    const whole = await makePdf({ pages: ["One", "Two", "Three"] });
    const up = await upload("cut.pdf", truncate(whole, Math.floor(whole.length / 2)));
    expect(up.status).toBe(201);
    await server.settle();
    const asset = await get(up.body.assetId ?? "");
    expect(asset.versions[0]?.processingState).toBe("failed");
    expect(asset.versions[0]?.processingError).toMatch(/damaged or truncated/);
    const retry = await server
      .client({ token })
      .assets.retryProcessing.mutate({ versionId: up.body.versionId ?? "" });
    expect(retry.status).toBe("pending");
    await server.settle();
    expect((await get(up.body.assetId ?? "")).versions[0]?.processingState).toBe("failed");
  });
});
