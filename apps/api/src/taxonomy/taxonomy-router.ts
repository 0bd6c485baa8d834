import { bilingualLabelSchema, taxonomyKeySchema, taxonomyKindSchema } from "@pitchside/shared/schemas";
import { z } from "zod";
import { authedProcedure, roleProcedure, router } from "../trpc/init";
import { deleteTerm, listTaxonomy, upsertTerms } from "./taxonomy-service";

export const termInputSchema = z.object({
  kind: taxonomyKindSchema,
  key: taxonomyKeySchema,
  label: bilingualLabelSchema,
  order: z.number().int().min(0).max(10_000).default(0),
  patterns: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
});

export const taxonomyRouter = router({
  list: authedProcedure
    .input(z.object({ kind: taxonomyKindSchema.optional() }).default({}))
    .query(({ ctx, input }) => listTaxonomy(ctx.db, input.kind)),

  upsert: roleProcedure("admin", "marketer")
    .input(z.object({ terms: z.array(termInputSchema).min(1).max(500) }))
    .mutation(async ({ ctx, input }) => {
      await upsertTerms(ctx.db, ctx.deps.bus, ctx.user.id, input.terms);
      await ctx.deps.searchIndex.syncSynonyms();
      return { ok: true as const, count: input.terms.length };
    }),

  delete: roleProcedure("admin")
    .input(z.object({ kind: taxonomyKindSchema, key: taxonomyKeySchema }))
    .mutation(async ({ ctx, input }) => {
      await deleteTerm(ctx.db, ctx.deps.bus, ctx.user.id, input.kind, input.key);
      await ctx.deps.searchIndex.syncSynonyms();
      return { ok: true as const };
    }),
});
