import { roleProcedure, router } from "../trpc/init";
import { scimBaseUrl } from "./scim-resources";
import { revokeScimToken, rotateScimToken, scimTokenStatus } from "./scim-token";

const admin = roleProcedure("admin");

/** The SCIM bearer token: admins create, rotate and revoke it; it is shown once and kept hashed. */
export const scimRouter = router({
  status: admin.query(async ({ ctx }) => ({
    ...(await scimTokenStatus(ctx.db)),
    baseUrl: scimBaseUrl(ctx.deps.config.publicUrl),
  })),

  /** A new token; the previous one stops working at once. */
  rotateToken: admin.mutation(({ ctx }) => rotateScimToken(ctx.db, ctx.user.id)),

  revokeToken: admin.mutation(async ({ ctx }) => {
    await revokeScimToken(ctx.db, ctx.user.id);
    return { ok: true as const };
  }),
});
