import { type SQL, sql } from "drizzle-orm";
import { seesEverything } from "../assets/visibility";
import { deals, users } from "../db/schema";
import type { SessionUser } from "../identity/users-service";

/** Marketers and admins see every deal; a rep sees the deals they or their teammates own. */
export function visibleDealsWhere(user: SessionUser): SQL {
  if (seesEverything(user)) return sql`true`;
  const team = user.teamId
    ? sql` or ${deals.ownerId} in (select ${users.id} from ${users} where ${users.teamId} = ${user.teamId})`
    : sql``;
  return sql`(${deals.ownerId} = ${user.id}${team})`;
}
