import { readFileSync } from "node:fs";
import path from "node:path";
import { libraryVocabulary, type TaxonomyTerm, vocabularyOf } from "@pitchside/shared";

export const FIXTURES_DIR = path.join(import.meta.dirname, "fixtures");

/** A saved fixture page parsed into its own document (happy-dom). */
export function loadFixture(name: string): Document {
  return new DOMParser().parseFromString(readFileSync(path.join(FIXTURES_DIR, name), "utf8"), "text/html");
}

const term = (kind: TaxonomyTerm["kind"], key: string, patterns: string[], en: string, ja: string) => ({
  kind,
  key,
  label: { en, ja },
  order: 0,
  patterns,
});

/** A slice of the demo taxonomy, enough for the fixtures' messages. */
export const fixtureTaxonomy: TaxonomyTerm[] = [
  term("competitor", "acme", ["Acme", "アクメ"], "Acme", "アクメ"),
  term("competitor", "globex", ["Globex", "グローベックス"], "Globex", "グローベックス"),
  term("objection", "price", ["price", "budget", "価格", "高い"], "Price", "価格"),
  term("objection", "security", ["SOC 2", "GDPR", "セキュリティ"], "Security", "セキュリティ"),
  term("persona", "finance", ["CFO|Finance|財務|経理"], "Finance", "財務"),
  term("persona", "it", ["CISO|CIO|CTO|IT|情報システム"], "IT", "情報システム"),
];

/** The vocabulary of that taxonomy and a small library: what the background worker would have stored. */
export const fixtureVocabulary = vocabularyOf(
  libraryVocabulary(fixtureTaxonomy, [
    { title: "Beating Acme on total cost", summary: "Pricing and rollout compared.", tags: ["pricing"] },
    { title: "セキュリティ対策の概要", summary: "情報システム部門向けの導入事例", tags: ["導入"] },
  ]),
);
