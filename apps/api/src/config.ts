import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Role, roles } from "@pitchside/shared";
import { z } from "zod";
import type { MeiliIndexingLimits } from "./search/meili-process";
import { FFMPEG, LIBREOFFICE, locateTool, type SystemTool } from "./system-tools";

/** The repository root: default home of ./data and of the built portal. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === "" || v === undefined ? undefined : v));

const optionalUrl = z
  .string()
  .optional()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(z.url({ message: "must be a URL such as http://127.0.0.1:7700" }).optional());

/** A comma-separated list, each entry trimmed and empty ones dropped. */
const commaList = optionalString.transform((v) =>
  (v ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== ""),
);

/** `group=value,group=value`: a group the identity provider names, and what it grants here. */
const groupMap = <T extends string>(valueOk: (v: string) => v is T, expected: string) =>
  commaList.transform((entries, ctx): Array<[string, T]> => {
    const pairs: Array<[string, T]> = [];
    for (const entry of entries) {
      const at = entry.lastIndexOf("=");
      const group = entry.slice(0, at).trim();
      const value = entry.slice(at + 1).trim();
      if (at <= 0 || !valueOk(value)) {
        ctx.addIssue({
          code: "custom",
          message: `must be group=${expected} pairs separated by commas; ${JSON.stringify(entry)} is not one`,
        });
        return z.NEVER;
      }
      pairs.push([group, value]);
    }
    return pairs;
  });
const isRole = (v: string): v is Role => (roles as readonly string[]).includes(v);
const isName = (v: string): v is string => v !== "";

/** Express's named address ranges, accepted in TRUST_PROXY beside addresses and CIDR ranges. */
const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

const isProxyAddress = (entry: string) => {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
};

/**
 * Express's `trust proxy`: false (the default: X-Forwarded-For is ignored), a hop count, or the
 * proxies' addresses. `true` is refused: it believes whatever a client writes in the header.
 */
const trustProxy = z
  .string()
  .optional()
  .transform((v, ctx): false | number | string[] => {
    const value = v?.trim() ?? "";
    if (value === "" || value === "false" || value === "0") return false;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(",").map((e) => e.trim());
    const bad = entries.find((e) => !isProxyAddress(e));
    if (bad === undefined) return entries;
    ctx.addIssue({
      code: "custom",
      message:
        value === "true"
          ? "must name the proxies (a hop count such as 1, or addresses such as 10.0.0.0/8): true would believe any client's X-Forwarded-For"
          : `must be a hop count or a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal; ${JSON.stringify(bad)} is none of these`,
    });
    return z.NEVER;
  });

const envSchema = z
  .object({
    PORT: z.coerce.number().int("must be a whole number").min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    DATA_DIR: z.string().min(1).default(path.join(repoRoot, "data")),
    PUBLIC_URL: optionalUrl,
    DATABASE_URL: z
      .string()
      .optional()
      .transform((v) => (v === "" ? undefined : v))
      .pipe(
        z
          .string()
          .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
          .optional(),
      ),
    MEILI_URL: optionalUrl,
    REDIS_URL: optionalString.pipe(
      z
        .string()
        .regex(/^rediss?:\/\/[^/]/, "must start with redis:// or rediss:// (e.g. redis://127.0.0.1:6379)")
        .optional(),
    ),
    MEILI_MASTER_KEY: optionalString,
    MEILI_BINARY: optionalString,
    MEILI_MAX_INDEXING_MEMORY: z
      .string()
      .optional()
      .transform((v) => (v === "" || v === undefined ? "256Mb" : v.trim()))
      .pipe(
        z
          .string()
          .regex(
            /^(auto|\d+(\.\d+)?\s*(b|kb|kib|mb|mib|gb|gib)?)$/i,
            "must be an amount such as 256Mb or 1GiB, or auto (Meilisearch's own two thirds of the RAM)",
          ),
      ),
    MEILI_MAX_INDEXING_THREADS: optionalString.pipe(
      z
        .string()
        .regex(/^\d+$/, "must be a whole number")
        .transform(Number)
        .pipe(z.number().min(1, "must be at least 1"))
        .optional(),
    ),
    STORAGE: z.enum(["local", "s3"]).default("local"),
    S3_BUCKET: optionalString,
    S3_REGION: optionalString,
    S3_ENDPOINT: optionalUrl,
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    S3_FORCE_PATH_STYLE: flag,
    S3_DOWNLOADS: z.enum(["proxy", "presigned"]).default("proxy"),
    SESSION_SECRET: z
      .string()
      .optional()
      .transform((v) => (v === "" ? undefined : v))
      .pipe(z.string().min(32, "must be at least 32 characters").optional()),
    CRM_WEBHOOK_SECRET: z
      .string()
      .optional()
      .transform((v) => (v === "" ? undefined : v))
      .pipe(z.string().min(16, "must be at least 16 characters").optional()),
    PITCHSIDE_DEMO: flag,
    PITCHSIDE_ADMIN_EMAIL: optionalString.pipe(z.email("must be an email address").optional()),
    PITCHSIDE_ADMIN_PASSWORD: optionalString.pipe(
      z.string().min(12, "must be at least 12 characters").optional(),
    ),
    TRUST_PROXY: trustProxy,
    UPLOAD_MAX_MB: z.coerce.number().positive("must be a positive number").default(100),
    UPLOADS_PER_HOUR: z.coerce
      .number()
      .int("must be a whole number")
      .positive("must be positive")
      .default(200),
    CRM_WEBHOOK_CALLS_PER_MINUTE: z.coerce
      .number()
      .int("must be a whole number")
      .positive("must be positive")
      .default(120),
    JOB_LEASE_SECONDS: z.coerce.number().positive("must be a positive number of seconds").default(30),
    SEARCH_TIMEOUT_MS: z.coerce
      .number()
      .int("must be a whole number of milliseconds")
      .positive("must be a positive number of milliseconds")
      .default(500),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    LOG_FORMAT: z.enum(["json", "pretty", ""]).optional(),
    SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive("must be a positive number of seconds").default(20),
    METRICS_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    METRICS_PORT: z
      .string()
      .regex(/^\d*$/, "must be a port number")
      .optional()
      .transform((v) => (v ? Number(v) : undefined))
      .pipe(z.number().int().min(1, "must be a port number").max(65535, "must be a port number").optional()),
    /** The built portal to serve; tests point it at a build of their own. */
    PORTAL_DIR: z.string().min(1).optional(),
    SMTP_URL: optionalString.pipe(
      z
        .string()
        .regex(
          /^smtps?:\/\//,
          "must start with smtp:// or smtps:// (e.g. smtp://user:pass@mail.example.com:587)",
        )
        .optional(),
    ),
    MAIL_FROM: optionalString,
    /** The weekly summary's day (mon … sun) and hour (0–23, UTC): by default Monday 08:00 UTC. */
    WEEKLY_SUMMARY_DAY: z
      .enum(
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        "must be one of mon, tue, wed, thu, fri, sat, sun",
      )
      .default("mon"),
    WEEKLY_SUMMARY_HOUR: z
      .string()
      .regex(/^\d{1,2}$/, "must be an hour from 0 to 23")
      .default("8")
      .transform(Number)
      .pipe(z.number().int().max(23, "must be an hour from 0 to 23")),
    OIDC_ISSUER: optionalUrl,
    OIDC_CLIENT_ID: optionalString,
    OIDC_CLIENT_SECRET: optionalString,
    OIDC_SCOPES: optionalString.transform((v) => v ?? "openid email profile"),
    OIDC_ROLE_CLAIM: optionalString,
    OIDC_TEAM_CLAIM: optionalString,
    OIDC_ROLE_MAP: groupMap(isRole, roles.join("|")),
    OIDC_TEAM_MAP: groupMap(isName, "team name"),
    OIDC_ALLOWED_DOMAINS: commaList.transform((domains) => domains.map((d) => d.toLowerCase())),
    BREAK_GLASS_EMAILS: commaList.pipe(z.array(z.email("must list email addresses separated by commas"))),
    SOFFICE_PATH: optionalString,
    FFMPEG_PATH: optionalString,
    PATH: optionalString,
  })
  .superRefine((env, ctx) => {
    if (env.STORAGE === "s3") {
      for (const key of ["S3_BUCKET", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when STORAGE=s3" });
      }
    } else if (env.S3_DOWNLOADS === "presigned") {
      ctx.addIssue({ code: "custom", path: ["S3_DOWNLOADS"], message: "presigned needs STORAGE=s3" });
    }
    if (env.MEILI_URL && !env.MEILI_MASTER_KEY) {
      ctx.addIssue({ code: "custom", path: ["MEILI_MASTER_KEY"], message: "is required with MEILI_URL" });
    }
    if (Boolean(env.PITCHSIDE_ADMIN_EMAIL) !== Boolean(env.PITCHSIDE_ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: "custom",
        path: [env.PITCHSIDE_ADMIN_EMAIL ? "PITCHSIDE_ADMIN_PASSWORD" : "PITCHSIDE_ADMIN_EMAIL"],
        message: "PITCHSIDE_ADMIN_EMAIL and PITCHSIDE_ADMIN_PASSWORD go together",
      });
    }
    if (env.OIDC_ISSUER || env.OIDC_CLIENT_ID || env.OIDC_CLIENT_SECRET) {
      for (const key of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const) {
        if (!env[key]) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message:
              "is required with the other OIDC_ variables (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)",
          });
        }
      }
    }
    if (!env.OIDC_SCOPES.split(/\s+/).includes("openid")) {
      ctx.addIssue({ code: "custom", path: ["OIDC_SCOPES"], message: "must include openid" });
    }
    if (env.OIDC_ROLE_MAP.length > 0 && !env.OIDC_ROLE_CLAIM) {
      ctx.addIssue({ code: "custom", path: ["OIDC_ROLE_CLAIM"], message: "is required with OIDC_ROLE_MAP" });
    }
    if (env.OIDC_TEAM_MAP.length > 0 && !env.OIDC_TEAM_CLAIM) {
      ctx.addIssue({ code: "custom", path: ["OIDC_TEAM_CLAIM"], message: "is required with OIDC_TEAM_MAP" });
    }
  });

export type Env = z.infer<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string;
  /** PUBLIC_URL was given (else publicUrl is a guess from HOST and PORT). */
  publicUrlSet: boolean;
  databaseUrl: string | undefined;
  /** Rate limits count here, and messages between API processes (cache invalidation) travel here, when set
   * (else Postgres, LISTEN/NOTIFY and a table; else memory and this process alone). */
  redisUrl: string | undefined;
  meili:
    | { url: string; masterKey: string }
    | { binary: string | undefined; dataDir: string; indexing: MeiliIndexingLimits };
  storage:
    | { kind: "local"; dir: string }
    | {
        kind: "s3";
        bucket: string;
        region: string;
        endpoint?: string;
        /** Bucket in the path (http://host/bucket/key), as MinIO and most self-hosted servers want. */
        forcePathStyle: boolean;
        /** Downloads streamed through the API, or answered with a redirect to a presigned URL. */
        downloads: "proxy" | "presigned";
      };
  s3Credentials?: { accessKeyId: string; secretAccessKey: string };
  sessionSecret: string;
  /** The secret came from DATA_DIR (SESSION_SECRET unset): on Postgres, processes then share the first one's. */
  sessionSecretGenerated: boolean;
  crmWebhookSecret: string | undefined;
  demo: boolean;
  admin: { email: string; password: string } | undefined;
  uploadMaxBytes: number;
  /** Uploads one user may make in an hour, and CRM webhook calls one sending address may make a minute. */
  limits: { uploadsPerHour: number; crmWebhookCallsPerMinute: number };
  /** A running job whose worker has not renewed its lease for this long is run again. */
  jobLeaseMs: number;
  /** A search that Meilisearch has not answered by then is answered from the database. */
  searchTimeoutMs: number;
  /** Express's `trust proxy`: who may tell us the client's address in X-Forwarded-For. */
  trustProxy: false | number | string[];
  logLevel: Env["LOG_LEVEL"];
  /** Unset: pretty at a terminal, JSON otherwise. */
  logFormat: "json" | "pretty" | undefined;
  /** How long a shutdown waits for requests in flight and running jobs before it cuts them off. */
  shutdownTimeoutMs: number;
  /**
   * GET /metrics: with a token, on the API's port for `Authorization: Bearer <token>`; with a port,
   * on a listener of its own bound to 127.0.0.1; with neither, not served.
   */
  metrics: { token: string | undefined; port: number | undefined };
  portalDir: string;
  /** Email alerts go out through this server; absent, alerts stay in the app. */
  smtp?: { url: string; from: string };
  /** When the last week's summary is made (and mailed): ISO weekday 1–7 and hour, UTC. */
  weeklySummary: { day: number; hour: number };
  /** Single sign-on through an OpenID provider, when OIDC_ISSUER and its client are set. */
  oidc?: OidcConfig;
  /** These may still sign in with a password when the workspace requires SSO (lower case). */
  breakGlassEmails: string[];
  /** LibreOffice (Office renditions) and ffmpeg (video posters), or null when the machine has none. */
  tools: { soffice: string | null; ffmpeg: string | null };
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** The ID token or userinfo claim holding the groups that grant a role, and a team. */
  roleClaim: string | undefined;
  teamClaim: string | undefined;
  /** Group → role and group → team name, in the order given: the first of a user's groups that matches wins. */
  roleMap: Array<[string, Role]>;
  teamMap: Array<[string, string]>;
  /** Email domains whose people get an account at their first sign-in (lower case; none: nobody new). */
  allowedDomains: string[];
}

/** One line naming the variable and what is wrong with it. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = issue?.path.join(".") || "environment";
  throw new ConfigError(`Invalid configuration: ${variable} ${issue?.message ?? "is invalid"}`);
}

/** Reads SESSION_SECRET or the one generated into DATA_DIR on first start. */
function sessionSecretFor(dataDir: string, given: string | undefined): string {
  if (given) return given;
  const file = path.join(dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function toolPath(tool: SystemTool, env: Env): string | null {
  const found = locateTool(tool, env[tool.variable], env.PATH);
  if ("error" in found) throw new ConfigError(`Invalid configuration: ${tool.variable} ${found.error}`);
  return found.path;
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const env = parseEnv(source);
  const dataDir = path.resolve(env.DATA_DIR);
  return {
    port: env.PORT,
    host: env.HOST,
    dataDir,
    publicUrl: (env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/$/, ""),
    publicUrlSet: env.PUBLIC_URL !== undefined,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    meili:
      env.MEILI_URL && env.MEILI_MASTER_KEY
        ? { url: env.MEILI_URL, masterKey: env.MEILI_MASTER_KEY }
        : {
            binary: env.MEILI_BINARY,
            dataDir: path.join(dataDir, "meili"),
            indexing: {
              maxMemory: env.MEILI_MAX_INDEXING_MEMORY === "auto" ? undefined : env.MEILI_MAX_INDEXING_MEMORY,
              maxThreads: env.MEILI_MAX_INDEXING_THREADS,
            },
          },
    storage:
      env.STORAGE === "s3" && env.S3_BUCKET && env.S3_REGION
        ? {
            kind: "s3",
            bucket: env.S3_BUCKET,
            region: env.S3_REGION,
            ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
            forcePathStyle: env.S3_FORCE_PATH_STYLE,
            downloads: env.S3_DOWNLOADS,
          }
        : { kind: "local", dir: path.join(dataDir, "files") },
    ...(env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
      ? { s3Credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY } }
      : {}),
    sessionSecret: sessionSecretFor(dataDir, env.SESSION_SECRET),
    sessionSecretGenerated: !env.SESSION_SECRET,
    crmWebhookSecret: env.CRM_WEBHOOK_SECRET,
    demo: env.PITCHSIDE_DEMO,
    admin:
      env.PITCHSIDE_ADMIN_EMAIL && env.PITCHSIDE_ADMIN_PASSWORD
        ? { email: env.PITCHSIDE_ADMIN_EMAIL, password: env.PITCHSIDE_ADMIN_PASSWORD }
        : undefined,
    uploadMaxBytes: Math.round(env.UPLOAD_MAX_MB * 1024 * 1024),
    limits: {
      uploadsPerHour: env.UPLOADS_PER_HOUR,
      crmWebhookCallsPerMinute: env.CRM_WEBHOOK_CALLS_PER_MINUTE,
    },
    jobLeaseMs: Math.round(env.JOB_LEASE_SECONDS * 1000),
    searchTimeoutMs: env.SEARCH_TIMEOUT_MS,
    trustProxy: env.TRUST_PROXY,
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT || undefined,
    shutdownTimeoutMs: Math.round(env.SHUTDOWN_TIMEOUT_SECONDS * 1000),
    metrics: { token: env.METRICS_TOKEN, port: env.METRICS_PORT },
    portalDir: env.PORTAL_DIR ? path.resolve(env.PORTAL_DIR) : path.join(repoRoot, "apps/portal/dist"),
    tools: { soffice: toolPath(LIBREOFFICE, env), ffmpeg: toolPath(FFMPEG, env) },
    weeklySummary: {
      day: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].indexOf(env.WEEKLY_SUMMARY_DAY) + 1,
      hour: env.WEEKLY_SUMMARY_HOUR,
    },
    ...(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
      ? {
          oidc: {
            issuer: env.OIDC_ISSUER,
            clientId: env.OIDC_CLIENT_ID,
            clientSecret: env.OIDC_CLIENT_SECRET,
            scopes: env.OIDC_SCOPES,
            roleClaim: env.OIDC_ROLE_CLAIM,
            teamClaim: env.OIDC_TEAM_CLAIM,
            roleMap: env.OIDC_ROLE_MAP,
            teamMap: env.OIDC_TEAM_MAP,
            allowedDomains: env.OIDC_ALLOWED_DOMAINS,
          },
        }
      : {}),
    breakGlassEmails: env.BREAK_GLASS_EMAILS.map((e) => e.toLowerCase()),
    ...(env.SMTP_URL
      ? {
          smtp: {
            url: env.SMTP_URL,
            from:
              env.MAIL_FROM ??
              `Pitchside <no-reply@${new URL(env.PUBLIC_URL ?? "http://localhost").hostname}>`,
          },
        }
      : {}),
  };
}
