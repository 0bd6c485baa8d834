import { clients } from "@pitchside/shared";
import { emailSchema, passwordSchema } from "@pitchside/shared/schemas";
import { z } from "zod";
import { getSsoSettings } from "../admin/workspace-settings";
import { writeAudit } from "../audit";
import { AppError } from "../errors";
import type { Context } from "../trpc/context";
import { authedProcedure, publicProcedure, router } from "../trpc/init";
import { changePassword, login, logout } from "./auth-service";
import { redeemConnectCode } from "./extension-connect";

/** With "SSO required", passwords work only for the break-glass addresses (BREAK_GLASS_EMAILS). */
async function passwordSignInAllowed(ctx: Context, email?: string): Promise<boolean> {
  if (!ctx.deps.config.oidc || !(await getSsoSettings(ctx.db)).ssoRequired) return true;
  return email !== undefined && ctx.deps.config.breakGlassEmails.includes(email.toLowerCase());
}

export const authRouter = router({
  /** How the sign-in page offers to sign in: SSO when configured, the password form unless SSO is required. */
  methods: publicProcedure.query(async ({ ctx }) => ({
    sso: Boolean(ctx.deps.config.oidc),
    password: await passwordSignInAllowed(ctx),
  })),

  /**
   * The extension's sign-in through the portal: the single-use code its tab received
   * (/api/auth/extension/connect) becomes an extension token.
   */
  redeemExtensionCode: publicProcedure
    .input(
      z.object({
        code: z.string().min(1, "code is required").max(200),
        tokenName: z.string().trim().min(1).max(100).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const result = await redeemConnectCode(ctx.db, input.code, input.tokenName);
      await writeAudit(ctx.db, result.user.id, "auth.extension_connected", "user", result.user.id, {});
      return result;
    }),

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
      if (!(await passwordSignInAllowed(ctx, input.email))) {
        throw new AppError("FORBIDDEN", "This workspace signs in with SSO: use “Sign in with SSO”", {
          reason: "ssoRequired",
        });
      }
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
