import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/server";

let server: TestServer;
let portalDir = "";

beforeAll(async () => {
  portalDir = await mkdtemp(path.join(tmpdir(), "pitchside-portal-"));
  await writeFile(path.join(portalDir, "index.html"), "<!doctype html><div id=root></div>");
  await writeFile(path.join(portalDir, "app.js"), "console.log(1)");
  server = await startTestServer({ PORTAL_DIR: portalDir });
});
afterAll(async () => {
  await server?.close();
  await rm(portalDir, { recursive: true, force: true });
});

describe("the portal's pages", () => {
  it("carry a strict Content-Security-Policy and may never be framed", async () => {
    for (const page of ["/", "/library/assets/x", "/app.js"]) {
      const res = await fetch(`${server.url}${page}`);
      expect(res.status, page).toBe(200);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, page).toContain("script-src 'self'");
      expect(csp, page).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval)/);
      expect(csp, page).toContain("img-src 'self' data: blob:");
      expect(csp, page).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-frame-options"), page).toBe("DENY");
      expect(res.headers.get("x-content-type-options"), page).toBe("nosniff");
    }
  });
});
