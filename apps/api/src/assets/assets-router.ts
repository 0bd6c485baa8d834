import { assetMetaPatchSchema, assetMetaSchema, assetStatusSchema } from "@pitchside/shared/schemas";
import { z } from "zod";
import { authedProcedure, roleProcedure, router } from "../trpc/init";
import { toAssetDto } from "./asset-dto";
import { assetListInputSchema } from "./asset-inputs";
import {
  approveVersion,
  createAsset,
  getAsset,
  getAssetByExternalId,
  listAssets,
  retryProcessing,
  setStatus,
  updateAsset,
} from "./assets-service";
import { linkLanguageVersion, unlinkLanguageVersion } from "./language-families";
import { createMarkdownAsset, replaceMarkdown } from "./markdown-assets";
import { metadataSuggestions } from "./metadata-suggestions";

const curator = roleProcedure("marketer", "admin");

export const assetsRouter = router({
  list: authedProcedure
    .input(assetListInputSchema)
    .query(({ ctx, input }) => listAssets(ctx.db, ctx.user, input)),

  get: authedProcedure
    .input(z.object({ id: z.uuid() }))
    .query(({ ctx, input }) => getAsset(ctx.db, ctx.user, input.id)),

  byExternalId: authedProcedure
    .input(z.object({ externalId: z.string().min(1).max(200) }))
    .query(({ ctx, input }) => getAssetByExternalId(ctx.db, ctx.user, input.externalId)),

  update: curator
    .input(z.object({ id: z.uuid(), patch: assetMetaPatchSchema }))
    .mutation(async ({ ctx, input }) => {
      const row = await updateAsset(ctx.db, ctx.user, input.id, input.patch);
      ctx.deps.searchIndex.kick();
      return toAssetDto(row, null);
    }),

  setStatus: curator
    .input(z.object({ id: z.uuid(), status: assetStatusSchema }))
    .mutation(async ({ ctx, input }) => {
      const row = await setStatus(ctx.db, ctx.user, input.id, input.status);
      ctx.deps.searchIndex.kick();
      return toAssetDto(row, null);
    }),

  archive: curator.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const row = await setStatus(ctx.db, ctx.user, input.id, "archived");
    ctx.deps.searchIndex.kick();
    return toAssetDto(row, null);
  }),

  /** Battle cards are often written in place: the Markdown is stored as the version's file. */
  createMarkdown: curator
    .input(z.object({ meta: assetMetaSchema, body: z.string().min(1, "body: write something").max(500_000) }))
    .mutation(async ({ ctx, input }) => {
      const result = await createMarkdownAsset(ctx.db, ctx.deps.storage, ctx.user, input.meta, input.body);
      ctx.deps.jobs.kick();
      return result;
    }),

  updateMarkdown: curator
    .input(
      z.object({
        id: z.uuid(),
        body: z.string().min(1).max(500_000),
        changeNote: z.string().trim().max(2000).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const result = await replaceMarkdown(
        ctx.db,
        ctx.deps.storage,
        ctx.user,
        input.id,
        input.body,
        input.changeNote,
      );
      ctx.deps.jobs.kick();
      return result;
    }),

  createLink: curator
    .input(
      z.object({
        meta: assetMetaSchema,
        url: z.url({ protocol: /^https?$/, message: "url: must be an http(s) URL" }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const result = await createAsset(ctx.db, ctx.user, {
        meta: input.meta,
        source: "link",
        url: input.url,
      });
      ctx.deps.jobs.kick(); // its card
      ctx.deps.searchIndex.kick();
      return result;
    }),

  /** Tags read from just-uploaded files' text, offered on the upload form. */
  suggestMetadata: curator
    .input(z.object({ ids: z.array(z.uuid()).min(1).max(50) }))
    .query(({ ctx, input }) => metadataSuggestions(ctx.db, input.ids)),

  /** A new version waiting for review goes live; not by the marketer who made it. */
  approveVersion: curator.input(z.object({ versionId: z.uuid() })).mutation(async ({ ctx, input }) => {
    const result = await approveVersion(ctx.db, ctx.user, input.versionId);
    ctx.deps.searchIndex.kick();
    return result;
  }),

  /** `id` becomes a language version of `of` (say, the Japanese translation of an English card). */
  linkLanguageVersion: curator
    .input(z.object({ id: z.uuid(), of: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const result = await linkLanguageVersion(ctx.db, ctx.user, input.id, input.of);
      ctx.deps.searchIndex.kick();
      return result;
    }),

  unlinkLanguageVersion: curator.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const result = await unlinkLanguageVersion(ctx.db, ctx.user, input.id);
    ctx.deps.searchIndex.kick();
    return result;
  }),

  retryProcessing: curator.input(z.object({ versionId: z.uuid() })).mutation(async ({ ctx, input }) => {
    const result = await retryProcessing(ctx.db, ctx.user, input.versionId);
    ctx.deps.jobs.kick();
    return result;
  }),
});
