/**
 * Several real API processes (`src/main.ts`, as `pnpm start` runs it) on one Postgres database, one
 * Meilisearch and one file store: the production layout of docs/deploy.md on one machine. The
 * cluster test and bench/cluster-throughput.ts use it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "../src/app-router";
import type { Database } from "../src/db/client";
import { createUser } from "../src/identity/users-service";
import { type RunningMeili, spawnMeili } from "../src/search/meili-process";
import { dropNamedDatabase, openNamedDatabase } from "./app-server";
import { startS3Server } from "./s3-server";

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Where the processes keep files: the one place a cluster's storage is chosen. */
export interface ClusterStorage {
  /** The environment of the process numbered `index` (DATA_DIR, STORAGE and its settings). */
  envFor(index: number): Record<string, string>;
  stop(): Promise<void>;
}

/** A local directory every process shares (one machine's stand-in for a network file system). */
export function sharedDirectoryStorage(root: string): ClusterStorage {
  const dataDir = path.join(root, "shared-data");
  mkdirSync(dataDir, { recursive: true });
  return { envFor: () => ({ DATA_DIR: dataDir, STORAGE: "local" }), stop: async () => undefined };
}

/**
 * One bucket on a real S3-protocol server (s3rver) for every process, each with a data directory of
 * its own, as on separate machines: a file uploaded through one process is served, and its jobs run,
 * by any other only through the bucket.
 */
export async function s3ClusterStorage(root: string): Promise<ClusterStorage> {
  const s3 = await startS3Server();
  return {
    envFor: (index) => {
      const dataDir = path.join(root, `data-${index}`);
      mkdirSync(dataDir, { recursive: true });
      return { DATA_DIR: dataDir, ...s3.env };
    },
    stop: () => s3.stop(),
  };
}

export interface ClusterNode {
  name: string;
  url: string;
  pid: number;
  /** Its DATA_DIR. */
  dataDir: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** The process's JSON log lines (pino), parsed; other lines are skipped. */
  logLines(): Record<string, unknown>[];
}

export interface Cluster {
  nodes: ClusterNode[];
  /** The harness's own connection to the cluster's database, to seed and to look at. */
  database: Database;
  meili: RunningMeili;
  admin: { email: string; password: string };
  /** Every process the harness started: the API processes, Meilisearch and its guard. */
  pids: number[];
  /** Stops the API processes (SIGTERM, then SIGKILL to the group), Meilisearch, storage, and drops the database. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** How many API processes (default 2). */
  processes?: number;
  /** Postgres server to create the cluster's database on (default DATABASE_URL, else 127.0.0.1:5432). */
  serverUrl?: string;
  /** Extra environment for every API process. */
  env?: Record<string, string>;
  /** The file store; default a directory shared by every process. */
  storage?: (root: string) => Promise<ClusterStorage> | ClusterStorage;
  /** Runs on the migrated database before any process starts (bench corpora). */
  seed?: (database: Database) => Promise<void>;
}

const READY = /running at (http:\/\/\S+)/;
const START_TIMEOUT_MS = 90_000;

export const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
  return !isAlive(pid);
}

/** Sends `signal` to the process group the child leads (it was spawned detached). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}

async function stopApiProcess(child: ChildProcess) {
  if (child.pid === undefined) return;
  signalGroup(child, "SIGTERM");
  if (!(await waitGone(child.pid, 10_000))) signalGroup(child, "SIGKILL");
  await waitGone(child.pid, 5000);
}

function startApiProcess(
  name: string,
  env: Record<string, string>,
): { child: ChildProcess; node: Promise<ClusterNode> } {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: apiDir,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // its own process group, so stopping it reaches whatever it started
    detached: true,
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    out += String(d);
  });
  const node = (async (): Promise<ClusterNode> => {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!READY.test(out)) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited: ${out}`);
      if (Date.now() > deadline)
        throw new Error(`${name} did not start within ${START_TIMEOUT_MS / 1000} s: ${out}`);
      await sleep(50);
    }
    return {
      name,
      url: READY.exec(out)?.[1] ?? "",
      pid: child.pid ?? 0,
      dataDir: env.DATA_DIR ?? "",
      output: () => out,
      logLines: () =>
        out.split("\n").flatMap((line) => {
          if (!line.startsWith("{")) return [];
          try {
            return [JSON.parse(line) as Record<string, unknown>];
          } catch {
            return [];
          }
        }),
    };
  })();
  return { child, node };
}

/**
 * A fresh database on the Postgres server (migrated once here, as a release step would, before any
 * process starts), an admin, one Meilisearch, the file store, then `processes` API processes
 * started side by side.
 */
export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  const serverUrl = opts.serverUrl ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const root = mkdtempSync(path.join(tmpdir(), "pitchside-cluster-"));
  const name = `pitchside_cluster_${randomBytes(6).toString("hex")}`;
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const children: ChildProcess[] = [];
  let meili: RunningMeili | null = null;
  let storage: ClusterStorage | null = null;
  let database: Database | null = null;

  const stop = async () => {
    await Promise.all(children.map(stopApiProcess));
    await meili?.stop();
    await storage?.stop();
    await database?.close();
    await dropNamedDatabase(serverUrl, name);
    rmSync(root, { recursive: true, force: true });
  };

  try {
    database = await openNamedDatabase(serverUrl, name);
    const admin = {
      email: "cluster-admin@example.test",
      password: `cluster-${randomBytes(12).toString("hex")}`,
    };
    await createUser(database.db, { ...admin, name: "Cluster admin", role: "admin" });
    await opts.seed?.(database);
    meili = await spawnMeili({ binary: process.env.MEILI_BINARY, dataDir: path.join(root, "meili") });
    storage = await (opts.storage ?? sharedDirectoryStorage)(root);
    const common: Record<string, string> = {
      DATABASE_URL: databaseUrl,
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: meili.masterKey,
      // no SESSION_SECRET: the processes adopt the first one's secret through the database
      HOST: "127.0.0.1",
      PORT: "0",
      PITCHSIDE_DEMO: "0",
      PITCHSIDE_ADMIN_EMAIL: "",
      PITCHSIDE_ADMIN_PASSWORD: "",
      LOG_LEVEL: "info",
      SOFFICE_PATH: "off",
      FFMPEG_PATH: "off",
      // two cores shared by every process: a slow answer must not open the search breaker
      SEARCH_TIMEOUT_MS: "5000",
      ...opts.env,
    };
    const started = Array.from({ length: opts.processes ?? 2 }, (_, i) => {
      const letter = String.fromCharCode(65 + i);
      const { child, node } = startApiProcess(letter, { ...common, ...storage?.envFor(i) });
      children.push(child);
      return node;
    });
    // all settled: a process that failed to start must not leave another's wait unobserved
    const settled = await Promise.allSettled(started);
    const failed = settled.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
    const nodes = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const meiliPids = [meili.pid, await meili.processId()].filter((p): p is number => p !== undefined);
    return { nodes, database, meili, admin, pids: [...nodes.map((n) => n.pid), ...meiliPids], stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Signs in on `node` as the extension does and returns the bearer token. */
export async function clusterToken(node: ClusterNode, user: { email: string; password: string }) {
  const res = await fetch(`${node.url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: node.url },
    body: JSON.stringify({ ...user, client: "extension" }),
  });
  const body = (await res.json()) as { result?: { data?: { token?: string } } };
  const token = body.result?.data?.token;
  if (!res.ok || !token)
    throw new Error(`sign-in on ${node.name} failed: ${res.status} ${JSON.stringify(body)}`);
  return token;
}

/** A typed client of one process, acting with `token`. */
export function clusterClient(node: ClusterNode, token?: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${node.url}/trpc`,
        headers: () => ({ origin: node.url, ...(token ? { authorization: `Bearer ${token}` } : {}) }),
      }),
    ],
  });
}
