/**
 * The probe of issue 15, finding 1: two parallel anonymous `POST /trpc/auth.login` with 300 MB
 * bodies. Prints the API process's RSS before, at its peak during, and after, and the status codes,
 * once with a declared Content-Length and once chunked (the goal: +<50 MB, 413).
 *
 *   node --import tsx bench/body-limit.ts
 *
 * Knobs (env): BENCH_BODY_MB (300), BENCH_PARALLEL (2).
 * The server runs in a child process (this file with --serve) so its RSS is its own.
 */

import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MB, openPglite, rawPost } from "@pitchside/api/testing";
import { serveWithoutSearch } from "./api-without-search";

interface Memory {
  rss: number;
  peak: number;
}

/** Child: the API on an in-memory database, answering "memory" with its RSS and the peak since last asked. */
async function serve() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "pitchside-bench-"));
  const database = await openPglite(undefined);
  await database.migrate();
  // login never touches search
  const { url, server } = await serveWithoutSearch(database, dataDir);
  let peak = process.memoryUsage().rss;
  setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10).unref();
  process.send?.({ url });
  process.on("message", async (msg) => {
    if (msg === "memory") {
      global.gc?.();
      const rss = process.memoryUsage().rss;
      process.send?.({ rss, peak: Math.max(peak, rss) } satisfies Memory);
      peak = rss;
    }
    if (msg === "stop") {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    }
  });
}

const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;

async function drive() {
  const bodyMb = Number(process.env.BENCH_BODY_MB ?? 300);
  const parallel = Number(process.env.BENCH_PARALLEL ?? 2);
  const child = fork(fileURLToPath(import.meta.url), ["--serve"], {
    execArgv: ["--import", "tsx", "--expose-gc"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const { url } = await new Promise<{ url: string }>((resolve) =>
    child.once("message", (m) => resolve(m as { url: string })),
  );
  const memory = () =>
    new Promise<Memory>((resolve) => {
      child.once("message", (m) => resolve(m as Memory));
      child.send("memory");
    });
  // one ordinary login first, so what is measured is the bodies, not the first request's warm-up
  await fetch(`${url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "nobody@example.test", password: "not-a-password" }),
  });
  console.log(`${parallel} parallel anonymous POST /trpc/auth.login, ${bodyMb} MB each`);
  console.log("body           | statuses  | body sent per request | RSS before | peak   | after  | growth");
  for (const chunked of [false, true]) {
    const before = await memory();
    const t0 = performance.now();
    const answers = await Promise.all(
      Array.from({ length: parallel }, () =>
        rawPost(`${url}/trpc/auth.login`, { bytes: bodyMb * MB, chunked }),
      ),
    );
    const ms = Math.round(performance.now() - t0);
    const after = await memory();
    console.log(
      [
        (chunked ? "chunked" : "Content-Length").padEnd(14),
        answers
          .map((a) => a.status)
          .join(", ")
          .padEnd(9),
        `${answers.map((a) => mb(a.sent)).join(", ")} (${ms} ms)`.padEnd(21),
        mb(before.rss).padEnd(10),
        mb(after.peak).padEnd(6),
        mb(after.rss).padEnd(6),
        `+${mb(Math.max(0, after.peak - before.rss))} peak, +${mb(Math.max(0, after.rss - before.rss))} after`,
      ].join(" | "),
    );
  }
  child.send("stop");
}

if (process.argv[2] === "--serve") await serve();
else await drive();
