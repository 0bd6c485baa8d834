import { eq } from "drizzle-orm";
import type { ClusterBus } from "../cluster/cluster-bus";
import type { Db } from "../db/client";
import { settings, users, weeklySummaries } from "../db/schema";
import { login, logout } from "../identity/auth-service";
import type { LoginThrottle } from "../identity/login-throttle";
import { publicUserColumns } from "../identity/users-service";
import { backfillVisits } from "../tracking/link-visits";
import { seedDemoActivity } from "./demo-activity";
import { linkDemoLanguageVersions } from "./demo-language-families";
import { demoUsers } from "./demo-users";
import { seedDemoLibrary } from "./library/seed-demo-library";

const SEEDED_KEY = "demo.library_seeded_at";
const ACTIVITY_KEY = "demo.activity_seeded_at";

/**
 * Fills the demo workspace's library through the running server's own HTTP import, once: the mark
 * is written only after every asset went in, so a start interrupted half-way imports again (the
 * import skips what is already there).
 */
export async function seedDemoLibraryOnce(
  db: Db,
  bus: ClusterBus,
  throttle: LoginThrottle,
  url: string,
  log: (line: string) => void,
): Promise<void> {
  const [mark] = await db.select().from(settings).where(eq(settings.key, SEEDED_KEY));
  if (!mark && !(await importLibrary(db, bus, throttle, url, log))) return;
  await linkLanguagePairs(db, log);
  const [activity] = await db.select().from(settings).where(eq(settings.key, ACTIVITY_KEY));
  if (activity) return;
  // one transaction with its mark: all of it or none, so a second start never doubles it
  await db.transaction(async (tx) => {
    const made = await seedDemoActivity(tx);
    // a year of history arrived after the fact: weekly summaries stored before it (the clock runs
    // from the start, before the library is in) describe an empty workspace, so they are made again
    await tx.delete(weeklySummaries);
    await tx.insert(settings).values({ key: ACTIVITY_KEY, value: new Date().toISOString() });
    log(`Demo deals and activity ready: ${made.deals} deals, ${made.events} events.`);
  });
  // the demo's prospects read its links: their visits, for "My links"
  await backfillVisits(db);
}

/** Also for a demo library seeded before language families existed. */
async function linkLanguagePairs(db: Db, log: (line: string) => void): Promise<void> {
  const marketer = demoUsers.find((u) => u.role === "marketer");
  if (!marketer) return;
  const [actor] = await db.select(publicUserColumns).from(users).where(eq(users.email, marketer.email));
  if (!actor) return;
  const linked = await linkDemoLanguageVersions(db, actor);
  if (linked > 0) log(`Demo library: ${linked} English and Japanese pairs linked as language versions.`);
}

/** True when every asset went in. */
async function importLibrary(
  db: Db,
  bus: ClusterBus,
  throttle: LoginThrottle,
  url: string,
  log: (line: string) => void,
): Promise<boolean> {
  const marketer = demoUsers.find((u) => u.role === "marketer");
  if (!marketer) throw new Error("the demo workspace has no marketer");
  // a database that was not made by the demo seed has no demo marketer: nothing to fill
  const [account] = await db.select({ id: users.id }).from(users).where(eq(users.email, marketer.email));
  if (!account) return false;
  const session = await login(db, throttle, {
    email: marketer.email,
    password: marketer.password,
    client: "extension",
    ip: "127.0.0.1",
    tokenName: "Demo library import",
  });
  if (session.client !== "extension") throw new Error("expected an extension token");
  try {
    log("Importing the demo library (about 40 assets, English and Japanese)…");
    const started = Date.now();
    const summary = await seedDemoLibrary({ url, token: session.token });
    if (summary.failed.length > 0) {
      log(`Demo library: ${summary.failed.length} assets failed; they are retried on the next start.`);
      for (const f of summary.failed) log(`  ${f.externalId}: ${f.reason}`);
      return false;
    }
    await db.insert(settings).values({ key: SEEDED_KEY, value: new Date().toISOString() });
    log(`Demo library ready: ${summary.created} assets added in ${Date.now() - started} ms.`);
    return true;
  } finally {
    await logout(db, bus, { user: session.user, credential: { kind: "token", tokenId: session.tokenId } });
  }
}
