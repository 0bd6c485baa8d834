import type { Role } from "@pitchside/shared";

/** Marketers and admins curate the library; the API checks the same on every call. */
export const curatorRoles: readonly Role[] = ["marketer", "admin"];
export const canCurate = (role: Role) => curatorRoles.includes(role);
