import { z } from "zod";
import { authedProcedure, roleProcedure, router } from "../trpc/init";
import { collectionSaveInputSchema } from "./collection-inputs";
import {
  deleteCollection,
  getCollection,
  listCollections,
  saveCollection,
  setCollectionItems,
} from "./collections-service";

const curator = roleProcedure("marketer", "admin");

export const collectionsRouter = router({
  list: authedProcedure.query(({ ctx }) => listCollections(ctx.db, ctx.user)),
  get: authedProcedure
    .input(z.object({ id: z.uuid() }))
    .query(({ ctx, input }) => getCollection(ctx.db, ctx.user, input.id)),
  save: curator
    .input(collectionSaveInputSchema)
    .mutation(({ ctx, input }) => saveCollection(ctx.db, ctx.user, input)),
  setItems: curator
    .input(z.object({ id: z.uuid(), assetIds: z.array(z.uuid()).max(500) }))
    .mutation(async ({ ctx, input }) => {
      await setCollectionItems(ctx.db, ctx.user, input.id, input.assetIds);
      return { ok: true as const };
    }),
  delete: curator.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    await deleteCollection(ctx.db, ctx.user, input.id);
    return { ok: true as const };
  }),
});
