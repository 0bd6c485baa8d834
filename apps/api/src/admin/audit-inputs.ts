import { z } from "zod";

/** audit.list: the log, newest first, optionally only about some kinds of thing. */
export const auditListInputSchema = z
  .object({
    /** Only entries about these kinds of thing (`user`, `team`, `asset`, …). */
    entities: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).max(1_000_000).default(0),
  })
  .default({ limit: 50, offset: 0 });
export type AuditListInput = z.infer<typeof auditListInputSchema>;
