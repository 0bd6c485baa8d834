import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA } from "../../testing/deal-factories";
import { makeUser, uploadFile } from "../../testing/factories";
import { startS3Server, type TestS3Server } from "../../testing/s3-server";
import { loginToken, startTestServer, type TestServer } from "../../testing/server";
import { makePdf } from "../../testing/test-files";
import { versionFileKey, versionPageImageKey, versionThumbnailKey } from "./storage";
import { uploadStagingDir } from "./upload-staging";

let s3: TestS3Server;
let proxied: TestServer;
let presigned: TestServer;
let pdf: Buffer;

/** A marketer's token on `server`, and a published PDF asset they uploaded and that was processed. */
async function publishedPdf(server: TestServer, name: string) {
  const m = await makeUser(server.deps.database.db, { role: "marketer" });
  const token = await loginToken(server, m.email, m.password);
  const up = await uploadFile(server.url, { token }, { name, data: pdf, meta: { type: "case_study" } });
  expect(up.status).toBe(201);
  await server.settle();
  const { assetId, versionId } = up.body as { assetId: string; versionId: string };
  await server.client({ token }).assets.setStatus.mutate({ id: assetId, status: "published" });
  return { token, assetId, versionId };
}

beforeAll(async () => {
  s3 = await startS3Server();
  [proxied, presigned, pdf] = await Promise.all([
    startTestServer(s3.env),
    startTestServer({ ...s3.env, S3_DOWNLOADS: "presigned" }),
    makePdf({ pages: ["Bucket page 1", "Bucket page 2", "Bucket page 3"] }),
  ]);
});
afterAll(async () => {
  await proxied?.close();
  await presigned?.close();
  await s3?.stop();
});

describe("STORAGE=s3, downloads through the API", () => {
  let token: string;
  let assetId: string;
  let versionId: string;
  const file = (suffix = "", headers: Record<string, string> = {}) =>
    fetch(`${proxied.url}/api/files/${versionId}${suffix}`, {
      headers: { authorization: `Bearer ${token}`, ...headers },
    });

  beforeAll(async () => {
    ({ token, assetId, versionId } = await publishedPdf(proxied, "bucket-deck.pdf"));
  });

  it("keeps the upload and what processing made in the bucket, nothing on local disk", async () => {
    const { storage, config } = proxied.deps;
    const original = await storage.stat(versionFileKey(versionId));
    expect(original?.size).toBe(pdf.length);
    // the checksum the upload computed goes with the object, for storage:migrate and audits
    expect(original?.sha256).toBe(createHash("sha256").update(pdf).digest("hex"));
    expect(await storage.stat(versionThumbnailKey(versionId))).not.toBeNull();
    expect(await storage.stat(versionPageImageKey(versionId, 3))).not.toBeNull();
    const asset = await proxied.client({ token }).assets.get.query({ id: assetId });
    expect(asset.versions[0]?.pageCount).toBe(3);
    expect(existsSync(path.join(config.dataDir, "files"))).toBe(false);
    // the jobs' temporary copies are gone
    const staged = await readdir(uploadStagingDir(config.dataDir)).catch(() => []);
    expect(staged).toEqual([]);
  });

  it("serves the original whole, by range, not past the end, and not again when the client has it", async () => {
    const whole = await file();
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-disposition")).toMatch(/^attachment; filename="?bucket-deck.pdf/);
    expect(whole.headers.get("content-security-policy")).toContain("sandbox");
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect(whole.headers.get("last-modified")).toBeTruthy();
    const etag = whole.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect(Buffer.from(await whole.arrayBuffer()).equals(pdf)).toBe(true);

    const part = await file("", { range: "bytes=100-199" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${pdf.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(pdf.subarray(100, 200))).toBe(true);

    const tail = await file("", { range: "bytes=-50" });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(pdf.subarray(pdf.length - 50))).toBe(true);

    const past = await file("", { range: `bytes=${pdf.length + 10}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${pdf.length}`);
    await past.body?.cancel();

    // fetch marks a conditional request no-cache (which forces a full answer) unless it has a Cache-Control
    const again = await file("", { "if-none-match": etag, "cache-control": "max-age=0" });
    expect(again.status).toBe(304);
    // a range of another version is the whole file
    const stale = await file("", { range: "bytes=0-9", "if-range": '"not-this-one"' });
    expect(stale.status).toBe(200);
    await stale.body?.cancel();
  });

  it("serves page pictures and the card from the bucket", async () => {
    const pageOne = await file("/pages/1");
    expect(pageOne.status).toBe(200);
    expect(pageOne.headers.get("content-type")).toBe("image/webp");
    expect((await pageOne.arrayBuffer()).byteLength).toBeGreaterThan(100);
    const card = await file("/thumbnail");
    expect(card.status).toBe(200);
    expect(card.headers.get("content-type")).toMatch(/^image\//);
    await card.body?.cancel();
    expect((await file("/pages/9")).status).toBe(404);
  });

  it("opens through a share link: the viewer's page, and its file by range for pdf.js", async () => {
    const share = await proxied.client({ token }).shares.create.mutate({ assetId });
    const page = await fetch(`${proxied.url}/s/${share.token}`, { headers: { "user-agent": BROWSER_UA } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`/s/${share.token}/file`);
    const first = await fetch(`${proxied.url}/s/${share.token}/file`, {
      headers: { "user-agent": BROWSER_UA, range: "bytes=0-1023" },
    });
    expect(first.status).toBe(206);
    expect(first.headers.get("content-type")).toBe("application/pdf");
    expect(first.headers.get("content-disposition")).toMatch(/^inline/);
    expect(first.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.from(await first.arrayBuffer()).equals(pdf.subarray(0, 1024))).toBe(true);
  });
});

describe("STORAGE=s3 with S3_DOWNLOADS=presigned", () => {
  it("answers a download with a redirect to a one-minute URL that serves the bytes", async () => {
    const { token, assetId, versionId } = await publishedPdf(presigned, "signed-deck.pdf");
    const res = await fetch(`${presigned.url}/api/files/${versionId}`, {
      headers: { authorization: `Bearer ${token}` },
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const location = res.headers.get("location") ?? "";
    expect(location.startsWith(`${s3.endpoint}/${s3.bucket}/versions/${versionId}/original?`)).toBe(true);
    expect(location).toMatch(/X-Amz-Expires=60\b/);
    const fromBucket = await fetch(location);
    expect(fromBucket.status).toBe(200);
    expect(fromBucket.headers.get("content-disposition")).toMatch(/^attachment; filename="?signed-deck.pdf/);
    expect(fromBucket.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await fromBucket.arrayBuffer()).equals(pdf)).toBe(true);

    // what pdf.js reads stays on our origin
    const inline = await fetch(`${presigned.url}/api/files/${versionId}?inline=1`, {
      headers: { authorization: `Bearer ${token}` },
      redirect: "manual",
    });
    expect(inline.status).toBe(200);
    await inline.body?.cancel();

    // a share link that allows downloads: its viewer reads through us, its download goes to the bucket
    const share = await presigned.client({ token }).shares.create.mutate({ assetId, allowDownload: true });
    const viewerRead = await fetch(`${presigned.url}/s/${share.token}/file`, { redirect: "manual" });
    expect(viewerRead.status).toBe(200);
    await viewerRead.body?.cancel();
    const download = await fetch(`${presigned.url}/s/${share.token}/file?download=1`, { redirect: "manual" });
    expect(download.status).toBe(302);
    const bytes = await fetch(download.headers.get("location") ?? "");
    expect(Buffer.from(await bytes.arrayBuffer()).equals(pdf)).toBe(true);
  });
});
