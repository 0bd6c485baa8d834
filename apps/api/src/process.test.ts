import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
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
