import { z } from "zod";
import { writeAudit } from "../audit";
import { authedProcedure, router } from "../trpc/init";
import { endMySession, endOtherSessions, listMySessions } from "./my-sessions";

/** The caller's own portal sessions; extension tokens are `tokens.*`. Nobody sees or ends another's. */
export const sessionsRouter = router({
  mine: authedProcedure.query(({ ctx }) => listMySessions(ctx.db, ctx.user.id, ctx.credential)),

  end: authedProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const { wasCurrent } = await endMySession(ctx.db, ctx.deps.bus, ctx.user.id, input.id, ctx.credential);
    await writeAudit(ctx.db, ctx.user.id, "session.end", "user", ctx.user.id, { sessionId: input.id });
    if (wasCurrent) ctx.cookies.clearSession();
    return { ok: true as const, signedOut: wasCurrent };
  }),

  endOthers: authedProcedure.mutation(async ({ ctx }) => {
    await endOtherSessions(ctx.db, ctx.deps.bus, ctx.user.id, ctx.credential);
    await writeAudit(ctx.db, ctx.user.id, "session.end_others", "user", ctx.user.id, {});
    return { ok: true as const };
  }),
});
