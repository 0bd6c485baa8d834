import { z } from "zod";

/** notifications.list: the caller's notifications, newest first, a page before `before`. */
export const notificationListInputSchema = z
  .object({
    unreadOnly: z.boolean().default(false),
    limit: z.number().int().min(1).max(100).default(30),
    before: z.iso.datetime({ offset: true }).optional(),
  })
  .default({ unreadOnly: false, limit: 30 });
export type NotificationListInput = z.infer<typeof notificationListInputSchema>;

/** notifications.markRead: these notifications, or all of them. */
export const markReadInputSchema = z
  .object({ ids: z.array(z.uuid()).max(200).optional(), all: z.boolean().optional() })
  .refine((v) => v.all === true || (v.ids?.length ?? 0) > 0, "give ids or all: true");
export type MarkReadInput = z.infer<typeof markReadInputSchema>;
