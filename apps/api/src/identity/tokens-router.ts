import { z } from "zod";
import { authedProcedure, router } from "../trpc/init";
import { listTokens, revokeToken } from "./auth-service";

export const tokensRouter = router({
  /** Your own tokens; an admin may ask for everyone's (`all: true`). */
  list: authedProcedure
    .input(z.object({ all: z.boolean().default(false) }).default({ all: false }))
    .query(({ ctx, input }) => {
      const everyone = input.all && ctx.user.role === "admin";
      return listTokens(ctx.db, everyone ? undefined : ctx.user.id);
    }),

  revoke: authedProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    await revokeToken(ctx.db, ctx.deps.bus, input.id, ctx.user.role === "admin" ? undefined : ctx.user.id);
    return { ok: true as const };
  }),
});
