import { dealStatuses } from "@pitchside/shared";
import { z } from "zod";
import { authedProcedure, roleProcedure, router } from "../trpc/init";
import { dealCsvFields, importDealsCsv } from "./deal-csv";
import {
  amountSchema,
  closedAtSchema,
  contactSchema,
  currencySchema,
  domainSchema,
  normalizeStage,
} from "./deal-input";
import { createDeal, getDeal, listDeals, matchDeals, updateDeal } from "./deals-service";

const stageSchema = z.string().min(1).max(100).transform(normalizeStage);

const dealFieldsSchema = z.object({
  name: z.string().trim().min(1).max(300),
  accountName: z.string().trim().max(300).default(""),
  accountDomain: domainSchema.nullable().default(null),
  industry: z.string().trim().max(100).nullable().default(null),
  stage: stageSchema,
  status: z.enum(dealStatuses).optional(),
  amount: amountSchema.nullable().default(null),
  currency: currencySchema.default("USD"),
  closedAt: closedAtSchema.nullable().default(null),
  contacts: z.array(contactSchema).max(200).default([]),
  ownerId: z.uuid().optional(),
});

const dealPatchSchema = z.object({
  name: z.string().trim().min(1).max(300).optional(),
  accountName: z.string().trim().max(300).optional(),
  accountDomain: domainSchema.nullable().optional(),
  industry: z.string().trim().max(100).nullable().optional(),
  stage: stageSchema.optional(),
  status: z.enum(dealStatuses).optional(),
  amount: amountSchema.nullable().optional(),
  currency: currencySchema.optional(),
  closedAt: closedAtSchema.nullable().optional(),
  contacts: z.array(contactSchema).max(200).optional(),
  ownerId: z.uuid().optional(),
});

/** Reps create and edit their own deals, admins anyone's, while no CRM is connected. */
const dealEditor = roleProcedure("rep", "admin");
/** A mapping names CSV columns; no export has more. */
export const MAX_MAPPED_COLUMNS = 200;

export const dealsRouter = router({
  list: authedProcedure
    .input(
      z
        .object({
          externalId: z.string().max(200).optional(),
          owner: z.union([z.literal("me"), z.uuid()]).optional(),
          status: z.array(z.enum(dealStatuses)).max(3).optional(),
          stage: z.array(stageSchema).max(50).optional(),
          q: z.string().max(200).optional(),
          limit: z.number().int().min(1).max(200).default(50),
          offset: z.number().int().min(0).default(0),
        })
        .default({ limit: 50, offset: 0 }),
    )
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
    .input(
      z.object({
        csv: z.string().min(1, "the file is empty").max(20_000_000, "larger than 20 MB; split the file"),
        mapping: z
          .record(z.string().max(200), z.enum(dealCsvFields))
          .refine((m) => Object.keys(m).length <= MAX_MAPPED_COLUMNS, `at most ${MAX_MAPPED_COLUMNS} columns`)
          .optional(),
        dryRun: z.boolean().default(false),
      }),
    )
    .mutation(({ ctx, input }) => importDealsCsv(ctx.db, ctx.user, input)),
});
