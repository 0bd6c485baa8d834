import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Meilisearch } from "meilisearch";
import { spawnMeili } from "./meili-process";

const dir = mkdtempSync(path.join(tmpdir(), "exp-"));
const meili = await spawnMeili({ binary: process.env.MEILI_BINARY, dataDir: path.join(dir, "m") });
const client = new Meilisearch({ host: meili.url, apiKey: meili.masterKey });
const kata2hira = (s: string) =>
  s.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
const hira2kata = (s: string) =>
  s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
const strip = (s: string) => s.replace(/[ー・]/g, "");
const titles = [
  "アクメ社と異なり、当社のコネクタは差分同期のため、ダッシュボードは五分ごとに更新されます。",
  "グローベックス社は CRM に分析機能を同梱していますが、データモデルが硬直的との声があります。",
  "セキュリティ審査では SOC 2 Type II、東京リージョンでのデータ保管を確認しました。",
  "値引きを求められたときの切り返し。お値引きはできません。",
  "アクメ対策バトルカード",
  "グローベックス社との比較",
  "データフォージ導入事例",
  "値引き交渉への切り返し",
  "価格が高すぎると言われたら",
  "Acme battle card",
];
const docs = titles.map((t, i) => ({
  id: i,
  t,
  h: strip(kata2hira(t.normalize("NFKC").toLowerCase())),
  k: strip(hira2kata(t.normalize("NFKC").toLowerCase())),
}));
await client.createIndex("x", { primaryKey: "id" }).waitTask({ timeout: 120000 });
await client
  .index("x")
  .updateSettings({
    searchableAttributes: ["t", "h", "k"],
    localizedAttributes: [{ attributePatterns: ["*"], locales: ["jpn", "eng"] }],
  })
  .waitTask({ timeout: 120000 });
await client.index("x").addDocuments(docs).waitTask({ timeout: 120000 });
const queries = [
  "こねくた",
  "だっしゅぼーど",
  "ﾀﾞｯｼｭﾎﾞｰﾄﾞ",
  "せきゅりてぃ",
  "でーたもでる",
  "データ・モデル",
  "りーじょん",
  "ぐろーべっくす社",
  "あくめしゃ",
  "値引",
  "お値引き",
  "アクメ",
  "あくめ",
  "ｱｸﾒ",
  "ぐろーべっくす",
  "グローベックス",
  "ぐろべっくす",
  "でーたふぉーじ",
  "データーフォージ",
  "値引き",
  "ねびき",
  "高すぎる",
  "価格",
  "すぎる",
  "バトルカード",
  "ばとるかーど",
];
for (const q of queries) {
  const out: string[] = [];
  for (const [label, field, fq] of [
    ["orig", "t", q],
    ["hira", "h", strip(kata2hira(q.normalize("NFKC").toLowerCase()))],
    ["kata", "k", strip(hira2kata(q.normalize("NFKC").toLowerCase()))],
  ] as const) {
    for (const locales of [["jpn"], undefined] as const) {
      const r = await client
        .index("x")
        .search(fq, { attributesToSearchOn: [field], ...(locales ? { locales: [...locales] } : {}) });
      out.push(`${label}${locales ? "/jpn" : ""}:${r.hits.map((h) => h.id).join(",") || "-"}`);
    }
  }
  console.log(q.padEnd(10), out.join("  "));
}
await meili.stop();
