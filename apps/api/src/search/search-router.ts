import { searchSorts } from "@pitchside/shared";
import {
  assetStatusSchema,
  assetTypeSchema,
  languageSchema,
  tagSchema,
  taxonomyKeySchema,
} from "@pitchside/shared/schemas";
import { z } from "zod";
import { authedProcedure, router } from "../trpc/init";
import { searchAssets, searchCallDeps } from "./search-service";

const keys = z.array(taxonomyKeySchema).max(50).optional();

export const searchInputSchema = z.object({
  q: z.string().max(500).default(""),
  filters: z
    .object({
      type: z.array(assetTypeSchema).max(10).optional(),
      stages: keys,
      personas: keys,
      industries: keys,
      competitors: keys,
      objections: keys,
      language: z.array(languageSchema).max(2).optional(),
      status: z.array(assetStatusSchema).max(4).optional(),
      tags: z.array(tagSchema).max(50).optional(),
    })
    .default({}),
  sort: z.enum(searchSorts).default("relevance"),
  limit: z.number().int().min(1).max(100).default(20),
  offset: z.number().int().min(0).max(10_000).default(0),
  /** The portal's language: an empty query lists content in it first (default: the user's saved language). */
  uiLanguage: languageSchema.optional(),
});

export const searchRouter = router({
  query: authedProcedure
    .input(searchInputSchema)
    .query(({ ctx, input }) => searchAssets(searchCallDeps(ctx), ctx.user, input)),
});
