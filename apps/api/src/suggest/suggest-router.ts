import { clientSurfaces } from "@pitchside/shared";
import { languageSchema, taxonomyKeySchema } from "@pitchside/shared/schemas";
import { z } from "zod";
import { searchCallDeps } from "../search/search-service";
import { authedProcedure, router } from "../trpc/init";
import { readContext } from "./read-context";
import { suggestForContext } from "./suggest-service";
import { vocabularyFor } from "./vocabulary-service";

const signalList = z.array(taxonomyKeySchema).max(20).optional();

export const suggestInputSchema = z.object({
  surface: z.enum(clientSurfaces).optional(),
  dealId: z.uuid().optional(),
  recipientEmails: z.array(z.email()).max(50).optional(),
  stage: taxonomyKeySchema.optional(),
  persona: taxonomyKeySchema.optional(),
  title: z.string().trim().max(300).optional(),
  /** For the portal's paste box and API users; the extension sends `signals` instead. */
  text: z.string().max(50_000).optional(),
  signals: z
    .object({
      competitors: signalList,
      objections: signalList,
      keywords: z.array(z.string().trim().min(1).max(60)).max(20).optional(),
    })
    .optional(),
  language: languageSchema.optional(),
  /** Language of the reasons; defaults to the user's saved language. */
  uiLanguage: languageSchema.optional(),
  limit: z.number().int().min(1).max(20).default(5),
});

export const suggestRouter = router({
  forContext: authedProcedure
    .input(suggestInputSchema)
    .query(({ ctx, input }) => suggestForContext(searchCallDeps(ctx), ctx.user, input)),
  /** The context `forContext` would rank with (deal, stage, persona, signals), for the rep to check first. */
  readContext: authedProcedure
    .input(suggestInputSchema.omit({ limit: true, surface: true, uiLanguage: true }))
    .query(({ ctx, input }) => readContext(ctx.db, ctx.user, input)),
  /** The library's vocabulary for the extension's keyword filter; `version` is what the caller holds. */
  vocabulary: authedProcedure
    .input(z.object({ version: z.string().max(64).optional() }).default({}))
    .query(({ ctx, input }) => vocabularyFor(ctx.db, ctx.user, input.version)),
});
