import { clientSurfaces } from "@pitchside/shared";
import { emailSchema } from "@pitchside/shared/schemas";
import { z } from "zod";
import { authedProcedure, router } from "../trpc/init";
import { createShare, listShares, revokeShare } from "./shares-service";

/** What a link (or a deal room) may carry, as every client sends it. */
export const linkControlsSchema = z.object({
  dealId: z.uuid().optional(),
  recipientEmail: emailSchema.optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  allowDownload: z.boolean().optional(),
  name: z.string().trim().max(200).optional(),
  requireEmail: z.boolean().optional(),
  passcode: z.string().min(4, "passcode: at least 4 characters").max(200).optional(),
});

export const sharesRouter = router({
  create: authedProcedure
    .input(
      linkControlsSchema.extend({
        assetId: z.uuid(),
        versionId: z.uuid().optional(),
        pinVersion: z.boolean().optional(),
        surface: z.enum(clientSurfaces).optional(),
        /** The caller tracks the insert or copy itself: no `shared` event (one action, one event). */
        trackedByCaller: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => createShare(ctx.db, ctx.deps.config.publicUrl, ctx.user, input)),

  list: authedProcedure
    .input(
      z
        .object({
          assetId: z.uuid().optional(),
          dealId: z.uuid().optional(),
          mine: z.boolean().optional(),
          limit: z.number().int().min(1).max(200).default(50),
          offset: z.number().int().min(0).default(0),
        })
        .default({ limit: 50, offset: 0 }),
    )
    .query(({ ctx, input }) => listShares(ctx.db, ctx.deps.config.publicUrl, ctx.user, input)),

  revoke: authedProcedure
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => revokeShare(ctx.db, ctx.user, input.id)),
});
