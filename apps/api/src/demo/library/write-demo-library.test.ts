import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { assetTypes } from "@pitchside/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectFileType } from "../../assets/processing/detect-type";
import { processFile } from "../../assets/processing/extract";
import { type LibraryAsset, parseLibrary } from "../../library-import/library-format";
import { demoTaxonomy } from "../demo-taxonomy";
import { findJapaneseFont } from "./japanese-font";
import { writeDemoLibrary } from "./write-demo-library";

const NOW = new Date("2025-06-10T15:00:00Z");
const dirs: string[] = [];
let dir: string;
let assets: LibraryAsset[];

const tempDir = async () => {
  const d = await mkdtemp(path.join(tmpdir(), "pitchside-demo-lib-"));
  dirs.push(d);
  return d;
};

async function readAssets(d: string) {
  const parsed = parseLibrary(JSON.parse(await readFile(path.join(d, "library.json"), "utf8")));
  return { parsed, assets: parsed.entries.flatMap((e) => (e.ok ? [e.asset] : [])) };
}

async function textOf(file: string) {
  const detection = await detectFileType(file);
  if (!detection.ok) throw new Error(`${file}: ${detection.detected}`);
  return { kind: detection.file.kind, ...(await processFile(file, detection.file)) };
}

const fileOf = (externalId: string) => assets.find((a) => a.externalId === externalId)?.file ?? "";

beforeAll(async () => {
  dir = await tempDir();
  await writeDemoLibrary(dir, { now: NOW });
  ({ assets } = await readAssets(dir));
});
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe("writeDemoLibrary", () => {
  it("describes about 30 valid assets of every type, a third of them Japanese, with the demo taxonomy", async () => {
    const { parsed } = await readAssets(dir);
    expect(parsed.entries.filter((e) => !e.ok)).toEqual([]);
    expect(parsed.taxonomy).toEqual(demoTaxonomy);
    expect(assets.length).toBeGreaterThanOrEqual(30);
    expect(new Set(assets.map((a) => a.type))).toEqual(new Set(assetTypes));
    const japanese = assets.filter((a) => a.language === "ja").length / assets.length;
    expect(japanese).toBeGreaterThan(0.25);
    expect(japanese).toBeLessThan(0.45);
    expect(assets.filter((a) => a.status === "draft").length).toBeGreaterThanOrEqual(2);
    const expiring = assets.filter((a) => a.expiresAt !== null);
    expect(expiring).toHaveLength(1);
    expect(expiring[0]?.expiresAt).toBe("2025-06-20T00:00:00.000Z");
    for (const competitor of ["acme", "globex", "initech"]) {
      const cards = assets.filter((a) => a.type === "battle_card" && a.competitors.includes(competitor));
      expect(new Set(cards.map((a) => a.language))).toEqual(new Set(["en", "ja"]));
    }
    const keys = new Set(demoTaxonomy.map((t) => `${t.kind}:${t.key}`));
    for (const a of assets) {
      for (const [field, kind] of [
        ["stages", "stage"],
        ["personas", "persona"],
        ["industries", "industry"],
        ["competitors", "competitor"],
        ["objections", "objection"],
      ] as const) {
        for (const key of a[field]) expect(keys, `${a.externalId}.${field}`).toContain(`${kind}:${key}`);
      }
    }
    const videos = assets.filter((a) => a.type === "video");
    expect(videos.every((v) => v.url?.startsWith("https://") && v.file === undefined)).toBe(true);
  });

  it("writes real PDF, DOCX, PPTX and Markdown files that the upload check accepts", async () => {
    const files = assets.flatMap((a) => (a.file ? [a.file] : []));
    expect(new Set(files.map((f) => path.extname(f)))).toEqual(new Set([".pdf", ".docx", ".pptx", ".md"]));
    expect((await readdir(path.join(dir, "files"))).sort()).toEqual(
      files.map((f) => path.basename(f)).sort(),
    );
    for (const file of files) {
      const detection = await detectFileType(path.join(dir, file));
      expect(detection.ok && detection.file.ext, file).toBe(path.extname(file).slice(1));
    }
  });

  it("gives multi-page PDFs with extractable text, Japanese included, and decks with speaker notes", async () => {
    const whitepaper = await textOf(path.join(dir, fileOf("wp-metrics-layer")));
    expect(whitepaper.pageCount).toBeGreaterThanOrEqual(3);
    expect(whitepaper.text).toContain("metrics layer");
    const caseStudy = await textOf(path.join(dir, fileOf("cs-harbor-steel")));
    expect(caseStudy.pageCount).toBeGreaterThanOrEqual(2);
    expect(caseStudy.text).toContain("Dana Whitfield");
    const deck = await textOf(path.join(dir, fileOf("deck-discovery")));
    expect(deck.text).toContain("Let them tell the story");
    const docx = await textOf(path.join(dir, fileOf("og-price-en")));
    expect(docx.text).toContain("Too expensive compared with what?");
    if (await findJapaneseFont()) {
      expect(fileOf("og-price-ja")).toMatch(/\.pdf$/);
      const ja = await textOf(path.join(dir, fileOf("og-price-ja")));
      expect(ja.pageCount).toBeGreaterThanOrEqual(2);
      expect(ja.language).toBe("ja");
      expect(ja.text).toContain("「価格が高すぎる」と言われたときの切り返しトーク");
    }
  });

  it("is deterministic: the same day gives the same bytes", async () => {
    const again = await tempDir();
    await writeDemoLibrary(again, { now: new Date("2025-06-10T02:00:00Z") });
    for (const name of ["library.json", ...assets.flatMap((a) => (a.file ? [a.file] : []))]) {
      const [a, b] = await Promise.all([readFile(path.join(dir, name)), readFile(path.join(again, name))]);
      expect(a.equals(b), name).toBe(true);
    }
  });

  it("writes Japanese documents as DOCX, never as unreadable PDFs, when the machine has no Japanese font", async () => {
    const noFont = await tempDir();
    await writeDemoLibrary(noFont, { now: NOW, japaneseFont: null });
    const { assets: fallback } = await readAssets(noFont);
    expect(fallback.filter((a) => a.language === "ja" && a.file?.endsWith(".pdf"))).toEqual([]);
    expect(fallback.filter((a) => a.language === "en" && a.file?.endsWith(".pdf")).length).toBeGreaterThan(5);
    const price = fallback.find((a) => a.externalId === "og-price-ja");
    expect(price?.file).toBe("files/og-price-ja.docx");
    expect((await textOf(path.join(noFont, price?.file ?? ""))).text).toContain("価格が高すぎる");
  });
});
