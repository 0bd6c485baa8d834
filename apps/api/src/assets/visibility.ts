import { and, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { assets } from "../db/schema";
import type { SessionUser } from "../identity/users-service";

/** Marketers and admins curate the whole library; reps see what is live for their team. */
export const seesEverything = (user: SessionUser) => user.role === "admin" || user.role === "marketer";

/** Published and not expired: what reps see at all. */
const live = sql`${assets.status} = 'published' and (${assets.expiresAt} is null or ${assets.expiresAt} > now())`;

/**
 * The one visibility rule, as SQL: every database read path (get, list,
 * download, collections, the search fallback) goes through it.
 */
export function visibleAssetsWhere(user: SessionUser): SQL {
  if (seesEverything(user)) return sql`true`;
  const team = user.teamId ? sql`or ${user.teamId}::uuid = any(${assets.teamIds})` : sql``;
  return sql`(${live} and (cardinality(${assets.teamIds}) = 0 ${team}))`;
}

/** What a rep may be offered: visible to `user`, published and unexpired, whoever `user` is. */
export function liveAssetsWhere(user: SessionUser): SQL {
  return sql`(${visibleAssetsWhere(user)} and ${live})`;
}

/** The same rule as a Meilisearch filter (values are uuids we validated, quoted anyway). */
export function visibleAssetsFilter(user: SessionUser, nowSeconds: number): string | null {
  if (seesEverything(user)) return null;
  const team = user.teamId ? ` OR teamIds = ${JSON.stringify(user.teamId)}` : "";
  return `status = "published" AND (expiresAtTs IS NULL OR expiresAtTs > ${Math.floor(nowSeconds)}) AND (teamIds IS EMPTY${team})`;
}

/**
 * Which of `ids` (hits from the search index) pass `rule` in the database right now, with their
 * status there: the index lags behind the database (the outbox, an outage), so an answer built
 * from it is checked here and never shows what was archived, expired or moved to another team.
 */
export async function checkedAgainstDatabase(
  db: Db,
  ids: string[],
  rule: SQL,
): Promise<Map<string, (typeof assets.$inferSelect)["status"]>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: assets.id, status: assets.status })
    .from(assets)
    .where(and(inArray(assets.id, ids), rule));
  return new Map(rows.map((r) => [r.id, r.status]));
}
