import { z } from "zod";
import { authedProcedure, roleProcedure, router } from "../trpc/init";
import {
  answerRequest,
  assignRequest,
  createRequest,
  declineRequest,
  listAssignees,
  listMyRequests,
  listQueue,
  requestStatuses,
} from "./requests-service";

/** Marketers answer requests; admins may too. */
const marketing = roleProcedure("marketer", "admin");
const statusFilter = z.array(z.enum(requestStatuses)).max(4).optional();

export const requestsRouter = router({
  /** Anyone signed in may ask for missing content (reps mostly). */
  create: authedProcedure
    .input(
      z.object({
        title: z.string().trim().min(1, "Say what content you need").max(300),
        details: z.string().trim().max(5000).default(""),
      }),
    )
    .mutation(({ ctx, input }) => createRequest(ctx.db, ctx.user, input)),

  mine: authedProcedure
    .input(z.object({ status: statusFilter }).default({}))
    .query(({ ctx, input }) => listMyRequests(ctx.db, ctx.user, input.status)),

  queue: marketing
    .input(z.object({ status: statusFilter, assignee: z.enum(["me", "nobody"]).optional() }).default({}))
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
