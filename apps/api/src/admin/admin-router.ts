import { writeAudit } from "../audit";
import { authedProcedure, roleProcedure, router } from "../trpc/init";
import {
  getSsoSettings,
  getWorkspaceSettings,
  saveSsoSettings,
  saveWorkspaceSettings,
  ssoSettingsSchema,
  workspaceSettingsSchema,
} from "./workspace-settings";

const admin = roleProcedure("admin");

export const adminRouter = router({
  /** Rebuilds the search index from the database into a fresh index and swaps it in. */
  reindex: admin.mutation(async ({ ctx }) => {
    const started = Date.now();
    const result = await ctx.deps.searchIndex.rebuild();
    await writeAudit(ctx.db, ctx.user.id, "search.reindex", "search", null, result);
    return { ...result, ms: Date.now() - started };
  }),

  /** Whether the CRM webhook can be used, and where it is; never the secret itself. */
  crmStatus: admin.query(({ ctx }) => ({
    configured: Boolean(ctx.deps.config.crmWebhookSecret),
    webhookUrl: `${ctx.deps.config.publicUrl}/api/integrations/crm/deals`,
  })),

  /** Content rules every role works by: review of new versions, each type's audience. */
  workspace: authedProcedure.query(({ ctx }) => getWorkspaceSettings(ctx.db)),

  updateWorkspace: admin
    .input(workspaceSettingsSchema)
    .mutation(({ ctx, input }) => saveWorkspaceSettings(ctx.db, ctx.user.id, input)),

  /** Single sign-on: whether a provider is configured, and whether password sign-in is turned off. */
  sso: admin.query(async ({ ctx }) => ({
    configured: Boolean(ctx.deps.config.oidc),
    breakGlassEmails: ctx.deps.config.breakGlassEmails,
    ...(await getSsoSettings(ctx.db)),
  })),

  updateSso: admin
    .input(ssoSettingsSchema)
    .mutation(({ ctx, input }) => saveSsoSettings(ctx.db, ctx.user.id, input, Boolean(ctx.deps.config.oidc))),

  searchStatus: admin.query(async ({ ctx }) => ({ pendingIndexing: await ctx.deps.searchIndex.pending() })),
});
