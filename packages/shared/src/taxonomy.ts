import { z } from "zod";

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
export const assetTypeSchema = z.enum(assetTypes);
export type AssetType = z.infer<typeof assetTypeSchema>;

/** Who an asset may reach: buyers, or only the sellers themselves (battle cards, talk tracks). */
export const audiences = ["external", "internal"] as const;
export const audienceSchema = z.enum(audiences);
export type Audience = z.infer<typeof audienceSchema>;

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
export const assetStatusSchema = z.enum(assetStatuses);
export type AssetStatus = z.infer<typeof assetStatusSchema>;

export const languages = ["en", "ja"] as const;
export const languageSchema = z.enum(languages);
export type Language = z.infer<typeof languageSchema>;

export const taxonomyKinds = ["stage", "persona", "industry", "competitor", "objection"] as const;
export const taxonomyKindSchema = z.enum(taxonomyKinds);
export type TaxonomyKind = z.infer<typeof taxonomyKindSchema>;

export const taxonomyKeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "Keys are lowercase letters, digits, '_' or '-' (1-64)");

export const bilingualLabelSchema = z.object({
  en: z.string().trim().min(1).max(200),
  ja: z.string().trim().min(1).max(200),
});
export type BilingualLabel = z.infer<typeof bilingualLabelSchema>;

/** A taxonomy row as the API and the shared detection logic see it. */
export interface TaxonomyTerm {
  kind: TaxonomyKind;
  key: string;
  label: BilingualLabel;
  order: number;
  /** titlePatterns for personas, aliases for competitors, phrases for objection themes. */
  patterns: string[];
}
