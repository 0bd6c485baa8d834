import type { Role } from "@pitchside/shared";
import type { Db } from "../src/db/client";
import { makeTeam, makeUser } from "./factories";
import { loginCookie, loginToken, startTestServer, type TestServer } from "./server";

/** One person of a test file: their role, team (a name from `teams`), and how they sign in (a token unless told). */
export interface WorkspaceUser<T extends string = string> {
  role: Role;
  team?: T;
  name?: string;
  email?: string;
  login?: "token" | "cookie" | "both" | "none";
}

export type MadeUser = Awaited<ReturnType<typeof makeUser>>;

export interface TestWorkspace<K extends string, T extends string = string> {
  server: TestServer;
  db: Db;
  /** Team ids by name. */
  teams: Record<T, string>;
  users: Record<K, MadeUser>;
  ids: Record<K, string>;
  /** Extension tokens of the users who sign in with one. */
  tokens: Record<K, string>;
  /** Portal Cookie headers of the users who sign in with one. */
  cookies: Record<K, string>;
}

/**
 * The server of one test file (its own database and index prefix) with its teams and users made, in the
 * order given, and signed in; call it in `beforeAll` and close `server` in `afterAll`.
 */
export async function openTestWorkspace<K extends string, const T extends string = never>(
  opts: {
    env?: Record<string, string>;
    meili?: { url: string; masterKey: string };
    teams?: readonly T[];
    users?: Record<K, WorkspaceUser<T>>;
  } = {},
): Promise<TestWorkspace<K, T>> {
  const server = await startTestServer(opts.env, opts.meili ? { meili: opts.meili } : {});
  const { db } = server.deps.database;
  const teams = {} as Record<T, string>; // filled name by name below
  for (const name of opts.teams ?? []) teams[name] = (await makeTeam(db, name)).id;
  const made = {} as Omit<TestWorkspace<K, T>, "server" | "db" | "teams">; // filled key by key below
  made.users = {} as Record<K, MadeUser>;
  made.ids = {} as Record<K, string>;
  made.tokens = {} as Record<K, string>;
  made.cookies = {} as Record<K, string>;
  for (const [key, spec] of Object.entries(opts.users ?? {}) as [K, WorkspaceUser<T>][]) {
    const teamId: string | undefined | null = spec.team === undefined ? null : teams[spec.team];
    if (teamId === undefined) throw new Error(`no team named ${spec.team} in teams`);
    const user = await makeUser(db, {
      role: spec.role,
      teamId,
      ...(spec.name ? { name: spec.name } : {}),
      ...(spec.email ? { email: spec.email } : {}),
    });
    made.users[key] = user;
    made.ids[key] = user.id;
    const login = spec.login ?? "token";
    if (login === "token" || login === "both")
      made.tokens[key] = await loginToken(server, user.email, user.password);
    if (login === "cookie" || login === "both")
      made.cookies[key] = await loginCookie(server, user.email, user.password);
  }
  return { server, db, teams, ...made };
}
