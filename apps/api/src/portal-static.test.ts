import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { get, type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/server";

let server: TestServer;
let portalDir = "";

/** A hashed script as Vite names it, with the twins the portal's build writes beside it. */
const SCRIPT = "/assets/library-page-Dm9zLNG0.js";
const script = Buffer.from(`export const words = ${JSON.stringify("価格 pricing ".repeat(400))};\n`);
const html = Buffer.from(
  `<!doctype html><html><head><script type="module" src="${SCRIPT}"></script></head></html>`,
);

beforeAll(async () => {
  portalDir = await mkdtemp(path.join(tmpdir(), "pitchside-portal-static-"));
  await mkdir(path.join(portalDir, "assets"));
  for (const [file, data] of [
    [SCRIPT, script],
    ["/index.html", html],
  ] as const) {
    const at = path.join(portalDir, file);
    await writeFile(at, data);
    await writeFile(`${at}.br`, brotliCompressSync(data));
    await writeFile(`${at}.gz`, gzipSync(data));
  }
  await writeFile(path.join(portalDir, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
  server = await startTestServer({ PORTAL_DIR: portalDir });
});
afterAll(async () => {
  await server?.close();
  await rm(portalDir, { recursive: true, force: true });
});

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The bytes as they came, undecoded (fetch would decode them). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }),
      );
      res.on("error", reject);
    }).on("error", reject);
  });
}

describe("the portal's files", () => {
  it("go as brotli to a browser that takes it, and decompress to the file", async () => {
    const res = await rawGet(`${server.url}${SCRIPT}`, { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.body.length).toBeLessThan(script.length);
    expect(brotliDecompressSync(res.body).equals(script)).toBe(true);
  });

  it("go as gzip to one that takes only gzip", async () => {
    const res = await rawGet(`${server.url}${SCRIPT}`, { "accept-encoding": "gzip" });
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(res.body).equals(script)).toBe(true);
  });

  it("go as they are without Accept-Encoding, or when brotli and gzip are refused", async () => {
    for (const headers of [{}, { "accept-encoding": "br;q=0, gzip;q=0" }] as Record<string, string>[]) {
      const res = await rawGet(`${server.url}${SCRIPT}`, headers);
      expect(res.status).toBe(200);
      expect(res.headers["content-encoding"]).toBeUndefined();
      expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.body.equals(script)).toBe(true);
    }
  });

  it("hashed files are cached for good; the page and other files are revalidated or kept an hour", async () => {
    for (const encoding of ["br", "identity"]) {
      const headers = { "accept-encoding": encoding };
      const hashed = await rawGet(`${server.url}${SCRIPT}`, headers);
      expect(hashed.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      for (const page of ["/", "/library", "/index.html"]) {
        const res = await rawGet(`${server.url}${page}`, headers);
        expect(res.status, page).toBe(200);
        expect(res.headers["cache-control"], page).toBe("no-cache");
        expect(res.headers["content-type"], page).toBe("text/html; charset=utf-8");
        const body = encoding === "br" ? brotliDecompressSync(res.body) : res.body;
        expect(body.equals(html), page).toBe(true);
      }
    }
    const icon = await rawGet(`${server.url}/favicon.svg`, { "accept-encoding": "br" });
    expect(icon.headers["content-encoding"]).toBeUndefined();
    expect(icon.headers["cache-control"]).toBe("public, max-age=3600");
  });

  it("answer a matching If-None-Match with 304, per encoding", async () => {
    for (const encoding of ["br", "gzip", "identity"]) {
      const headers = { "accept-encoding": encoding };
      const first = await rawGet(`${server.url}${SCRIPT}`, headers);
      const etag = String(first.headers.etag);
      expect(etag, encoding).toMatch(/^W\/"/);
      const again = await rawGet(`${server.url}${SCRIPT}`, { ...headers, "if-none-match": etag });
      expect(again.status, encoding).toBe(304);
      expect(again.body.length).toBe(0);
    }
    const br = await rawGet(`${server.url}${SCRIPT}`, { "accept-encoding": "br" });
    const plain = await rawGet(`${server.url}${SCRIPT}`);
    // each representation its own validator, so a cache never answers one with the other
    expect(br.headers.etag).not.toBe(plain.headers.etag);
  });

  it("keep the portal's security headers when compressed", async () => {
    const res = await rawGet(`${server.url}${SCRIPT}`, { "accept-encoding": "br" });
    expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("DENY");
  });
});
