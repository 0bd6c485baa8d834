import { emailSchema, passwordSchema } from "@pitchside/shared/schemas";
import { z } from "zod";
import { writeAudit } from "../audit";
import { publicProcedure, roleProcedure, router } from "../trpc/init";
import { linkToken } from "./account-links";
import { startSession } from "./auth-service";
import {
  completePasswordReset,
  createResetLink,
  lookupPasswordReset,
  requestPasswordReset,
  resetBudgets,
} from "./password-reset-service";

export const passwordResetRouter = router({
  /** Whether the sign-in page offers "Forgot password?" (only when mail can go out). */
  options: publicProcedure.query(({ ctx }) => ({ byMail: Boolean(ctx.deps.config.smtp) })),

  /** The same answer whether or not an account has this email. */
  request: publicProcedure.input(z.object({ email: emailSchema })).mutation(async ({ ctx, input }) => {
    await requestPasswordReset(ctx.db, ctx.deps.config, resetBudgets(ctx.deps.limiters), {
      email: input.email,
      ip: ctx.ip,
    });
    return { ok: true as const };
  }),

  /** An admin's link to copy for a user (when no mail goes out, or the user cannot get it). */
  createLink: roleProcedure("admin")
    .input(z.object({ userId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const result = await createResetLink(ctx.db, ctx.deps.config, {
        userId: input.userId,
        adminId: ctx.user.id,
      });
      await writeAudit(ctx.db, ctx.user.id, "user.reset_link", "user", input.userId, {});
      return result;
    }),

  lookup: publicProcedure
    .input(z.object({ token: linkToken }))
    .query(({ ctx, input }) => lookupPasswordReset(ctx.db, input.token)),

  /** Sets the password, ends the user's other sessions and tokens, and signs this browser in. */
  complete: publicProcedure
    .input(z.object({ token: linkToken, password: passwordSchema }))
    .mutation(async ({ ctx, input }) => {
      const user = await completePasswordReset(ctx.db, ctx.deps.bus, input);
      await writeAudit(ctx.db, user.id, "user.password_reset", "user", user.id, {});
      const session = await startSession(ctx.db, user.id);
      ctx.cookies.setSession(session.sessionToken, session.expiresAt);
      return { user };
    }),
});
