import type { AppRouter } from "@pitchside/api/router";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export type SessionUser = RouterOutputs["auth"]["me"]["user"];
export type UserRow = RouterOutputs["users"]["list"][number];
export type Team = RouterOutputs["users"]["teams"][number];
export type TokenRow = RouterOutputs["tokens"]["list"][number];
export type SessionRow = RouterOutputs["sessions"]["mine"][number];
export type AuditEntry = RouterOutputs["audit"]["list"]["entries"][number];
export type TeamDeletionImpact = RouterOutputs["teams"]["deletionImpact"];
export type TaxonomyTermRow = RouterOutputs["taxonomy"]["list"][number];
export type DealImportResult = RouterOutputs["deals"]["importCsv"];
