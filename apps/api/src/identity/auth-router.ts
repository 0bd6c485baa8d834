import { clients, emailSchema } from "@pitchside/shared";
import { z } from "zod";
import { authedProcedure, publicProcedure, router } from "../trpc/init";
import { login, logout } from "./auth-service";

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
      const result = await login(ctx.db, ctx.deps.loginThrottle, { ...input, ip: ctx.ip });
      if (result.client === "extension") return { user: result.user, token: result.token };
      ctx.cookies.setSession(result.sessionToken, result.expiresAt);
      return { user: result.user };
    }),

  logout: authedProcedure.mutation(async ({ ctx }) => {
    await logout(ctx.db, ctx.credential);
    if (ctx.credential.kind === "session") ctx.cookies.clearSession();
    return { ok: true as const };
  }),

  me: authedProcedure.query(({ ctx }) => ({ user: ctx.user, via: ctx.credential.kind })),
});
