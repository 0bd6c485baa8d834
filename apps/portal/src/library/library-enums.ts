import type { AssetStatus, AssetType, Audience, Language, SearchSort } from "@pitchside/shared";

// The shared package's lists, restated: importing them from @pitchside/shared pulls zod (23 KiB
// gzipped) into every library page. The checks below fail the build if the two ever differ.

export const assetTypes = [
  "case_study",
  "battle_card",
  "objection_guide",
  "one_pager",
  "deck",
  "whitepaper",
  "video",
  "other",
] as const satisfies readonly AssetType[];
export const assetStatuses = [
  "draft",
  "in_review",
  "published",
  "archived",
] as const satisfies readonly AssetStatus[];
export const languages = ["en", "ja"] as const satisfies readonly Language[];
export const searchSorts = ["relevance", "newest", "most_used"] as const satisfies readonly SearchSort[];
export const audiences = ["external", "internal"] as const satisfies readonly Audience[];

/** Each type's audience before the workspace's own settings arrive (library-enums.test.ts compares them). */
export const defaultAudienceByType: Readonly<Record<AssetType, Audience>> = {
  case_study: "external",
  battle_card: "internal",
  objection_guide: "internal",
  one_pager: "external",
  deck: "external",
  whitepaper: "external",
  video: "external",
  other: "external",
};

type Covers<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
const complete: [
  Covers<AssetType, (typeof assetTypes)[number]>,
  Covers<AssetStatus, (typeof assetStatuses)[number]>,
  Covers<Language, (typeof languages)[number]>,
  Covers<SearchSort, (typeof searchSorts)[number]>,
  Covers<Audience, (typeof audiences)[number]>,
] = [true, true, true, true, true];
void complete;
