import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTRPCClient, httpLink } from "@trpc/client";
import pg from "pg";
import { createApp } from "../src/app";
import type { AppRouter } from "../src/app-router";
import { loadConfig } from "../src/config";
import { type Database, openPglite, openPostgres } from "../src/db/client";
import type { AppDeps } from "../src/deps";
import type { LimiterStore } from "../src/limits/limiter-store";
import { createLogger } from "../src/logger";
import { wireDeps } from "../src/wiring";
import { deleteRedisKeys } from "./redis-keys";

export interface TestServer {
  url: string;
  deps: AppDeps;
  /** Its Meilisearch indexes' prefix (a twin shares them). */
  indexPrefix: string;
  /** A typed client; pass a bearer token or a cookie header to act as someone. */
  client(auth?: { token?: string; cookie?: string }): ReturnType<typeof createTRPCClient<AppRouter>>;
  /** Runs every due job, then indexes everything pending. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Database `name` on the server of `url` (a Postgres URL), created when it
 * does not exist, opened and migrated; its data is left as it is.
 */
export async function openNamedDatabase(url: string, name: string): Promise<Database> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const found = await admin.query("select 1 from pg_database where datname = $1", [name]);
  if (found.rowCount === 0) await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openPostgres(target.toString());
  await database.migrate();
  return database;
}

/**
 * A database of its own for one test file: in-memory PGlite by default, or a
 * fresh database on the server named by DATABASE_URL, dropped afterwards.
 */
export async function openTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openPglite(undefined);
    await database.migrate();
    return database;
  }
  const name = `pitchside_test_${randomBytes(6).toString("hex")}`;
  const database = await openNamedDatabase(url, name);
  return {
    ...database,
    close: async () => {
      await database.close();
      await dropNamedDatabase(url, name);
    },
  };
}

/** Listens on a free port of 127.0.0.1. */
export async function listenLocally(
  app: ReturnType<typeof createApp>,
): Promise<{ server: Server; url: string }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const address = server.address();
  return { server, url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}` };
}

/** Drops database `name` on the server of `url`, whoever is still connected. */
export async function dropNamedDatabase(url: string, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const dropper = new pg.Client({ connectionString: url });
  await dropper.connect();
  await dropper.query(`drop database if exists ${name} with (force)`);
  await dropper.end();
}

/**
 * Boots the real app on port 0 against a Meilisearch endpoint; benchmarks call this directly.
 * `database`: one the caller opened and will close (two servers on one database, as two processes);
 * `limiters`: a limit store handed to this server, which closes it.
 * `twinOf`: a second API process, as far as one test process can make one: its own pool on the
 * same Postgres database, its own caches and cluster bus, the same search indexes; closing it
 * leaves the database and the indexes to the first.
 */
export async function startServerWith(
  meili: { url: string; masterKey: string },
  env: Record<string, string> = {},
  opts: { database?: Database; limiters?: LimiterStore; twinOf?: TestServer } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "pitchside-test-"));
  // LibreOffice and ffmpeg only for the tests that ask (SOFFICE_PATH/FFMPEG_PATH): the rest need not wait for them
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    SOFFICE_PATH: "off",
    FFMPEG_PATH: "off",
    // test files share two cores: a search slowed by a neighbour must not open the breaker (tests of it set their own)
    SEARCH_TIMEOUT_MS: "5000",
    ...env,
  });
  const twinOf = opts.twinOf?.deps.database;
  if (twinOf && !twinOf.url) throw new Error("a twin needs a Postgres database (DATABASE_URL)");
  const database = opts.database ?? (twinOf?.url ? await openPostgres(twinOf.url) : await openTestDatabase());
  const prefix = opts.twinOf?.indexPrefix ?? `t${randomBytes(5).toString("hex")}_`;
  const deps: AppDeps = wireDeps({
    config,
    database,
    meili,
    indexPrefix: prefix,
    logger: createLogger(config.logLevel),
    ...(opts.limiters ? { limiters: opts.limiters } : {}),
  });
  await deps.bus.start();
  await deps.searchIndex.ensure();
  // Workers run only when a test asks (`settle`), so each test decides when jobs and indexing happen.
  const { server, url } = await listenLocally(createApp(deps));
  return {
    url,
    deps,
    indexPrefix: prefix,
    client: (auth = {}) =>
      createTRPCClient<AppRouter>({
        links: [
          httpLink({
            url: `${url}/trpc`,
            headers: () => ({
              origin: url,
              ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
              ...(auth.cookie ? { cookie: auth.cookie } : {}),
            }),
          }),
        ],
      }),
    settle: async () => {
      await deps.jobs.drain();
      await deps.searchIndex.drain();
      await deps.writeBehind.flush();
    },
    close: async () => {
      await deps.jobs.stop();
      await deps.searchIndex.stop();
      await deps.writeBehind.stop();
      await deps.bus.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      if (twinOf) {
        await deps.limiters.close();
        if (!opts.database) await database.close();
        deps.storage.close();
        rmSync(dataDir, { recursive: true, force: true });
        return;
      }
      const { client } = deps.searchIndex;
      const indexes = await client.getIndexes({ limit: 1000 }).catch(() => ({ results: [] }));
      await Promise.all(
        indexes.results.filter((i) => i.uid.startsWith(prefix)).map((i) => client.deleteIndex(i.uid)),
      );
      await deps.limiters.close();
      // a limit store of our own choosing on a shared Redis: its keys carry this server's prefix
      if (config.redisUrl && !opts.limiters) await deleteRedisKeys(config.redisUrl, prefix);
      if (!opts.database) await database.close();
      deps.storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in like the portal does and returns the Cookie header to send. */
export function loginCookie(server: TestServer, email: string, password: string): Promise<string> {
  return sessionCookieFrom(server, "auth.login", { email, password });
}

/** Calls a mutation that signs the browser in (sign-in, accepting an invitation …), as the portal does: its Cookie header. */
export async function sessionCookieFrom(
  server: TestServer,
  procedure: string,
  input: unknown,
): Promise<string> {
  const res = await fetch(`${server.url}/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url },
    body: JSON.stringify(input),
  });
  const setCookie = res.headers.get("set-cookie");
  if (!res.ok || !setCookie) throw new Error(`${procedure} failed: ${res.status} ${await res.text()}`);
  return setCookie.split(";")[0] ?? "";
}

export async function loginToken(server: TestServer, email: string, password: string): Promise<string> {
  const result = await server.client().auth.login.mutate({ email, password, client: "extension" });
  if (!("token" in result)) throw new Error("no token");
  return result.token;
}
