/**
 * Office renditions: LibreOffice's conversion time per document and per page
 * for a 20-slide deck and a 30-page DOCX (median of 5, each in a fresh
 * profile as the server runs it), drawing every page of the rendition (the
 * page strip and the card), and upload to searchable / upload to pages for
 * both through POST /api/uploads, the jobs and the indexer.
 *
 *   node --import tsx bench/renditions.ts [--runs 5]
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  assetVersions,
  convertToPdf,
  loadConfig,
  makeDocx,
  makePptx,
  makeUser,
  renderPagesInWorker,
  spawnMeili,
  startServerWith,
  uploadFile,
} from "@pitchside/api/testing";
import { eq } from "drizzle-orm";
import { median } from "./stats";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const runs = Number(values.runs);
const soffice = loadConfig({
  DATA_DIR: tmpdir(),
  PATH: process.env.PATH,
  SOFFICE_PATH: process.env.SOFFICE_PATH,
}).tools.soffice;
if (!soffice) {
  console.error(
    "LibreOffice not found: apt-get install -y --no-install-recommends libreoffice-impress libreoffice-writer libreoffice-calc fonts-noto-cjk",
  );
  process.exit(1);
}

const sentence =
  "Finance teams close the quarter faster when every number comes from one governed metrics layer that sales, marketing and operations share.";
const deckSlides = (word: string) =>
  Array.from({ length: 20 }, (_, i) => ({
    text: `Slide ${i + 1}: ${i === 13 ? `${word} ` : ""}${sentence}`,
    notes: `Talk track for slide ${i + 1}.`,
  }));
const docPages = (word: string) =>
  Array.from({ length: 30 }, (_, i) => `Page ${i + 1}. ${i === 21 ? `${word} ` : ""}${sentence} `.repeat(6));

const dir = mkdtempSync(path.join(tmpdir(), "pitchside-bench-renditions-"));
const files = {
  deck: { name: "deck.pptx", data: await makePptx(deckSlides("warmup")), pages: 20, unit: "slide" },
  doc: {
    name: "report.docx",
    data: await makeDocx(docPages("warmup"), { pageBreaks: true }),
    pages: 30,
    unit: "page",
  },
} as const;

console.log(`LibreOffice: ${soffice}; ${runs} runs each, fresh profile per conversion\n`);
for (const [label, file] of Object.entries(files)) {
  const input = path.join(dir, file.name);
  await import("node:fs/promises").then((fs) => fs.writeFile(input, file.data));
  const convert: number[] = [];
  const draw: number[] = [];
  for (let run = 0; run < runs; run++) {
    const t = performance.now();
    const { pdfPath, cleanup } = await convertToPdf(soffice, input, path.extname(file.name).slice(1));
    convert.push(performance.now() - t);
    const d = performance.now();
    const rendered = await renderPagesInWorker(pdfPath);
    draw.push(performance.now() - d);
    if (rendered.pageCount !== file.pages)
      throw new Error(`${label}: ${rendered.pageCount} pages, expected ${file.pages}`);
    await cleanup();
  }
  const c = median(convert);
  const r = median(draw);
  console.log(
    `${label.padEnd(5)} ${String(file.pages).padStart(2)} ${file.unit}s  convert: median ${Math.round(c)} ms (${(c / file.pages).toFixed(0)} ms/${file.unit}) ` +
      `[${convert.map((v) => Math.round(v)).join(", ")}]   draw pages + card: median ${Math.round(r)} ms (${(r / file.pages).toFixed(0)} ms/${file.unit})`,
  );
}

// Upload to searchable and to pages, through the running server's own workers.
const meili = await spawnMeili({ binary: process.env.MEILI_BINARY, dataDir: path.join(dir, "meili") });
const server = await startServerWith(meili, { LOG_LEVEL: "silent", SOFFICE_PATH: soffice });
try {
  const { db } = server.deps.database;
  const m = await makeUser(db, { role: "marketer" });
  const token = (await server
    .client()
    .auth.login.mutate({ email: m.email, password: m.password, client: "extension" })) as {
    token: string;
  };
  server.deps.jobs.start();
  server.deps.searchIndex.start();
  const words = [
    "quokkafjord",
    "vexillumbrae",
    "pangolinquartz",
    "axolotlmarsh",
    "okapiledger",
    "tapirgrove",
  ];
  for (const [label, file] of Object.entries(files)) {
    const searchable: number[] = [];
    const paged: number[] = [];
    for (let run = 0; run < runs; run++) {
      const word = `${words[run % words.length]}${label}`;
      const data =
        label === "deck"
          ? await makePptx(deckSlides(word))
          : await makeDocx(docPages(word), { pageBreaks: true });
      const t = performance.now();
      const up = await uploadFile(
        server.url,
        { token: token.token },
        { name: file.name, data, meta: { title: `${label} ${run}` } },
      );
      if (up.status !== 201) throw new Error(`upload failed: ${JSON.stringify(up.body)}`);
      let found = 0;
      let ready = 0;
      while (!found || !ready) {
        if (!found) {
          const hits = await server.client({ token: token.token }).search.query.query({ q: word });
          if (hits.hits.some((h) => h.asset.id === up.body.assetId)) found = performance.now() - t;
        }
        if (!ready) {
          const [v] = await db
            .select({ state: assetVersions.renditionState, error: assetVersions.renditionError })
            .from(assetVersions)
            .where(eq(assetVersions.id, up.body.versionId ?? ""));
          if (v?.state === "ready") ready = performance.now() - t;
          if (v?.state === "failed") throw new Error(`rendition failed: ${v.error}`);
        }
        if (performance.now() - t > 120_000) throw new Error(`${label} never became searchable and paged`);
        await new Promise((r) => setTimeout(r, 50));
      }
      searchable.push(found);
      paged.push(ready);
    }
    console.log(
      `${label.padEnd(5)} upload to searchable: median ${Math.round(median(searchable))} ms [${searchable.map(Math.round).join(", ")}]` +
        `   upload to pages (rendition, pictures, card): median ${Math.round(median(paged))} ms [${paged.map(Math.round).join(", ")}]`,
    );
  }
} finally {
  await server.close();
  await meili.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
