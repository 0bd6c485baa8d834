/**
 * Sign-in throttling under parallel guessing: N wrong passwords for one account sent at once from
 * one address, against the real server. Prints how many were checked (401) and how many refused
 * before checking (429), then whether the right password works from that address (it must not) and
 * from an address that never failed (it must). The goal: at most 5 × 401 whatever N.
 *
 *   node --import tsx bench/login-throttle.ts              # 30 and 200 in parallel
 *   node --import tsx bench/login-throttle.ts --counts 30,200,1000
 *
 * The server trusts X-Forwarded-For from loopback (TRUST_PROXY=loopback), so each run can stand
 * for an attacker's and a real user's address; every run uses an account of its own.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { spawnMeili } from "../apps/api/src/search/meili-process";
import { startServerWith } from "../apps/api/src/test/app-server";
import { makeUser } from "../apps/api/src/test/factories";

const { values: args } = parseArgs({ options: { counts: { type: "string", default: "30,200" } } });
const counts = (args.counts ?? "")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);

const dir = mkdtempSync(path.join(tmpdir(), "pitchside-bench-"));
const meili = await spawnMeili({ binary: process.env.MEILI_BINARY, dataDir: path.join(dir, "meili") });
const server = await startServerWith(meili, { LOG_LEVEL: "silent", TRUST_PROXY: "loopback" });

async function signIn(email: string, password: string, address: string): Promise<number> {
  const res = await fetch(`${server.url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url, "x-forwarded-for": address },
    body: JSON.stringify({ email, password }),
  });
  await res.arrayBuffer();
  return res.status;
}

try {
  console.log(
    "parallel wrong passwords | 401 (checked) | 429 (refused) | other | ms | right password: same address / new address",
  );
  for (const [run, n] of counts.entries()) {
    const victim = await makeUser(server.deps.database.db, { role: "admin" });
    const attacker = `203.0.113.${run + 1}`;
    const started = performance.now();
    const statuses = await Promise.all(
      Array.from({ length: n }, (_, i) => signIn(victim.email, `wrong-password-${i}`, attacker)),
    );
    const ms = Math.round(performance.now() - started);
    const checked = statuses.filter((s) => s === 401).length;
    const refused = statuses.filter((s) => s === 429).length;
    const sameAddress = await signIn(victim.email, victim.password, attacker);
    const newAddress = await signIn(victim.email, victim.password, `198.51.100.${run + 1}`);
    console.log(
      `${String(n).padStart(24)} | ${String(checked).padStart(13)} | ${String(refused).padStart(13)} | ${String(n - checked - refused).padStart(5)} | ${String(ms).padStart(4)} | ${sameAddress} / ${newAddress}`,
    );
  }
} finally {
  await server.close();
  await meili.stop();
  rmSync(dir, { recursive: true, force: true });
}
