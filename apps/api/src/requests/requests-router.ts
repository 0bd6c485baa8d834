import { z } from "zod";
import { authedProcedure, roleProcedure, router } from "../trpc/init";
import { myRequestsInputSchema, requestCreateInputSchema, requestQueueInputSchema } from "./request-inputs";
import {
  answerRequest,
  assignRequest,
  createRequest,
  declineRequest,
  listAssignees,
  listMyRequests,
  listQueue,
} from "./requests-service";

/** Marketers answer requests; admins may too. */
const marketing = roleProcedure("marketer", "admin");

export const requestsRouter = router({
  /** Anyone signed in may ask for missing content (reps mostly). */
  create: authedProcedure
    .input(requestCreateInputSchema)
    .mutation(({ ctx, input }) => createRequest(ctx.db, ctx.user, input)),

  mine: authedProcedure
    .input(myRequestsInputSchema)
    .query(({ ctx, input }) => listMyRequests(ctx.db, ctx.user, input.status)),

  queue: marketing
    .input(requestQueueInputSchema)
    .query(({ ctx, input }) => listQueue(ctx.db, input, ctx.user)),

  assignees: marketing.query(({ ctx }) => listAssignees(ctx.db)),

  assign: marketing
    .input(z.object({ id: z.uuid(), assigneeId: z.uuid().nullable() }))
    .mutation(({ ctx, input }) => assignRequest(ctx.db, ctx.user, input.id, input.assigneeId)),

  answer: marketing
    .input(z.object({ id: z.uuid(), assetId: z.uuid() }))
    .mutation(({ ctx, input }) => answerRequest(ctx.db, ctx.user, input.id, input.assetId)),

  decline: marketing
    .input(
      z.object({ id: z.uuid(), reason: z.string().trim().min(1, "Give the requester a reason").max(1000) }),
    )
    .mutation(({ ctx, input }) => declineRequest(ctx.db, ctx.user, input.id, input.reason)),
});
