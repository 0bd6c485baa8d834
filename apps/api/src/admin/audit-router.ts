import { roleProcedure, router } from "../trpc/init";
import { auditListInputSchema } from "./audit-inputs";
import { listAudit } from "./audit-list";

export const auditRouter = router({
  /** Admins read who changed what; nobody else reads the log. */
  list: roleProcedure("admin")
    .input(auditListInputSchema)
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
});
