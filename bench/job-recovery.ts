/**
 * Crash recovery: the API as a child process on the embedded database (PGlite), a slow job
 * (processing a 400-page PDF) and an upload half sent when the process is killed with SIGKILL; then
 * a restart, and the seconds until the job runs again and whether the partial upload is gone.
 * Goal: the job runs again within 30 s of the kill (it took 10 minutes before leases).
 *
 *   node --import tsx bench/job-recovery.ts [--pages 400]
 */

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { makePdf, repoRoot, uploadFile, uploadStagingDir } from "@pitchside/api/testing";

const { values: args } = parseArgs({ options: { pages: { type: "string", default: "400" } } });
const dataDir = mkdtempSync(path.join(tmpdir(), "pitchside-bench-recovery-"));
const admin = { email: "admin@bench.example", password: "bench-recovery-password-1" };

interface LogLine {
  msg?: string;
  job?: number;
  kind?: string;
  attempt?: number;
}

/** The API as `pnpm start` runs it, with its JSON log lines handed to `onLine`. */
function startApi(onLine: (line: LogLine) => void): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/api/src/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: "0",
      DATABASE_URL: "",
      PITCHSIDE_DEMO: "0",
      PITCHSIDE_ADMIN_EMAIL: admin.email,
      PITCHSIDE_ADMIN_PASSWORD: admin.password,
      SOFFICE_PATH: "off",
      FFMPEG_PATH: "off",
      LOG_LEVEL: "debug",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = new Promise<string>((resolve, reject) => {
    child.on("exit", (code, signal) =>
      reject(new Error(`the API exited (${signal ?? code}) before it was ready`)),
    );
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (text) => {
      const ready = /Pitchside is running at (\S+)/.exec(text);
      if (ready?.[1]) resolve(ready[1]);
      if (text.startsWith("{")) onLine(JSON.parse(text) as LogLine);
      else if (process.env.BENCH_VERBOSE) console.log(`  [api] ${text}`);
    });
  });
  return { child, url };
}

const waitFor = <T>(make: (resolve: (value: T) => void) => void, what: string, ms: number) =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${what} within ${ms / 1000} s`)), ms);
    make((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ ...admin, client: "extension" }),
  });
  const body = (await res.json()) as { result?: { data?: { token?: string } } };
  const token = body.result?.data?.token;
  if (!token) throw new Error(`sign-in failed: ${res.status}`);
  return token;
}

/** An upload that sends its first megabytes and then stalls, as a slow connection would. */
function stalledUpload(url: string, token: string): void {
  const boundary = "----pitchside-bench";
  const request = http.request(`${url}/api/uploads`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": `multipart/form-data; boundary=${boundary}`,
    },
  });
  request.on("error", () => {}); // the server is about to be killed
  request.write(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n` +
      "Content-Type: application/pdf\r\n\r\n",
  );
  request.write(Buffer.alloc(3 * 1024 * 1024, 0x25));
}

function stagedFiles(): { files: number; bytes: number } {
  const dir = uploadStagingDir(dataDir);
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    // not made yet
  }
  const bytes = names.reduce((sum, name) => sum + statSync(path.join(dir, name)).size, 0);
  return { files: names.length, bytes };
}

const staged = () => {
  const { files, bytes } = stagedFiles();
  return `${files} file(s), ${(bytes / 1024 / 1024).toFixed(1)} MB`;
};

const seconds = (from: number, to: number) => `${((to - from) / 1000).toFixed(1)} s`;

let jobId: number | undefined;
const listeners = new Set<(line: LogLine) => void>();
const onLine = (line: LogLine) => {
  for (const listener of listeners) listener(line);
};
const watch = (match: (line: LogLine) => boolean, what: string, ms: number) =>
  waitFor<LogLine>(
    (resolve) => {
      const listener = (line: LogLine) => {
        if (!match(line)) return;
        listeners.delete(listener);
        resolve(line);
      };
      listeners.add(listener);
    },
    what,
    ms,
  );

let second: ChildProcess | undefined;
try {
  const first = startApi(onLine);
  const url = await first.url;
  const token = await signIn(url);
  const pages = Number(args.pages);
  const pdf = await makePdf({
    pages: Array.from({ length: pages }, (_, i) => `Page ${i + 1}\nMutual action plan`),
  });

  const started = watch((l) => l.msg === "job started" && l.kind === "process_version", "job start", 60_000);
  const finishedEarly = watch((l) => l.msg === "job done" && l.kind === "process_version", "job", 600_000);
  const upload = await uploadFile(url, { token }, { name: "plan.pdf", data: pdf });
  if (upload.status !== 201)
    throw new Error(`upload failed: ${upload.status} ${JSON.stringify(upload.body)}`);
  jobId = (await started).job;
  stalledUpload(url, token);
  await waitFor<void>(
    (resolve) => {
      const poll = setInterval(() => {
        // the first megabyte has reached the disk
        if (stagedFiles().bytes >= 1024 * 1024) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    },
    "staged upload",
    10_000,
  );
  let doneBeforeKill = false;
  void finishedEarly.then(() => {
    doneBeforeKill = true;
  });
  first.child.kill("SIGKILL");
  const killedAt = Date.now();
  await new Promise((resolve) => first.child.once("exit", resolve));
  if (doneBeforeKill) throw new Error(`job ${jobId} finished before the kill: try more --pages`);
  console.log(`killed the API (SIGKILL) while job ${jobId} processed a ${pages}-page PDF`);
  console.log(`partial uploads left in data/tmp: ${staged()}`);

  const again = watch((l) => l.msg === "job started" && l.job === jobId, "rerun", 120_000);
  const done = watch((l) => l.msg === "job done" && l.job === jobId, "job done", 600_000);
  const restart = startApi(onLine);
  second = restart.child;
  await restart.url;
  const readyAt = Date.now();
  const rerun = await again;
  const rerunAt = Date.now();
  await done;
  const doneAt = Date.now();
  console.log(`restarted: ready ${seconds(killedAt, readyAt)} after the kill`);
  console.log(
    `job ${jobId} ran again (attempt ${rerun.attempt}) ${seconds(killedAt, rerunAt)} after the kill (goal < 30 s)`,
  );
  console.log(`job ${jobId} done ${seconds(killedAt, doneAt)} after the kill`);
  console.log(`partial uploads in data/tmp after the restart: ${staged()}`);
} finally {
  if (second && second.exitCode === null) {
    second.kill("SIGTERM");
    await new Promise((resolve) => second?.once("exit", resolve));
  }
  rmSync(dataDir, { recursive: true, force: true });
}
