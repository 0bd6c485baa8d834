import { forgetOnChange, hearsChanges } from "../cluster/change-notices";
import type { Db } from "../db/client";
import { ShortCache } from "../short-cache";
import type { Authenticated } from "./auth-service";

/**
 * Every request authenticates; the lookup was a third of search.query's overhead. Only found
 * credentials are kept, for 5 s; a sign-out, revocation or user change drops the user's at once in
 * every API process (cluster/change-notices.ts), and nothing is kept while a process cannot hear.
 */
export const credentialCache = new ShortCache<Authenticated | null>(
  5_000,
  (found) => found !== null,
  10_000,
  hearsChanges,
);

forgetOnChange((db: Db, notice) => {
  if (notice === null) credentialCache.clear(db);
  else if (notice.kind === "user") credentialCache.forget(db, (found) => found?.user.id === notice.userId);
});
