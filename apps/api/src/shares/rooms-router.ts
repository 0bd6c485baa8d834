import { z } from "zod";
import { authedProcedure, router } from "../trpc/init";
import { createRoom, getRoom, listRooms, revokeRoom, updateRoom } from "./rooms-service";
import { roomCreateInputSchema, roomListInputSchema, roomUpdateInputSchema } from "./share-inputs";

export const roomsRouter = router({
  create: authedProcedure
    .input(roomCreateInputSchema)
    .mutation(({ ctx, input }) => createRoom(ctx.db, ctx.deps.config.publicUrl, ctx.user, input)),

  get: authedProcedure
    .input(z.object({ id: z.uuid() }))
    .query(({ ctx, input }) => getRoom(ctx.db, ctx.deps.config.publicUrl, ctx.user, input.id)),

  list: authedProcedure
    .input(roomListInputSchema)
    .query(({ ctx, input }) => listRooms(ctx.db, ctx.deps.config.publicUrl, ctx.user, input)),

  update: authedProcedure
    .input(roomUpdateInputSchema)
    .mutation(({ ctx, input }) => updateRoom(ctx.db, ctx.user, input)),

  revoke: authedProcedure
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => revokeRoom(ctx.db, ctx.user, input.id)),
});
