import type { ClusterBus } from "../cluster/cluster-bus";
import { ConfigError } from "../config";
import type { Db } from "../db/client";
import { teams } from "../db/schema";
import { passwordProblem } from "../identity/password-strength";
import { countUsers, createUser } from "../identity/users-service";
import { upsertTerms } from "../taxonomy/taxonomy-service";
import { demoTaxonomy } from "./demo-taxonomy";
import { demoTeams, demoUsers } from "./demo-users";

/** Demo workspace on an empty database: teams, one user per role, the taxonomy. */
export async function seedDemo(db: Db, bus: ClusterBus): Promise<boolean> {
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
export async function seedAdmin(db: Db, admin: { email: string; password: string }): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false;
  const account = { email: admin.email, name: "Administrator" };
  // a weak password stops the start with one line, like any other bad setting
  const problem = await passwordProblem(admin.password, account);
  if (problem) throw new ConfigError(`Invalid configuration: PITCHSIDE_ADMIN_PASSWORD: ${problem.message}`);
  await createUser(db, { ...account, role: "admin", password: admin.password });
  return true;
}
