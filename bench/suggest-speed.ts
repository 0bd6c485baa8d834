/**
 * Suggestion speed: suggest.forContext over HTTP at a library of 10,000 generated assets with a
 * sales history (deals whose contacts match recipients, touches that feed the track record).
 * Two kinds of caller: the extension (signals detected in the browser, recipients to match a
 * deal) and the portal's paste box (the message text, analysed on the server).
 *
 *   node --import tsx bench/suggest-speed.ts                 # 10,000 assets, 10 rounds
 *   node --import tsx bench/suggest-speed.ts --size 2000 --rounds 3
 */

import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  dealContacts,
  deals,
  demoTaxonomy,
  ingestEvents,
  makeUser,
  type NewEvent,
  spawnMeili,
  startServerWith,
  upsertTerms,
} from "@pitchside/api/testing";
import { detectSignals } from "@pitchside/shared";
import { insertCorpus } from "./corpus-db";
import { percentile, summary } from "./stats";
import { evalContexts } from "./suggest-eval/contexts";
import { longEvalContexts } from "./suggest-eval/contexts-long";

const { values: args } = parseArgs({
  options: { size: { type: "string", default: "10000" }, rounds: { type: "string", default: "10" } },
});
const size = Number(args.size);
const rounds = Number(args.rounds);
const DEALS = 500;

const dir = mkdtempSync(path.join(tmpdir(), "pitchside-suggest-bench-"));
const meili = await spawnMeili({ binary: process.env.MEILI_BINARY, dataDir: path.join(dir, "meili") });
const server = await startServerWith(meili, { LOG_LEVEL: "silent" });
const { db } = server.deps.database;

try {
  await upsertTerms(db, server.deps.bus, null, demoTaxonomy);
  await server.deps.searchIndex.syncSynonyms();
  const rep = await makeUser(db, { role: "rep" });
  const started = performance.now();
  const assetIds = await insertCorpus(db, 0, size);
  await server.deps.searchIndex.drain();

  // a sales history: deals with a contact each, several assets used on each
  const dealRows = await db
    .insert(deals)
    .values(
      Array.from({ length: DEALS }, (_, i) => ({
        name: `Deal ${i}`,
        accountName: `Account ${i}`,
        accountDomain: `account${i}.example`,
        stage: i % 3 === 0 ? "closed_won" : i % 3 === 1 ? "closed_lost" : "proposal",
        status: i % 3 === 0 ? ("won" as const) : i % 3 === 1 ? ("lost" as const) : ("open" as const),
        closedAt: i % 3 === 2 ? null : new Date(),
        amount: "50000.00",
        ownerId: rep.id,
      })),
    )
    .returning({ id: deals.id });
  await db
    .insert(dealContacts)
    .values(
      dealRows.map((d, i) => ({ dealId: d.id, email: `buyer${i}@account${i}.example`, title: "VP Finance" })),
    );
  const history: NewEvent[] = dealRows.flatMap((d, i) =>
    Array.from({ length: 6 }, (_, k) => ({
      id: randomUUID(),
      type: "shared" as const,
      userId: rep.id,
      assetId: assetIds[(i * 37 + k * 101) % assetIds.length] ?? null,
      dealId: d.id,
      shareId: null,
      surface: "gmail" as const,
      at: new Date(Date.now() - 86_400_000),
      props: {},
    })),
  );
  await ingestEvents(db, history);
  console.log(
    `database: ${server.deps.database.kind}; ${size.toLocaleString("en")} assets, ${DEALS} deals, ${history.length} uses; ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const { token } = (await server
    .client()
    .auth.login.mutate({ email: rep.email, password: rep.password, client: "extension" })) as {
    token: string;
  };
  const taxonomy = await server.client({ token }).taxonomy.list.query();
  type Input = Parameters<ReturnType<typeof server.client>["suggest"]["forContext"]["query"]>[0];
  const extension: Input[] = evalContexts.map((c, i) => {
    const s = detectSignals(c.text ?? "", taxonomy);
    return {
      surface: "gmail",
      recipientEmails: [`buyer${(i * 7) % DEALS}@account${(i * 7) % DEALS}.example`],
      signals: { competitors: s.competitors, objections: s.objections, keywords: s.keywords },
      language: s.language,
      ...(c.stage ? { stage: c.stage } : {}),
    };
  });
  const toPortal = (c: (typeof evalContexts)[number]): Input => ({
    surface: "portal",
    ...(c.text ? { text: c.text } : {}),
    ...(c.stage ? { stage: c.stage } : {}),
    ...(c.title ? { title: c.title } : {}),
  });
  const portal = evalContexts.map(toPortal);
  // whole threads pasted: quoted replies, forwards and signatures to read
  const portalLong = longEvalContexts.map(toPortal);

  const empty = new Set<string>();
  const call = async (input: Input) => {
    const t = performance.now();
    const res = await fetch(
      `${server.url}/trpc/suggest.forContext?input=${encodeURIComponent(JSON.stringify(input))}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const body = (await res.json()) as { result?: { data?: { items?: unknown[] } } };
    const items = body.result?.data?.items;
    if (!res.ok || !items) throw new Error(`suggest failed: ${res.status} ${JSON.stringify(body)}`);
    if (items.length === 0) empty.add(JSON.stringify(input));
    return performance.now() - t;
  };
  for (const input of [...extension, ...portal].slice(0, 20)) await call(input);
  const fromExtension: number[] = [];
  const fromPortal: number[] = [];
  const fromPortalLong: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const input of extension) fromExtension.push(await call(input));
    for (const input of portal) fromPortal.push(await call(input));
    for (const input of portalLong) fromPortalLong.push(await call(input));
  }
  const all = [...fromExtension, ...fromPortal, ...fromPortalLong];
  console.log(summary("extension (signals + recipients)", fromExtension));
  console.log(summary("portal (message text)", fromPortal));
  console.log(summary("portal (long emails)", fromPortalLong));
  console.log(summary("all", all));
  console.log(
    `contexts with no suggestion: ${empty.size} of ${extension.length + portal.length + portalLong.length}`,
  );
  console.log(`goal p95 < 50 ms: ${percentile(all, 95) < 50 ? "met" : "NOT met"}`);
} finally {
  await server.close();
  await meili.stop();
  rmSync(dir, { recursive: true, force: true });
}
