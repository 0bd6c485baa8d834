import { z } from "zod";
import { authedProcedure, roleProcedure, router } from "../trpc/init";
import { repAdoption } from "./adoption-service";
import { currencySettingsSchema, getCurrencySettings, saveCurrencySettings } from "./currency-settings";
import { assetDeals, dealTimeline } from "./drilldown-service";
import {
  engagementInputSchema,
  linkEngagementInputSchema,
  linkEngagementReport,
  prospectEngagement,
} from "./engagement-service";
import { fieldSignals, fieldSignalsInputSchema } from "./field-signals-service";
import { contentGaps, gapsInputSchema } from "./gaps-service";
import { contentInfluence, influenceInputSchema } from "./influence-service";
import { periodSchema } from "./report-period";
import { usageInputSchema, usageOverTime } from "./usage-service";
import { weeklySummary, weeklySummaryInputSchema } from "./weekly-summary";

/** Marketing reports: marketers and admins only; reps get their own usage. */
const analyst = roleProcedure("marketer", "admin");

const myUsageInputSchema = usageInputSchema.pick({ from: true, to: true, bucket: true, limit: true }).extend({
  by: z.enum(["none", "asset", "surface"]).default("none"),
});

export const analyticsRouter = router({
  contentInfluence: analyst
    .input(influenceInputSchema)
    .query(({ ctx, input }) => contentInfluence(ctx.db, input)),

  usage: analyst.input(usageInputSchema).query(({ ctx, input }) => usageOverTime(ctx.db, input)),

  /** The caller's own views, shares, inserts and their prospects' opens. */
  myUsage: authedProcedure
    .input(myUsageInputSchema)
    .query(({ ctx, input }) => usageOverTime(ctx.db, { ...input, filters: { repIds: [ctx.user.id] } })),

  engagement: analyst
    .input(engagementInputSchema)
    .query(({ ctx, input }) => prospectEngagement(ctx.db, input)),

  /** The same per share link: who sent which link, and how its prospects read it. */
  linkEngagement: analyst
    .input(linkEngagementInputSchema)
    .query(({ ctx, input }) => linkEngagementReport(ctx.db, input)),

  adoption: analyst.input(periodSchema).query(({ ctx, input }) => repAdoption(ctx.db, input)),

  gaps: analyst.input(gapsInputSchema).query(({ ctx, input }) => contentGaps(ctx.db, input)),

  /** Competitors and objections reps' messages named (taxonomy keys only), their trend, win rates and coverage. */
  fieldSignals: analyst.input(fieldSignalsInputSchema).query(({ ctx, input }) => fieldSignals(ctx.db, input)),

  assetDeals: analyst
    .input(periodSchema.extend({ assetId: z.uuid() }))
    .query(({ ctx, input }) => assetDeals(ctx.db, input.assetId, input)),

  dealTimeline: analyst
    .input(z.object({ dealId: z.uuid() }))
    .query(({ ctx, input }) => dealTimeline(ctx.db, input.dealId)),

  /** The week's top content, new gaps and unused assets (the weekly mail's page). */
  weeklySummary: analyst
    .input(weeklySummaryInputSchema)
    .query(({ ctx, input }) => weeklySummary(ctx.db, input)),

  settings: router({
    get: analyst.query(({ ctx }) => getCurrencySettings(ctx.db)),
    update: roleProcedure("admin")
      .input(currencySettingsSchema)
      .mutation(({ ctx, input }) => saveCurrencySettings(ctx.db, ctx.user.id, input)),
  }),
});
