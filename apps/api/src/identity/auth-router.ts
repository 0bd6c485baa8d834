import { clients, emailSchema, passwordSchema } from "@pitchside/shared";
import { z } from "zod";
import { writeAudit } from "../audit";
import { authedProcedure, publicProcedure, router } from "../trpc/init";
import { changePassword, login, logout } from "./auth-service";

export const authRouter = router({
  login: publicProcedure
    .input(
      z.object({
        email: emailSchema,
        password: z.string().min(1, "Password is required").max(256),
        client: z.enum(clients).default("portal"),
        tokenName: z.string().trim().min(1).max(100).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const result = await login(ctx.db, ctx.deps.loginThrottle, {
        ...input,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
      });
      if (result.client === "extension") return { user: result.user, token: result.token };
      ctx.cookies.setSession(result.sessionToken, result.expiresAt);
      return { user: result.user };
    }),

  logout: authedProcedure.mutation(async ({ ctx }) => {
    await logout(ctx.db, ctx.deps.bus, { user: ctx.user, credential: ctx.credential });
    if (ctx.credential.kind === "session") ctx.cookies.clearSession();
    return { ok: true as const };
  }),

  /** The caller's own password; their other sessions and extension tokens end, this one stays. */
  changePassword: authedProcedure
    .input(
      z.object({
        currentPassword: z.string().min(1, "Current password is required").max(256),
        password: passwordSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await changePassword(ctx.db, ctx.deps.bus, ctx.deps.loginThrottle, {
        user: ctx.user,
        credential: ctx.credential,
        ip: ctx.ip,
        currentPassword: input.currentPassword,
        newPassword: input.password,
      });
      await writeAudit(ctx.db, ctx.user.id, "user.password_change", "user", ctx.user.id, {});
      return { ok: true as const };
    }),

  me: authedProcedure.query(({ ctx }) => ({ user: ctx.user, via: ctx.credential.kind })),
});
