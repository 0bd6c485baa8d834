import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The way `pnpm start` runs it: one node process, TypeScript loaded by tsx. */
const node = (args: string[]) => [process.execPath, ["--import", "tsx", ...args]] as const;
const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) child.kill("SIGKILL");
});

/** Starts the real server as `pnpm start` does and waits for its ready line. */
async function startServer(dataDir: string, extraEnv: Record<string, string> = {}) {
  const child = spawn(...node(["src/main.ts"]), {
    cwd: apiDir,
    // the data-dir lock guards the embedded database: these run on PGlite whatever the suite uses
    env: {
      ...process.env,
      DATABASE_URL: "",
      DATA_DIR: dataDir,
      PORT: "0",
      LOG_LEVEL: "info",
      PITCHSIDE_DEMO: "0",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let out = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    out += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (!/running at (http:\/\/\S+)/.test(out)) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    if (Date.now() > deadline) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = /running at (http:\/\/\S+)/.exec(out)?.[1] ?? "";
  const guardPid = Number(/"url":"[^"]+","pid":(\d+)/.exec(out)?.[1]);
  return { child, url, guardPid, exited, output: () => out };
}

function meiliPidsUnder(guardPid: number): number[] {
  try {
    return execFileSync("pgrep", ["-P", String(guardPid), "meilisearch"], { encoding: "utf8" })
      .trim()
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

describe("server process", () => {
  it("stops Meilisearch within seconds when the API is killed with SIGKILL", async () => {
    const server = await startServer(mkdtempSync(path.join(tmpdir(), "pitchside-kill-")));
    const [meiliPid] = meiliPidsUnder(server.guardPid);
    expect(meiliPid).toBeGreaterThan(0);
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    server.child.kill("SIGKILL");
    expect(await waitGone(meiliPid ?? 0, 5000)).toBe(true);
  });

  it("shuts down cleanly on SIGTERM, and a second server or the CLI is refused while it runs", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "pitchside-term-"));
    const server = await startServer(dataDir);
    const [meiliPid] = meiliPidsUnder(server.guardPid);

    const cli = spawn(...node(["src/cli/main.ts", "migrate"]), {
      cwd: apiDir,
      env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir },
    });
    let cliOut = "";
    cli.stderr?.on("data", (d) => {
      cliOut += String(d);
    });
    const cliCode = await new Promise((resolve) => cli.on("exit", resolve));
    expect(cliCode).toBe(1);
    expect(cliOut).toMatch(/is in use by a running Pitchside server \(pid \d+\)/);

    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(await waitGone(meiliPid ?? 0, 5000)).toBe(true);
  });

  // a start takes seconds on a busy machine: these two start a server each and wait for its exit
  it("on SIGTERM stops accepting, lets a request in flight finish, then exits 0 leaving nothing behind", {
    timeout: 180_000,
  }, async () => {
    const server = await startServer(mkdtempSync(path.join(tmpdir(), "pitchside-drain-")));
    const [meiliPid] = meiliPidsUnder(server.guardPid);
    const body = JSON.stringify({ email: "nobody@example.test", password: "not-the-password" });
    // a slow client: half of its body now, the rest after the signal
    const req = request(`${server.url}/trpc/auth.login`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        origin: server.url,
      },
    });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req.on("response", (res) => {
        let text = "";
        res.on("data", (d) => {
          text += String(d);
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on("error", reject);
    });
    req.write(body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 300));

    server.child.kill("SIGTERM");
    while (!server.output().includes("shutting down")) await new Promise((r) => setTimeout(r, 50));
    // no new connections once the signal is seen
    await expect(fetch(`${server.url}/health/live`)).rejects.toThrow();
    req.end(body.slice(10));
    const answered = await response;
    expect(answered.status).toBe(401);
    expect(JSON.parse(answered.text)).toMatchObject({ error: { data: { code: "UNAUTHORIZED" } } });
    expect(await server.exited).toBe(0);
    expect(await waitGone(meiliPid ?? 0, 5000)).toBe(true);
    expect(server.output()).toMatch(/"msg":"stopped"/);
  });

  it("cuts off a request still running at SHUTDOWN_TIMEOUT_SECONDS and still exits 0", {
    timeout: 180_000,
  }, async () => {
    const server = await startServer(mkdtempSync(path.join(tmpdir(), "pitchside-cut-")), {
      SHUTDOWN_TIMEOUT_SECONDS: "1",
    });
    const req = request(`${server.url}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": 1000, origin: server.url },
    });
    const closed = new Promise<void>((resolve) => req.on("error", () => resolve()));
    req.write("{");
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill("SIGTERM");
    await closed; // the server hung up on the client that never finished
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/requests still in flight at the shutdown deadline are cut off/);
  });

  it("refuses to start on a bad variable with one line naming it", async () => {
    const child = spawn(...node(["src/main.ts"]), {
      cwd: apiDir,
      env: { ...process.env, DATA_DIR: mkdtempSync(path.join(tmpdir(), "pitchside-bad-")), PORT: "eighty" },
    });
    let err = "";
    child.stderr?.on("data", (d) => {
      err += String(d);
    });
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(err.trim()).toMatch(/^Invalid configuration: PORT .*$/);
  });
});
