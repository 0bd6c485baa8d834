/**
 * Suggestion quality: hit@1, hit@3 and MRR of suggest.forContext over the
 * labelled contexts, through the real server (HTTP, PGlite, Meilisearch).
 *
 *   node --import tsx bench/suggest-eval/run.ts [--verbose]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { dealContacts, deals } from "../../apps/api/src/db/schema";
import { spawnMeili } from "../../apps/api/src/search/meili-process";
import { upsertTerms } from "../../apps/api/src/taxonomy/taxonomy-service";
import { startServerWith, type TestServer } from "../../apps/api/src/test/app-server";
import { makeAsset, makeUser } from "../../apps/api/src/test/factories";
import { evalContexts } from "./contexts";
import { evalLibrary, evalTaxonomy } from "./library";

/** Boots a server holding the evaluation library; returns the rep's token and the asset ids by key. */
export async function bootEvalServer(dir: string) {
  const meili = await spawnMeili({ binary: process.env.MEILI_BINARY, dataDir: path.join(dir, "meili") });
  const server: TestServer = await startServerWith(meili, { LOG_LEVEL: "silent" });
  const { db } = server.deps.database;
  await upsertTerms(db, null, evalTaxonomy);
  await server.deps.searchIndex.syncSynonyms();
  const marketer = await makeUser(db, { role: "marketer" });
  const rep = await makeUser(db, { role: "rep" });
  const idByKey = new Map<string, string>();
  for (const { key, ...meta } of evalLibrary) idByKey.set(key, await makeAsset(db, marketer, meta));
  await server.deps.searchIndex.drain();
  const login = (await server
    .client()
    .auth.login.mutate({ email: rep.email, password: rep.password, client: "extension" })) as {
    token: string;
  };
  return { meili, server, repId: rep.id, token: login.token, idByKey };
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const { values } = parseArgs({ options: { verbose: { type: "boolean", default: false } } });
  const dir = mkdtempSync(path.join(tmpdir(), "pitchside-eval-"));
  const { meili, server, repId, token, idByKey } = await bootEvalServer(dir);
  const keyById = new Map([...idByKey].map(([k, v]) => [v, k]));
  try {
    const { db } = server.deps.database;
    let hit1 = 0;
    let hit3 = 0;
    let mrr = 0;
    for (const [i, c] of evalContexts.entries()) {
      let recipientEmails: string[] | undefined;
      if (c.deal) {
        const email = `contact${i}@account${i}.example`;
        const [deal] = await db
          .insert(deals)
          .values({
            name: `Deal ${c.id}`,
            accountDomain: `account${i}.example`,
            stage: c.deal.stage,
            industry: c.deal.industry,
            ownerId: repId,
          })
          .returning({ id: deals.id });
        await db.insert(dealContacts).values({ dealId: deal?.id ?? "", email, title: c.deal.contactTitle });
        recipientEmails = [email];
      }
      const result = await server.client({ token }).suggest.forContext.query({
        text: c.text,
        stage: c.stage,
        title: c.title,
        recipientEmails,
        limit: 10,
      });
      const keys = result.items.map((item) => keyById.get(item.asset.id) ?? "?");
      const rank = keys.indexOf(c.expect) + 1;
      if (rank === 1) hit1++;
      if (rank >= 1 && rank <= 3) hit3++;
      if (rank >= 1) mrr += 1 / rank;
      if (values.verbose || rank !== 1) {
        console.log(
          `${rank === 1 ? "✓" : rank > 0 && rank <= 3 ? "~" : "✗"} ${c.id.padEnd(22)} want ${c.expect.padEnd(22)} rank ${rank || "-"}  top: ${keys.slice(0, 3).join(", ")}` +
            `  [stage ${result.context.stage}, persona ${result.context.persona}, comp ${result.context.competitors}, obj ${result.context.objections}]`,
        );
      }
    }
    const n = evalContexts.length;
    console.log(`\n${n} contexts, ${evalLibrary.length} assets`);
    console.log(
      `hit@1 ${(hit1 / n).toFixed(3)}  hit@3 ${(hit3 / n).toFixed(3)}  MRR ${(mrr / n).toFixed(3)}`,
    );
  } finally {
    await server.close();
    await meili.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
