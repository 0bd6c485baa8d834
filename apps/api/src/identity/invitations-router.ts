import { emailSchema, passwordSchema, roleSchema } from "@pitchside/shared/schemas";
import { z } from "zod";
import { writeAudit } from "../audit";
import { publicProcedure, roleProcedure, router } from "../trpc/init";
import { linkToken } from "./account-links";
import { startSession } from "./auth-service";
import {
  acceptInvitation,
  createInvitation,
  listPendingInvitations,
  lookupInvitation,
  resendInvitation,
  revokeInvitation,
} from "./invitations-service";

const admin = roleProcedure("admin");
export const invitationsRouter = router({
  /** Mailed when SMTP_URL is set; otherwise the answer carries the link for the admin to copy. */
  create: admin
    .input(
      z.object({
        email: emailSchema,
        role: roleSchema,
        teamId: z.uuid().nullish(),
        /** The invitee's language: the mail's and the new account's (by default the inviter's). */
        locale: z.enum(["en", "ja"]).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const locale = input.locale ?? (ctx.user.locale === "ja" ? "ja" : "en");
      const delivery = await createInvitation(ctx.db, ctx.deps.config, {
        email: input.email,
        role: input.role,
        teamId: input.teamId ?? null,
        locale,
        invitedBy: ctx.user.id,
      });
      await writeAudit(ctx.db, ctx.user.id, "invitation.create", "invitation", delivery.id, {
        email: input.email,
        role: input.role,
        teamId: input.teamId ?? null,
        locale,
        mailed: delivery.mailed,
      });
      return delivery;
    }),

  list: admin.query(({ ctx }) => listPendingInvitations(ctx.db)),

  resend: admin.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const delivery = await resendInvitation(ctx.db, ctx.deps.config, input.id);
    await writeAudit(ctx.db, ctx.user.id, "invitation.resend", "invitation", input.id, {
      mailed: delivery.mailed,
    });
    return delivery;
  }),

  revoke: admin.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const { email } = await revokeInvitation(ctx.db, input.id);
    await writeAudit(ctx.db, ctx.user.id, "invitation.revoke", "invitation", input.id, { email });
    return { ok: true as const };
  }),

  /** The invitation page's facts, or why its link no longer opens. */
  lookup: publicProcedure
    .input(z.object({ token: linkToken }))
    .query(({ ctx, input }) => lookupInvitation(ctx.db, input.token)),

  /** Creates the account and signs it in. */
  accept: publicProcedure
    .input(z.object({ token: linkToken, name: z.string().trim().min(1).max(200), password: passwordSchema }))
    .mutation(async ({ ctx, input }) => {
      const user = await acceptInvitation(ctx.db, input);
      await writeAudit(ctx.db, user.id, "invitation.accept", "user", user.id, { email: user.email });
      const session = await startSession(ctx.db, user.id);
      ctx.cookies.setSession(session.sessionToken, session.expiresAt);
      return { user };
    }),
});
