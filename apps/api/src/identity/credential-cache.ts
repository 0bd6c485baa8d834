import { ShortCache } from "../short-cache";
import type { Authenticated } from "./auth-service";

/**
 * Every request authenticates; the lookup was a third of search.query's overhead. Only found
 * credentials are kept, for 5 s; every sign-out, revocation and user change made through this
 * process clears them at once, another API process's within those 5 s.
 */
export const credentialCache = new ShortCache<Authenticated | null>(5_000, (found) => found !== null);

export const forgetCredentials = () => credentialCache.clear();
