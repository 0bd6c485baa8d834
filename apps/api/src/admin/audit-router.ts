import { z } from "zod";
import { roleProcedure, router } from "../trpc/init";
import { listAudit } from "./audit-list";

export const auditRouter = router({
  /** Admins read who changed what; nobody else reads the log. */
  list: roleProcedure("admin")
    .input(
      z
        .object({
          entities: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
          limit: z.number().int().min(1).max(200).default(50),
          offset: z.number().int().min(0).max(1_000_000).default(0),
        })
        .default({ limit: 50, offset: 0 }),
    )
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
});
