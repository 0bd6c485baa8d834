// `@pitchside/shared/schemas`: the zod schemas, built from the main entry's lists. Kept out of the main
// entry so that code needing only the lists and the pure logic (portal, extension) never loads zod.
import { z } from "zod";
import { PASSWORD_MIN_LENGTH, roles } from "./roles";
import {
  assetStatuses,
  assetTypes,
  audiences,
  type BilingualLabel,
  languages,
  taxonomyKinds,
} from "./taxonomy";

export const assetTypeSchema = z.enum(assetTypes);
export const audienceSchema = z.enum(audiences);
export const assetStatusSchema = z.enum(assetStatuses);
export const languageSchema = z.enum(languages);
export const taxonomyKindSchema = z.enum(taxonomyKinds);

export const taxonomyKeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "Keys are lowercase letters, digits, '_' or '-' (1-64)");

export const bilingualLabelSchema = z.object({
  en: z.string().trim().min(1).max(200),
  ja: z.string().trim().min(1).max(200),
}) satisfies z.ZodType<BilingualLabel>;

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

export const roleSchema = z.enum(roles);

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(256, "Password must be at most 256 characters");

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Not a valid email address"));
