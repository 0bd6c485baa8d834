/**
 * What the folded search fields cost: the size of the documents sent to Meilisearch with and
 * without them, and the time spent folding, for the benchmark corpus.
 *
 *   node --import tsx bench/search-documents.ts [--size 2000]
 */

import { parseArgs } from "node:util";
import {
  type AssetDocument,
  buildAssetDocuments,
  demoTaxonomy,
  foldedText,
  localBus,
  openPglite,
  upsertTerms,
} from "@pitchside/api/testing";
import { insertCorpus } from "./corpus-db";

const { values: args } = parseArgs({ options: { size: { type: "string", default: "2000" } } });
const database = await openPglite(undefined);
try {
  await database.migrate();
  await upsertTerms(database.db, localBus(), null, demoTaxonomy);
  const ids = await insertCorpus(database.db, 0, Number(args.size));
  const { docs } = await buildAssetDocuments(database.db, ids);
  const folds = new Set<string>(["titleFold", "summaryFold", "tagsFold", "bodyFold", "pagesFold"]);
  const bytes = (list: AssetDocument[], withFolds: boolean) =>
    list.reduce(
      (n, doc) =>
        n +
        Buffer.byteLength(
          JSON.stringify(
            withFolds ? doc : Object.fromEntries(Object.entries(doc).filter(([k]) => !folds.has(k))),
          ),
        ),
      0,
    );
  for (const [label, list] of [
    ["all", docs],
    ["Japanese", docs.filter((d) => d.language === "ja")],
    ["English", docs.filter((d) => d.language === "en")],
  ] as const) {
    const before = bytes(list, false);
    const after = bytes(list, true);
    console.log(
      `${label} (${list.length}): ${(before / 1e6).toFixed(2)} MB without folded fields, ${(after / 1e6).toFixed(2)} MB with (+${((after / before - 1) * 100).toFixed(1)} %)`,
    );
  }
  const start = performance.now();
  for (const d of docs)
    for (const text of [d.title, d.summary, d.body, ...d.pages, ...d.tags]) foldedText(text);
  console.log(`folding every text of ${docs.length} documents: ${(performance.now() - start).toFixed(0)} ms`);
} finally {
  await database.close();
}
