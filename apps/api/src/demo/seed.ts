import { sql } from "drizzle-orm";
import type { ClusterBus } from "../cluster/cluster-bus";
import { ConfigError } from "../config";
import type { Db } from "../db/client";
import { teams } from "../db/schema";
import { passwordProblem } from "../identity/password-strength";
import { countUsers, createUser } from "../identity/users-service";
import { upsertTerms } from "../taxonomy/taxonomy-service";
import { demoTaxonomy } from "./demo-taxonomy";
import { demoTeams, demoUsers } from "./demo-users";

/** An arbitrary key for the advisory lock that makes seeding one at a time. */
const SEED_LOCK = 7_318_004;

/**
 * Runs `seed` in a transaction that holds the seeding lock: API processes starting side by side on
 * an empty database would otherwise all count no users and all seed, and all but one would stop.
 */
function oneSeederAtATime(db: Db, seed: (tx: Db) => Promise<boolean>): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    return seed(tx);
  });
}

/** Demo workspace on an empty database: teams, one user per role, the taxonomy. */
export function seedDemo(db: Db, bus: ClusterBus): Promise<boolean> {
  return oneSeederAtATime(db, (tx) => seedDemoNow(tx, bus));
}

async function seedDemoNow(db: Db, bus: ClusterBus): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false;
  const teamRows = await db
    .insert(teams)
    .values(demoTeams.map((name) => ({ name })))
    .returning();
  const teamId = (name: string | undefined) => teamRows.find((t) => t.name === name)?.id ?? null;
  // the demo's passwords are printed at start and in the README: a strength rule protects nothing there
  for (const u of demoUsers) await createUser(db, { ...u, teamId: teamId(u.team) }, { checkStrength: false });
  await upsertTerms(db, bus, null, demoTaxonomy);
  return true;
}

/** PITCHSIDE_ADMIN_EMAIL/PASSWORD: the first admin of an empty, non-demo database. */
export function seedAdmin(db: Db, admin: { email: string; password: string }): Promise<boolean> {
  return oneSeederAtATime(db, (tx) => seedAdminNow(tx, admin));
}

async function seedAdminNow(db: Db, admin: { email: string; password: string }): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false;
  const account = { email: admin.email, name: "Administrator" };
  // a weak password stops the start with one line, like any other bad setting
  const problem = await passwordProblem(admin.password, account);
  if (problem) throw new ConfigError(`Invalid configuration: PITCHSIDE_ADMIN_PASSWORD: ${problem.message}`);
  await createUser(db, { ...account, role: "admin", password: admin.password });
  return true;
}
