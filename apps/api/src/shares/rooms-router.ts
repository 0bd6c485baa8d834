import { z } from "zod";
import { authedProcedure, router } from "../trpc/init";
import { createRoom, getRoom, listRooms, MAX_ROOM_ASSETS, revokeRoom, updateRoom } from "./rooms-service";
import { linkControlsSchema } from "./shares-router";

export const roomsRouter = router({
  create: authedProcedure
    .input(
      linkControlsSchema.extend({
        assetIds: z.array(z.uuid()).min(1, "assetIds: choose at least one asset").max(MAX_ROOM_ASSETS),
        note: z.string().trim().max(2000).optional(),
      }),
    )
    .mutation(({ ctx, input }) => createRoom(ctx.db, ctx.deps.config.publicUrl, ctx.user, input)),

  get: authedProcedure
    .input(z.object({ id: z.uuid() }))
    .query(({ ctx, input }) => getRoom(ctx.db, ctx.deps.config.publicUrl, ctx.user, input.id)),

  list: authedProcedure
    .input(
      z
        .object({
          mine: z.boolean().optional(),
          dealId: z.uuid().optional(),
          limit: z.number().int().min(1).max(100).default(50),
          offset: z.number().int().min(0).default(0),
        })
        .default({ limit: 50, offset: 0 }),
    )
    .query(({ ctx, input }) => listRooms(ctx.db, ctx.deps.config.publicUrl, ctx.user, input)),

  update: authedProcedure
    .input(
      z.object({
        id: z.uuid(),
        name: z.string().trim().max(200).optional(),
        note: z.string().trim().max(2000).optional(),
        expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
        allowDownload: z.boolean().optional(),
        requireEmail: z.boolean().optional(),
        passcode: z.string().min(4, "passcode: at least 4 characters").max(200).nullable().optional(),
        addAssetIds: z.array(z.uuid()).max(MAX_ROOM_ASSETS).optional(),
        removeAssetIds: z.array(z.uuid()).max(MAX_ROOM_ASSETS).optional(),
      }),
    )
    .mutation(({ ctx, input }) => updateRoom(ctx.db, ctx.user, input)),

  revoke: authedProcedure
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => revokeRoom(ctx.db, ctx.user, input.id)),
});
