import { z } from "zod";
import { authedProcedure, roleProcedure, router } from "../trpc/init";
import { dealCsvImportInputSchema, importDealsCsv } from "./deal-csv";
import { dealFieldsSchema, dealListInputSchema, dealPatchSchema } from "./deal-input";
import { createDeal, getDeal, listDeals, matchDeals, updateDeal } from "./deals-service";

/** Reps create and edit their own deals, admins anyone's, while no CRM is connected. */
const dealEditor = roleProcedure("rep", "admin");

export const dealsRouter = router({
  list: authedProcedure
    .input(dealListInputSchema)
    .query(({ ctx, input }) => listDeals(ctx.db, ctx.user, input)),

  get: authedProcedure
    .input(z.object({ id: z.uuid() }))
    .query(({ ctx, input }) => getDeal(ctx.db, ctx.user, input.id)),

  create: dealEditor
    .input(dealFieldsSchema)
    .mutation(({ ctx, input }) => createDeal(ctx.db, ctx.deps.config, ctx.user, input)),

  update: dealEditor
    .input(z.object({ id: z.uuid(), patch: dealPatchSchema }))
    .mutation(({ ctx, input }) => updateDeal(ctx.db, ctx.deps.config, ctx.user, input.id, input.patch)),

  match: authedProcedure
    .input(
      z.object({
        recipientEmails: z.array(z.string().trim().max(320)).min(1).max(50),
        limit: z.number().int().min(1).max(50).default(20),
      }),
    )
    .query(({ ctx, input }) => matchDeals(ctx.db, ctx.user, input.recipientEmails, input.limit)),

  importCsv: roleProcedure("admin", "marketer")
    .input(dealCsvImportInputSchema)
    .mutation(({ ctx, input }) => importDealsCsv(ctx.db, ctx.user, input)),
});
