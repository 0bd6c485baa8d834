import { emailSchema, passwordSchema, roleSchema } from "@pitchside/shared/schemas";
import { z } from "zod";
import { writeAudit } from "../audit";
import { AppError } from "../errors";
import { authedProcedure, roleProcedure, router } from "../trpc/init";
import {
  createTeam,
  createUser,
  disableUser,
  enableUser,
  listTeams,
  listUsers,
  updateUser,
} from "./users-service";

const admin = roleProcedure("admin");

export const usersRouter = router({
  create: admin
    .input(
      z.object({
        email: emailSchema,
        name: z.string().trim().min(1).max(200),
        role: roleSchema,
        password: passwordSchema,
        teamId: z.uuid().nullish(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const user = await createUser(ctx.db, input);
      await writeAudit(ctx.db, ctx.user.id, "user.create", "user", user.id, {
        email: user.email,
        role: user.role,
      });
      return user;
    }),

  list: admin.query(({ ctx }) => listUsers(ctx.db)),

  update: admin
    .input(
      z.object({
        id: z.uuid(),
        name: z.string().trim().min(1).max(200).optional(),
        role: roleSchema.optional(),
        teamId: z.uuid().nullable().optional(),
        password: passwordSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { id, ...patch } = input;
      const user = await updateUser(ctx.db, ctx.deps.bus, id, patch);
      const { password, ...logged } = patch;
      await writeAudit(ctx.db, ctx.user.id, "user.update", "user", id, {
        ...logged,
        passwordReset: !!password,
      });
      return user;
    }),

  disable: admin.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    if (input.id === ctx.user.id) {
      throw new AppError("BAD_REQUEST", "You can't deactivate yourself", { reason: "cannotDisableSelf" });
    }
    await disableUser(ctx.db, ctx.deps.bus, input.id);
    await writeAudit(ctx.db, ctx.user.id, "user.disable", "user", input.id, {});
    return { ok: true as const };
  }),

  enable: admin.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    await enableUser(ctx.db, ctx.deps.bus, input.id);
    await writeAudit(ctx.db, ctx.user.id, "user.enable", "user", input.id, {});
    return { ok: true as const };
  }),

  /** Each user picks the UI language; remembered across devices. */
  setLocale: authedProcedure
    .input(z.object({ locale: z.enum(["en", "ja"]) }))
    .mutation(({ ctx, input }) => updateUser(ctx.db, ctx.deps.bus, ctx.user.id, { locale: input.locale })),

  teams: authedProcedure.query(({ ctx }) => listTeams(ctx.db)),

  createTeam: admin
    .input(z.object({ name: z.string().trim().min(1).max(100) }))
    .mutation(async ({ ctx, input }) => {
      const team = await createTeam(ctx.db, input.name);
      await writeAudit(ctx.db, ctx.user.id, "team.create", "team", team.id, { name: team.name });
      return team;
    }),
});
