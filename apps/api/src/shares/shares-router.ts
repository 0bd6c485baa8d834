import { z } from "zod";
import { authedProcedure, router } from "../trpc/init";
import { shareCreateInputSchema, shareListInputSchema } from "./share-inputs";
import { createShare, listShares, revokeShare } from "./shares-service";

export const sharesRouter = router({
  create: authedProcedure
    .input(shareCreateInputSchema)
    .mutation(({ ctx, input }) => createShare(ctx.db, ctx.deps.config.publicUrl, ctx.user, input)),

  list: authedProcedure
    .input(shareListInputSchema)
    .query(({ ctx, input }) => listShares(ctx.db, ctx.deps.config.publicUrl, ctx.user, input)),

  revoke: authedProcedure
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => revokeShare(ctx.db, ctx.user, input.id)),
});
