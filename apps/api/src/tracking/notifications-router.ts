import { z } from "zod";
import { authedProcedure, router } from "../trpc/init";
import { listNotifications, markRead, unreadCount } from "./notifications-service";

export const notificationsRouter = router({
  list: authedProcedure
    .input(
      z
        .object({
          unreadOnly: z.boolean().default(false),
          limit: z.number().int().min(1).max(100).default(30),
          before: z.iso.datetime({ offset: true }).optional(),
        })
        .default({ unreadOnly: false, limit: 30 }),
    )
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.user, input)),

  unreadCount: authedProcedure.query(async ({ ctx }) => ({ unread: await unreadCount(ctx.db, ctx.user) })),

  markRead: authedProcedure
    .input(
      z
        .object({ ids: z.array(z.uuid()).max(200).optional(), all: z.boolean().optional() })
        .refine((v) => v.all === true || (v.ids?.length ?? 0) > 0, "give ids or all: true"),
    )
    .mutation(({ ctx, input }) => markRead(ctx.db, ctx.user, input)),
});
