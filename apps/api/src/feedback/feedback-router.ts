import { z } from "zod";
import { authedProcedure, router } from "../trpc/init";
import { suggestionMarkInputSchema } from "./feedback-inputs";
import {
  commentOnAsset,
  deleteComment,
  feedbackForAsset,
  markSuggestion,
  rateAsset,
} from "./feedback-service";

export const feedbackRouter = router({
  forAsset: authedProcedure
    .input(z.object({ assetId: z.uuid() }))
    .query(({ ctx, input }) => feedbackForAsset(ctx.db, ctx.user, input.assetId)),

  rate: authedProcedure
    .input(z.object({ assetId: z.uuid(), rating: z.number().int().min(1).max(5) }))
    .mutation(({ ctx, input }) => rateAsset(ctx.db, ctx.user, input.assetId, input.rating)),

  comment: authedProcedure
    .input(z.object({ assetId: z.uuid(), comment: z.string().trim().min(1, "write something").max(5000) }))
    .mutation(({ ctx, input }) => commentOnAsset(ctx.db, ctx.user, input.assetId, input.comment)),

  /** "Helped" / "not helpful" on a suggestion; `helped: null` takes the mark back. */
  markSuggestion: authedProcedure
    .input(suggestionMarkInputSchema)
    .mutation(({ ctx, input }) => markSuggestion(ctx.db, ctx.user, input)),

  deleteComment: authedProcedure
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => deleteComment(ctx.db, ctx.user, input.id)),
});
