import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server, type TestS3Server } from "../../testing/s3-server";
import { localStorage } from "./local-storage";
import { s3Storage } from "./s3-storage";
import { type FileStorage, StoredFileMissing } from "./storage";

let work: string;
let s3: TestS3Server;
const stores: Record<"local" | "s3", FileStorage> = {} as Record<"local" | "s3", FileStorage>;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), "pitchside-storage-"));
  s3 = await startS3Server();
  stores.local = localStorage(path.join(work, "files"));
  stores.s3 = s3Storage(s3.settings, path.join(work, "s3-tmp"));
});
afterAll(async () => {
  stores.s3?.close();
  await s3?.stop();
  rmSync(work, { recursive: true, force: true });
});

const text = async (store: FileStorage, key: string, range?: { start: number; end: number }) => {
  const { body } = await store.read(key, range);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
};
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

describe.each(["local", "s3"] as const)("the %s store", (kind) => {
  const store = () => stores[kind];
  const key = (name: string) => `contract/${kind}/${name}`;

  it("keeps a buffer and gives it back whole, by range and with its size and tag", async () => {
    await store().putBuffer(key("hello.txt"), Buffer.from("hello, range-reading world"));
    expect(await text(store(), key("hello.txt"))).toBe("hello, range-reading world");
    expect(await text(store(), key("hello.txt"), { start: 7, end: 11 })).toBe("range");
    const info = await store().stat(key("hello.txt"));
    expect(info?.size).toBe(26);
    expect(info?.etag).toMatch(/^(W\/)?".+"$/);
    expect(info?.lastModified.getTime()).toBeGreaterThan(Date.now() - 60 * 60_000);
    const read = await store().read(key("hello.txt"), { start: 0, end: 4 });
    read.body.destroy();
    expect({ size: read.size, etag: read.etag }).toEqual({ size: 26, etag: info?.etag });
  });

  it("says what is missing: stat null, read StoredFileMissing, remove no error", async () => {
    expect(await store().stat(key("nothing"))).toBeNull();
    await expect(store().read(key("nothing"))).rejects.toBeInstanceOf(StoredFileMissing);
    await store().remove(key("nothing"));
    await store().putBuffer(key("gone"), Buffer.from("x"));
    await store().remove(key("gone"));
    expect(await store().stat(key("gone"))).toBeNull();
  });

  it("takes a file in (its source goes) and lends a local copy that a job can read", async () => {
    const source = path.join(work, `${kind}-source.txt`);
    await writeFile(source, "from the upload staging directory");
    await store().putFile(key("moved.txt"), source);
    expect(existsSync(source)).toBe(false);
    let seen = "";
    const result = await store().withLocalCopy(key("moved.txt"), async (file) => {
      seen = file;
      return readFile(file, "utf8");
    });
    expect(result).toBe("from the upload staging directory");
    // a bucket's copy is temporary; the local store lends its own file
    expect(existsSync(seen)).toBe(kind === "local");
  });

  it("stores a file larger than one multipart part, byte for byte", async () => {
    const data = randomBytes(12 * 1024 * 1024 + 321);
    const source = path.join(work, `${kind}-large.bin`);
    await writeFile(source, data);
    await store().putFile(key("large.bin"), source);
    expect((await store().stat(key("large.bin")))?.size).toBe(data.length);
    const back = await store().withLocalCopy(key("large.bin"), (file) => readFile(file));
    expect(sha256(back)).toBe(sha256(data));
    const { body } = await store().read(key("large.bin"), { start: 9_000_000, end: 9_000_099 });
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(data.subarray(9_000_000, 9_000_100))).toBe(true);
  });

  it("lists what it holds and refuses keys that climb out", async () => {
    const listed: string[] = [];
    for await (const item of store().list()) listed.push(item.key);
    expect(listed).toEqual(expect.arrayContaining([key("hello.txt"), key("moved.txt"), key("large.bin")]));
    await expect(store().putBuffer("../escape", Buffer.from("x"))).rejects.toThrow(/Invalid storage key/);
  });
});

describe("presigned URLs", () => {
  it("the bucket serves a presigned URL with our type and disposition; the local store has none", async () => {
    await stores.s3.putBuffer("contract/signed.pdf", Buffer.from("%PDF-1.7 signed"));
    const opts = {
      contentType: "application/pdf",
      contentDisposition: 'attachment; filename="deck.pdf"',
      expiresInSeconds: 60,
    };
    const url = await stores.s3.signedUrl("contract/signed.pdf", opts);
    expect(url).toMatch(/X-Amz-Expires=60/);
    const res = await fetch(url ?? "");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="deck.pdf"');
    expect(await res.text()).toBe("%PDF-1.7 signed");
    // signed (s3rver does not check SigV4 signatures: a real bucket refuses an edited URL)
    expect(url).toMatch(/X-Amz-Signature=[0-9a-f]{64}/);
    expect(await stores.local.signedUrl("contract/local/hello.txt", opts)).toBeNull();
  });
});
