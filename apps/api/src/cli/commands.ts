import path from "node:path";
import { parseArgs } from "node:util";
import { emailSchema, passwordSchema, roleSchema } from "@pitchside/shared/schemas";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { ConfigError, loadConfig } from "../config";
import { acquireDataLock, DataDirLockedError } from "../data-lock";
import { type Database, openDatabase } from "../db/client";
import { teams, users } from "../db/schema";
import { importDealsCommand } from "../deals/import-deals-command";
import { AppError } from "../errors";
import { byEmail, createUser, updateUser } from "../identity/users-service";
import { importLibraryCommand } from "../library-import/import-library-command";
import { createLogger } from "../logger";
import { clusterBus } from "../wiring";
import { reindexCommand } from "./reindex-command";
import { renditionsCommand } from "./renditions-command";
import { storageMigrateCommand } from "./storage-migrate-command";

interface Command {
  summary: string;
  usage: string;
  options: Record<string, { type: "string" | "boolean"; short?: string }>;
  run(values: Record<string, unknown>, positionals: string[]): Promise<string>;
}

/** Opens the configured database; PGlite only while no server holds the data dir. */
async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const release = config.databaseUrl ? () => undefined : acquireDataLock(config.dataDir, "cli");
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: path.join(config.dataDir, "db"),
  });
  try {
    await database.migrate();
    return await fn(database);
  } finally {
    await database.close();
    release();
  }
}

function parse<T>(schema: z.ZodType<T>, values: unknown): T {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new AppError("BAD_REQUEST", `--${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "invalid"}`);
}

const commands: Record<string, Command> = {
  reindex: reindexCommand,
  renditions: renditionsCommand,
  "import-deals": importDealsCommand,
  "import-library": importLibraryCommand,
  "storage:migrate": storageMigrateCommand,
  migrate: {
    summary: "Apply database migrations",
    usage: "migrate",
    options: {},
    run: () => withDatabase(async () => "Database is up to date."),
  },
  "user:create": {
    summary: "Create a user",
    usage:
      "user:create --email <email> --name <name> --role <admin|marketer|rep> --password <pw> [--team <name>]",
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      password: { type: "string" },
      team: { type: "string" },
    },
    run: (values) => {
      const input = parse(
        z.object({
          email: emailSchema,
          name: z.string().min(1, "is required"),
          role: roleSchema,
          password: passwordSchema,
          team: z.string().optional(),
        }),
        values,
      );
      return withDatabase(async ({ db }) => {
        let teamId: string | null = null;
        if (input.team) {
          const [team] = await db.select({ id: teams.id }).from(teams).where(eq(teams.name, input.team));
          if (!team) throw new AppError("BAD_REQUEST", `--team: no team named ${input.team}`);
          teamId = team.id;
        }
        const user = await createUser(db, { ...input, teamId });
        return `Created ${user.role} ${user.email} (${user.id}).`;
      });
    },
  },
  "user:reset-password": {
    summary: "Set a new password (ends the user's sessions and tokens)",
    usage: "user:reset-password --email <email> --password <pw>",
    options: { email: { type: "string" }, password: { type: "string" } },
    run: (values) => {
      const input = parse(z.object({ email: emailSchema, password: passwordSchema }), values);
      return withDatabase(async (database) => {
        const { db } = database;
        const [user] = await db.select({ id: users.id }).from(users).where(byEmail(input.email));
        if (!user) throw new AppError("NOT_FOUND", `No user with email ${input.email}`);
        // running servers on the same Postgres drop the user's cached sessions at once (publishing needs no start)
        const bus = clusterBus(loadConfig(), database, createLogger("warn"));
        try {
          await updateUser(db, bus, user.id, { password: input.password });
        } finally {
          await bus.stop();
        }
        return `Password reset for ${input.email}; their sessions and tokens were ended.`;
      });
    },
  },
};

function help(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    "Usage: pnpm cli <command> [options]",
    "",
    "Commands:",
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `pnpm cli <command> --help` for a command's options. Configuration comes from the",
    "same environment variables as the server (DATA_DIR, DATABASE_URL, ...).",
  ].join("\n");
}

export async function runCli(argv: string[]): Promise<{ code: number; out: string }> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") return { code: 0, out: help() };
  const command = commands[name];
  if (!command) return { code: 2, out: `Unknown command: ${name}\n\n${help()}` };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    return { code: 2, out: `${(err as Error).message}\nUsage: pnpm cli ${command.usage}` };
  }
  if (parsed.values.help) return { code: 0, out: `${command.summary}\nUsage: pnpm cli ${command.usage}` };
  try {
    return { code: 0, out: await command.run(parsed.values, parsed.positionals) };
  } catch (err) {
    if (err instanceof AppError || err instanceof ConfigError || err instanceof DataDirLockedError) {
      return { code: 1, out: `Error: ${err.message}` };
    }
    throw err;
  }
}
