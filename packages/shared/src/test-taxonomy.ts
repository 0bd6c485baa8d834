import type { TaxonomyKind, TaxonomyTerm } from "./taxonomy";

/** Test factory for taxonomy rows; not exported from the package. */
export function makeTerm(
  kind: TaxonomyKind,
  key: string,
  patterns: string[],
  label: { en: string; ja: string } = { en: key, ja: key },
  order = 0,
): TaxonomyTerm {
  return { kind, key, label, order, patterns };
}

export const personas: TaxonomyTerm[] = [
  makeTerm("persona", "finance", ["CFO|Finance|財務|経理"], { en: "Finance", ja: "財務" }, 1),
  makeTerm("persona", "it", ["情報システム|IT|CIO|CTO", "システム部"], { en: "IT", ja: "情報システム" }, 2),
  makeTerm("persona", "sales", ["Sales", "CRO", "営業"], { en: "Sales", ja: "営業" }, 3),
  makeTerm("persona", "executive", ["CEO|VP|Chief|社長|取締役|部長"], { en: "Executive", ja: "経営層" }, 4),
];

export const competitorsAndObjections: TaxonomyTerm[] = [
  makeTerm("competitor", "acme", ["Acme", "アクメ"], { en: "Acme Corp", ja: "アクメ" }, 1),
  makeTerm("competitor", "globex", ["Globex|グローベックス"], { en: "Globex", ja: "グローベックス" }, 2),
  makeTerm("competitor", "initech", [], { en: "Initech", ja: "イニテック" }, 3),
  makeTerm(
    "objection",
    "price",
    ["too expensive", "over budget", "高い", "価格"],
    { en: "Price", ja: "価格" },
    1,
  ),
  makeTerm(
    "objection",
    "security",
    ["security review|SOC 2", "セキュリティ"],
    { en: "Security", ja: "セキュリティ" },
    2,
  ),
  makeTerm("objection", "timing", ["not now", "next quarter", "来期"], { en: "Timing", ja: "時期" }, 3),
  makeTerm("stage", "proposal", ["Acme"], { en: "Proposal", ja: "提案" }, 1),
];
