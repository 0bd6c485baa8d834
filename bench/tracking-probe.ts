/**
 * Issue 15's hostile probe of tracking, replayed against the real server: backdated
 * events on won deals (finding 6), a captured CRM delivery replayed after the close
 * (finding 5), and a poisoned viewer beacon (finding 7). Prints what each attack got.
 *
 *   node --import tsx bench/tracking-probe.ts
 */

import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  BROWSER_UA,
  deals,
  loginToken,
  makeAsset,
  makeDeal,
  makeUser,
  postCrm,
  signCrmPayload,
  spawnMeili,
  startServerWith,
  trackRecords,
} from "@pitchside/api/testing";
import { eq } from "drizzle-orm";

const SECRET = "probe-secret-0123456789abcdef";
const dir = mkdtempSync(path.join(tmpdir(), "pitchside-probe-"));
const meili = await spawnMeili({ binary: process.env.MEILI_BINARY, dataDir: path.join(dir, "meili") });
const server = await startServerWith(meili, { LOG_LEVEL: "silent", CRM_WEBHOOK_SECRET: SECRET });
const { db } = server.deps.database;
const print = (what: string, figure: string | number) => console.log(`${what.padEnd(72)} ${figure}`);

try {
  const u = await makeUser(db, { role: "admin" });
  const token = await loginToken(server, u.email, u.password);
  const c = server.client({ token });

  // finding 6: link_inserted dated 2001-01-01 on 17 won deals, one lost deal touched honestly
  const asset = await makeAsset(db, server.deps.storage, { title: "Probe case study" });
  const won = await Promise.all(
    Array.from({ length: 17 }, () =>
      makeDeal(db, {
        ownerId: u.id,
        status: "won",
        stage: "closed_won",
        createdAt: new Date("2000-01-01T00:00:00Z"),
        closedAt: new Date("2002-01-01T00:00:00Z"),
      }),
    ),
  );
  const result = await c.events.track.mutate({
    events: won.map((d) => ({
      id: randomUUID(),
      type: "link_inserted" as const,
      assetId: asset.assetId,
      dealId: d.id,
      surface: "gmail" as const,
      at: "2001-01-01T00:00:00Z",
    })),
  });
  const record = (await trackRecords(db, [asset.assetId])).get(asset.assetId) ?? { won: 0, closed: 0 };
  print(
    "6. backdated link_inserted on 17 won deals: accepted / rejected",
    `${result.accepted} / ${result.rejected.length}`,
  );
  print("   asset's track record afterwards (won of closed)", `${record.won} of ${record.closed}`);

  // finding 5: a 'proposal' delivery captured, the deal closes, the capture is replayed and re-signed
  const now = () => Math.floor(Date.now() / 1000);
  const proposal = JSON.stringify({
    externalId: "PROBE-1",
    updatedAt: new Date(Date.now() - 30_000).toISOString(),
    name: "Probe deal",
    stage: "proposal",
  });
  const ts = now();
  const captured = { raw: proposal, timestamp: ts, signature: signCrmPayload(SECRET, String(ts), proposal) };
  await postCrm(server.url, SECRET, null, captured);
  await postCrm(server.url, SECRET, {
    externalId: "PROBE-1",
    updatedAt: new Date().toISOString(),
    name: "Probe deal",
    stage: "closed_won",
  });
  const replay = await postCrm(server.url, SECRET, null, captured);
  const resigned = await postCrm(server.url, SECRET, null, { raw: proposal, timestamp: ts - 1 });
  const [after] = await db.select().from(deals).where(eq(deals.externalId, "PROBE-1"));
  print("5. captured proposal replayed after closed_won: status", replay.status);
  print(
    "   the same body re-signed: status, body",
    `${resigned.status} ${JSON.stringify({ ignored: resigned.body?.ignored })}`,
  );
  print("   deal stage afterwards", after?.stage ?? "?");
  const ahead = await postCrm(
    server.url,
    SECRET,
    { externalId: "PROBE-2", name: "x", stage: "proposal", updatedAt: new Date().toISOString() },
    { timestamp: now() + 120 },
  );
  print("   timestamp 120 s ahead: status", ahead.status);

  // finding 7: a Markdown document's link, poisoned
  const md = await makeAsset(db, server.deps.storage, {
    source: "markdown",
    file: { data: "# Card", kind: "markdown", fileName: "card.md" },
  });
  const link = await c.shares.create.mutate({ assetId: md.assetId });
  const beacon = (body: unknown, ua = BROWSER_UA) =>
    fetch(`${server.url}/api/v/${link.token}/events`, {
      method: "POST",
      headers: { "content-type": "text/plain;charset=UTF-8", "user-agent": ua },
      body: JSON.stringify(body),
    });
  const claim = (page: number) =>
    Array.from({ length: 20 }, () => ({
      id: randomUUID(),
      type: "page",
      page,
      activeMs: 1_800_000,
      visitorId: "poison-0001",
    }));
  print(
    "7. 20 x {page: 99999, activeMs: 1800000} on a Markdown document: status",
    (await beacon(claim(99_999))).status,
  );
  const started = Date.now();
  await beacon({ type: "open", visitorId: "poison-0001" });
  await beacon(claim(1));
  const credited = (await c.shares.list.query({ assetId: md.assetId }))[0]?.activeMs ?? 0;
  print(
    "   the same on page 1: reading time credited (claimed 10 h)",
    `${(credited / 1000).toFixed(1)} s after ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  for (let i = 0; i < 40; i += 1) await beacon({ type: "open", visitorId: `rotating-visitor-${i}` });
  print(
    "   40 opens with rotating visitor ids: unique visitors counted",
    (await c.shares.list.query({ assetId: md.assetId }))[0]?.uniqueVisitors ?? 0,
  );
  let refused = 0;
  for (let n = 0; n < 12; n += 1) {
    for (let i = 0; i < 60; i += 1)
      if (
        (await beacon({ type: "open", visitorId: `flood-${n}-${i}-visitor` }, `curl/8.${n}.0`)).status === 429
      )
        refused += 1;
  }
  const prospect: number[] = [];
  for (let i = 0; i < 15; i += 1)
    prospect.push(
      (await beacon({ type: "open", visitorId: "real-prospect" }, "Mozilla/5.0 (Macintosh) Safari/605.1.15"))
        .status,
    );
  print("   flood of 720 beacons from 12 clients: refused", refused);
  print(
    "   the prospect arriving after: beacons accepted",
    `${prospect.filter((s) => s === 204).length} of ${prospect.length}`,
  );
} finally {
  await server.close();
  await meili.stop();
  rmSync(dir, { recursive: true, force: true });
}
