import { z } from "zod";
import { assetTypeSchema, audienceSchema, languageSchema, taxonomyKeySchema } from "./taxonomy";

const keys = z.array(taxonomyKeySchema).max(50).default([]);

/** Free tags: short words people type, in either language. */
export const tagSchema = z.string().trim().min(1).max(60);

/** Metadata of an asset, as uploads, the import and the edit form send it. */
export const assetMetaSchema = z.object({
  title: z.string().trim().min(1, "Title is required").max(300),
  summary: z.string().trim().max(5000).default(""),
  type: assetTypeSchema.default("other"),
  /** Absent: the type's default audience in this workspace. */
  audience: audienceSchema.optional(),
  language: languageSchema.optional(),
  stages: keys,
  personas: keys,
  industries: keys,
  competitors: keys,
  objections: keys,
  tags: z.array(tagSchema).max(50).default([]),
  teams: z.array(z.uuid()).max(50).default([]),
  expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
  externalId: z.string().trim().min(1).max(200).optional(),
});
export type AssetMeta = z.infer<typeof assetMetaSchema>;
export type AssetMetaInput = z.input<typeof assetMetaSchema>;

/** The same fields, each optional, for edits. */
export const assetMetaPatchSchema = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  summary: z.string().trim().max(5000).optional(),
  type: assetTypeSchema.optional(),
  audience: audienceSchema.optional(),
  language: languageSchema.optional(),
  stages: z.array(taxonomyKeySchema).max(50).optional(),
  personas: z.array(taxonomyKeySchema).max(50).optional(),
  industries: z.array(taxonomyKeySchema).max(50).optional(),
  competitors: z.array(taxonomyKeySchema).max(50).optional(),
  objections: z.array(taxonomyKeySchema).max(50).optional(),
  tags: z.array(tagSchema).max(50).optional(),
  teams: z.array(z.uuid()).max(50).optional(),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  externalId: z.string().trim().min(1).max(200).optional(),
});
export type AssetMetaPatch = z.infer<typeof assetMetaPatchSchema>;

export const processingStates = ["pending", "ready", "failed"] as const;
export type ProcessingState = (typeof processingStates)[number];

export const searchSorts = ["relevance", "newest", "most_used"] as const;
export type SearchSort = (typeof searchSorts)[number];
