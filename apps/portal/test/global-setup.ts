import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loginToken, makeUser, spawnMeili, startServerWith } from "@pitchside/api/testing";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    apiUrl: string;
    /** A bearer token of an admin; test files create the other people they need through the API. */
    adminToken: string;
  }
}

/** The real API (PGlite + a real Meilisearch) on an ephemeral port, shared by the portal's test files. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "pitchside-portal-meili-"));
  const meili = await spawnMeili({ binary: process.env.MEILI_BINARY, dataDir: dir });
  // single sign-on configured (its provider is never reached: the sign-in page only links to it)
  const server = await startServerWith(meili, {
    OIDC_ISSUER: "http://127.0.0.1:9/",
    OIDC_CLIENT_ID: "pitchside-portal-tests",
    OIDC_CLIENT_SECRET: "portal-tests-secret",
  });
  const admin = await makeUser(server.deps.database.db, { role: "admin", name: "Test Admin" });
  project.provide("apiUrl", server.url);
  project.provide("adminToken", await loginToken(server, admin.email, admin.password));
  return async () => {
    await server.close();
    await meili.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
