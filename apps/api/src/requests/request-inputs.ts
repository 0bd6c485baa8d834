import { z } from "zod";
import { requestStatuses } from "./requests-service";

/** requests.create: anyone signed in asks for missing content. */
export const requestCreateInputSchema = z.object({
  title: z.string().trim().min(1, "Say what content you need").max(300),
  details: z.string().trim().max(5000).default(""),
});
export type RequestCreateInput = z.infer<typeof requestCreateInputSchema>;

const statusFilter = z.array(z.enum(requestStatuses)).max(4).optional();

/** requests.mine: the caller's own requests, optionally by status. */
export const myRequestsInputSchema = z.object({ status: statusFilter }).default({});

/** requests.queue: everyone's requests for marketers, optionally by status or assignee. */
export const requestQueueInputSchema = z
  .object({ status: statusFilter, assignee: z.enum(["me", "nobody"]).optional() })
  .default({});
export type RequestQueueInput = z.infer<typeof requestQueueInputSchema>;
