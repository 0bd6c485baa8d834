export const assetTypes = [
  "case_study",
  "battle_card",
  "objection_guide",
  "one_pager",
  "deck",
  "whitepaper",
  "video",
  "other",
] as const;
export type AssetType = (typeof assetTypes)[number];

/** Who an asset may reach: buyers, or only the sellers themselves (battle cards, talk tracks). */
export const audiences = ["external", "internal"] as const;
export type Audience = (typeof audiences)[number];

/** A type's audience unless the workspace or the asset says otherwise. */
export const defaultAudienceByType: Record<AssetType, Audience> = {
  case_study: "external",
  battle_card: "internal",
  objection_guide: "internal",
  one_pager: "external",
  deck: "external",
  whitepaper: "external",
  video: "external",
  other: "external",
};

export const assetStatuses = ["draft", "in_review", "published", "archived"] as const;
export type AssetStatus = (typeof assetStatuses)[number];

export const languages = ["en", "ja"] as const;
export type Language = (typeof languages)[number];

export const taxonomyKinds = ["stage", "persona", "industry", "competitor", "objection"] as const;
export type TaxonomyKind = (typeof taxonomyKinds)[number];

/** A taxonomy term's name in both UI languages. */
export interface BilingualLabel {
  en: string;
  ja: string;
}

/** A taxonomy row as the API and the shared detection logic see it. */
export interface TaxonomyTerm {
  kind: TaxonomyKind;
  key: string;
  label: BilingualLabel;
  order: number;
  /** titlePatterns for personas, aliases for competitors, phrases for objection themes. */
  patterns: string[];
}
