import { z } from "zod";
import { writeAudit } from "../audit";
import { roleProcedure, router } from "../trpc/init";
import { deleteTeamReporting, renameTeam, teamDeletionImpact } from "./teams-service";

const admin = roleProcedure("admin");

const deletion = z.object({
  id: z.uuid(),
  /** The team its users join; null: no team. */
  moveUsersTo: z.uuid().nullable(),
  /** Where content limited to it goes; null: that limit is lifted. Defaults to where the users go. */
  moveContentTo: z.uuid().nullable().optional(),
});

/** Renaming and deleting teams (creating and listing them are `users.createTeam` and `users.teams`). */
export const teamsRouter = router({
  rename: admin
    .input(z.object({ id: z.uuid(), name: z.string().trim().min(1).max(100) }))
    .mutation(async ({ ctx, input }) => {
      const before = await ctx.db.query.teams.findFirst({ where: (t, { eq }) => eq(t.id, input.id) });
      const team = await renameTeam(ctx.db, input.id, input.name);
      await writeAudit(ctx.db, ctx.user.id, "team.rename", "team", team.id, {
        from: before?.name ?? null,
        to: team.name,
      });
      return team;
    }),

  /** What `delete` with the same input would move: the confirmation's figures. */
  deletionImpact: admin.input(deletion).query(({ ctx, input }) => {
    const { id, ...options } = input;
    return teamDeletionImpact(ctx.db, id, options);
  }),

  delete: admin.input(deletion).mutation(async ({ ctx, input }) => {
    const { id, ...options } = input;
    const done = await deleteTeamReporting(ctx.db, id, { ...options, bus: ctx.deps.bus });
    const { team, usersTo, contentTo, ...counts } = done;
    await writeAudit(ctx.db, ctx.user.id, "team.delete", "team", id, {
      name: team.name,
      usersMovedTo: usersTo,
      contentMovedTo: contentTo,
      ...counts,
    });
    const { userIds: _u, assetIds: _a, ...impact } = done;
    return impact;
  }),
});
