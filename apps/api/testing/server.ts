import { inject } from "vitest";
import { startServerWith, type TestServer } from "./app-server";
import "./provided-context";

export {
  loginCookie,
  loginToken,
  openTestDatabase,
  sessionCookieFrom,
  type TestServer,
} from "./app-server";

/** The real server for one test file, on the run's shared Meilisearch unless given another. */
export function startTestServer(
  env: Record<string, string> = {},
  opts: { meili?: { url: string; masterKey: string } } = {},
): Promise<TestServer> {
  return startServerWith(opts.meili ?? { url: inject("meiliUrl"), masterKey: inject("meiliKey") }, env);
}

/** A second API process over `first`'s Postgres database and search indexes (see startServerWith). */
export function startTwinServer(first: TestServer, env: Record<string, string> = {}): Promise<TestServer> {
  return startServerWith({ url: inject("meiliUrl"), masterKey: inject("meiliKey") }, env, { twinOf: first });
}
