/**
 * What `pnpm start` holds on one box: starts the API as `pnpm start` does (demo workspace, spawned
 * Meilisearch, PGlite) on a fresh DATA_DIR, waits for the demo import and its processing to settle,
 * then prints the resident memory of the API process and of Meilisearch when settled and again
 * after a quiet period, and the JavaScript the library page downloads on a first visit (bytes on
 * the wire, as Chromium reports them).
 *
 *   pnpm --filter @pitchside/portal build && node --import tsx bench/one-box-memory.ts
 *
 * Knobs (env): BENCH_IDLE_SECONDS (60: how long to watch after settling), CHROMIUM_PATH
 * (/usr/bin/chromium; without it the page is skipped), and anything the server reads, e.g.
 * MEILI_MAX_INDEXING_MEMORY=auto to start Meilisearch without the indexing cap.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("..", import.meta.url));
const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CLOCK_TICKS = 100;
const MB = 1024 * 1024;

const statusField = (pid: number, field: string) => {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.split(/\s+/)[1] ?? 0);
};
/** Resident set in bytes. */
const rss = (pid: number) => statusField(pid, "VmRSS") * 1024;
const threads = (pid: number) => statusField(pid, "Threads");

function children(pid: number): number[] {
  const found: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      const list = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      if (list) found.push(...list.split(" ").map(Number));
    } catch {
      // the thread ended meanwhile
    }
  }
  return found;
}
function tree(pid: number): number[] {
  return [pid, ...children(pid).flatMap((c) => (existsSync(`/proc/${c}`) ? tree(c) : []))];
}
const comm = (pid: number) => readFileSync(`/proc/${pid}/comm`, "utf8").trim();
/** CPU seconds the process has used. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
const treeCpu = (pid: number) =>
  tree(pid).reduce((sum, p) => {
    try {
      return sum + cpuSeconds(p);
    } catch {
      return sum; // gone meanwhile
    }
  }, 0);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The main thread's process.memoryUsage(), through memory-probe.ts. */
function probeMemory(server: ChildProcess, stderr: { lines: string[] }): Promise<Record<string, number>> {
  return new Promise((resolve) => {
    const before = stderr.lines.length;
    server.kill("SIGUSR2");
    const poll = setInterval(() => {
      const line = stderr.lines.slice(before).find((l) => l.startsWith("memory-probe "));
      if (!line) return;
      clearInterval(poll);
      resolve(JSON.parse(line.slice("memory-probe ".length)) as Record<string, number>);
    }, 50);
  });
}

interface RunningServer {
  process: ChildProcess;
  pid: number;
  stdout: string[];
  stderr: { lines: string[] };
  waitFor(pattern: RegExp, timeoutMs: number): Promise<string>;
  stop(): Promise<void>;
}

function startServer(dataDir: string, logLevel = "warn"): RunningServer {
  const server = spawn(
    process.execPath,
    ["--import", "tsx", "--import", path.join(root, "bench/memory-probe.ts"), "src/main.ts"],
    {
      cwd: path.join(root, "apps/api"),
      env: { ...process.env, DATA_DIR: dataDir, PORT: "0", PITCHSIDE_DEMO: "1", LOG_LEVEL: logLevel },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const stdout: string[] = [];
  const stderr = { lines: [] as string[] };
  const lines = (into: string[]) => (chunk: Buffer) => {
    into.push(...chunk.toString("utf8").split("\n").filter(Boolean));
  };
  server.stdout?.on("data", lines(stdout));
  server.stderr?.on("data", lines(stderr.lines));
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  return {
    process: server,
    pid: server.pid ?? 0,
    stdout,
    stderr,
    waitFor: async (pattern, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = stdout.find((l) => pattern.test(l));
        if (hit) return hit;
        if (Date.now() > deadline || server.exitCode !== null) {
          throw new Error(
            `no "${pattern}" from the server: ${stdout.concat(stderr.lines).slice(-10).join("\n")}`,
          );
        }
        await sleep(100);
      }
    },
    stop: async () => {
      if (server.exitCode === null) server.kill("SIGINT");
      await exited;
    },
  };
}

/** Until the API and what it started (Meilisearch, LibreOffice) used under 3 % of a core for 6 s. */
async function settle(pid: number): Promise<void> {
  let last = treeCpu(pid);
  let quiet = 0;
  while (quiet < 3) {
    await sleep(2000);
    const now = treeCpu(pid);
    quiet = now - last < 0.06 ? quiet + 1 : 0;
    last = now;
  }
}

async function snapshot(server: RunningServer, label: string): Promise<void> {
  const memory = await probeMemory(server.process, server.stderr);
  const meiliPid = tree(server.pid).find((p) => comm(p) === "meilisearch");
  const meili = meiliPid ? `meilisearch ${(rss(meiliPid) / MB).toFixed(0)} MB` : "meilisearch not found";
  const mb = (key: string) => ((memory[key] ?? 0) / MB).toFixed(0);
  console.log(
    `${label.padEnd(28)} API ${(rss(server.pid) / MB).toFixed(0)} MB rss, ${threads(server.pid)} threads ` +
      `(main heap ${mb("heapUsed")} MB used of ${mb("heapTotal")}, external ${mb("external")} MB, ` +
      `arrayBuffers ${mb("arrayBuffers")} MB); ${meili}`,
  );
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "pitchside-one-box-"));
  let server = startServer(dataDir);
  try {
    const started = Date.now();
    const url = (await server.waitFor(/is running at/, 120_000)).match(/http:\/\/\S+/)?.[0] ?? "";
    await server.waitFor(/Demo deals and activity ready/, 300_000);
    const imported = Date.now();
    await settle(server.pid);
    console.log(
      `demo imported ${((imported - started) / 1000).toFixed(0)} s after start, settled ${((Date.now() - imported) / 1000).toFixed(0)} s later ` +
        `(MEILI_MAX_INDEXING_MEMORY=${process.env.MEILI_MAX_INDEXING_MEMORY ?? "(default)"})`,
    );
    await snapshot(server, "settled");
    for (let waited = 0; waited < idleSeconds; waited += 15) {
      await sleep(15_000);
      await snapshot(server, `settled + ${waited + 15} s`);
    }
    if (existsSync(chromiumPath)) await libraryPageJs(url);
    else console.log(`library page: skipped (no Chromium at ${chromiumPath})`);
    // a second start on the same data: what re-sending settings costs, or not
    await server.stop();
    server = startServer(dataDir, "info");
    const ready = await server.waitFor(/is running at/, 120_000);
    console.log(`second start on the same data: ${ready.match(/\(ready in \d+ ms\)/)?.[0] ?? ready}`);
    await snapshot(server, "second start, ready");
    await settle(server.pid);
    const logged = (msg: string) => server.stdout.filter((l) => l.includes(`"msg":"${msg}"`));
    const queued = logged("queued renditions and thumbnails that were missing")[0]?.match(
      /"queued":(\d+)/,
    )?.[1];
    console.log(
      `second start: ${queued ?? 0} renditions queued again at start, ${logged("job done").length} jobs run`,
    );
    await snapshot(server, "second start, settled");
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A rep's first visit to /library in a cold cache: the JS bytes on the wire and once decoded. */
async function libraryPageJs(url: string) {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const signIn = await browser.newContext();
    const page = await signIn.newPage();
    await page.goto(`${url}/sign-in`);
    await page.locator('input[type="email"]').fill("rep@demo.pitchside.dev");
    await page.locator('input[autocomplete="current-password"]').fill("pitchside-rep-demo");
    await page.locator('button[type="submit"]').click();
    await page.locator("nav").first().waitFor();
    const cold = await browser.newContext({ storageState: await signIn.storageState() });
    const visit = await cold.newPage();
    type Script = { wire: number; decoded: number; encoding: string };
    const scripts: Promise<Script | null>[] = [];
    visit.on("response", (response) => {
      if (!response.url().endsWith(".js")) return;
      scripts.push(
        (async () => {
          const [sizes, body, headers] = await Promise.all([
            response.request().sizes(),
            response.body(),
            response.allHeaders(),
          ]);
          return {
            wire: sizes.responseBodySize,
            decoded: body.length,
            encoding: headers["content-encoding"] ?? "identity",
          };
        })().catch(() => null), // a request still open when the browser closes
      );
    });
    await visit.goto(`${url}/library`, { waitUntil: "networkidle" });
    const all = (await Promise.all(scripts)).filter((s): s is Script => s !== null);
    const wire = all.reduce((s, x) => s + x.wire, 0);
    const decoded = all.reduce((s, x) => s + x.decoded, 0);
    const encodings = [...new Set(all.map((x) => x.encoding))].join(", ");
    console.log(
      `library page, first visit: ${all.length} scripts, ${wire.toLocaleString("en-US")} bytes on the wire ` +
        `(${encodings}), ${decoded.toLocaleString("en-US")} bytes decoded`,
    );
  } finally {
    await browser.close();
  }
}

await main();
