import { authedProcedure, router } from "../trpc/init";
import { markReadInputSchema, notificationListInputSchema } from "./notification-inputs";
import { listNotifications, markRead, unreadCount } from "./notifications-service";

export const notificationsRouter = router({
  list: authedProcedure
    .input(notificationListInputSchema)
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.user, input)),

  unreadCount: authedProcedure.query(async ({ ctx }) => ({ unread: await unreadCount(ctx.db, ctx.user) })),

  markRead: authedProcedure
    .input(markReadInputSchema)
    .mutation(({ ctx, input }) => markRead(ctx.db, ctx.user, input)),
});
