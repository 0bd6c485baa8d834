import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

const dataDir = () => mkdtempSync(path.join(tmpdir(), "pitchside-config-"));

describe("config", () => {
  it("has working defaults: loopback, port 3000, embedded database and search", () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config).toMatchObject({ host: "127.0.0.1", port: 3000, databaseUrl: undefined, demo: false });
    expect(config.publicUrl).toBe("http://127.0.0.1:3000");
    expect("binary" in config.meili).toBe(true);
    expect(config.uploadMaxBytes).toBe(100 * 1024 * 1024);
    expect(config).toMatchObject({ jobLeaseMs: 30_000, searchTimeoutMs: 500, shutdownTimeoutMs: 20_000 });
    expect(config).toMatchObject({ redisUrl: undefined });
    expect(loadConfig({ DATA_DIR: dataDir(), REDIS_URL: "redis://10.0.0.6:6379" }).redisUrl).toBe(
      "redis://10.0.0.6:6379",
    );
    expect(config).toMatchObject({ logFormat: undefined, metrics: { token: undefined, port: undefined } });
  });

  it("takes a metrics token or an admin port, and a log format", () => {
    const config = loadConfig({
      DATA_DIR: dataDir(),
      METRICS_TOKEN: "0123456789abcdef",
      METRICS_PORT: "9464",
      LOG_FORMAT: "pretty",
    });
    expect(config).toMatchObject({ logFormat: "pretty", metrics: { token: "0123456789abcdef", port: 9464 } });
  });

  it("caps a spawned Meilisearch's indexing memory at 256Mb unless told otherwise", () => {
    const limits = (env: Record<string, string>) => {
      const { meili } = loadConfig({ DATA_DIR: dataDir(), ...env });
      return "indexing" in meili ? meili.indexing : null;
    };
    expect(limits({})).toEqual({ maxMemory: "256Mb", maxThreads: undefined });
    expect(limits({ MEILI_MAX_INDEXING_MEMORY: "1GiB", MEILI_MAX_INDEXING_THREADS: "2" })).toEqual({
      maxMemory: "1GiB",
      maxThreads: 2,
    });
    expect(limits({ MEILI_MAX_INDEXING_MEMORY: "auto" })).toEqual({
      maxMemory: undefined,
      maxThreads: undefined,
    });
  });

  it("generates SESSION_SECRET once and keeps it in DATA_DIR", () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).sessionSecret;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).toBe(first);
    expect(readFileSync(path.join(dir, "session-secret"), "utf8")).toBe(first);
  });

  it.each([
    [{ PORT: "eighty" }, /^Invalid configuration: PORT /],
    [{ PORT: "70000" }, /^Invalid configuration: PORT /],
    [{ DATABASE_URL: "mysql://x" }, /^Invalid configuration: DATABASE_URL must start with postgres:\/\//],
    [{ MEILI_URL: "not a url" }, /^Invalid configuration: MEILI_URL must be a URL/],
    [
      { MEILI_URL: "http://127.0.0.1:7700" },
      /^Invalid configuration: MEILI_MASTER_KEY is required with MEILI_URL/,
    ],
    [{ REDIS_URL: "127.0.0.1:6379" }, /^Invalid configuration: REDIS_URL must start with redis:\/\//],
    [{ STORAGE: "ftp" }, /^Invalid configuration: STORAGE /],
    [
      { MEILI_MAX_INDEXING_MEMORY: "lots" },
      /^Invalid configuration: MEILI_MAX_INDEXING_MEMORY must be an amount/,
    ],
    [
      { MEILI_MAX_INDEXING_THREADS: "0" },
      /^Invalid configuration: MEILI_MAX_INDEXING_THREADS must be at least 1/,
    ],
    [{ STORAGE: "s3" }, /^Invalid configuration: S3_BUCKET is required when STORAGE=s3/],
    [{ S3_DOWNLOADS: "presigned" }, /^Invalid configuration: S3_DOWNLOADS presigned needs STORAGE=s3/],
    [{ S3_DOWNLOADS: "public" }, /^Invalid configuration: S3_DOWNLOADS /],
    [{ SESSION_SECRET: "short" }, /^Invalid configuration: SESSION_SECRET must be at least 32 characters/],
    [{ PITCHSIDE_ADMIN_EMAIL: "a@example.com" }, /^Invalid configuration: PITCHSIDE_ADMIN_PASSWORD /],
    [{ PITCHSIDE_DEMO: "yes" }, /^Invalid configuration: PITCHSIDE_DEMO /],
    [{ JOB_LEASE_SECONDS: "0" }, /^Invalid configuration: JOB_LEASE_SECONDS must be a positive number/],
    [{ SEARCH_TIMEOUT_MS: "half" }, /^Invalid configuration: SEARCH_TIMEOUT_MS /],
    [{ TRUST_PROXY: "true" }, /^Invalid configuration: TRUST_PROXY must name the proxies/],
    [{ TRUST_PROXY: "10.0.0.0/33" }, /^Invalid configuration: TRUST_PROXY .*"10\.0\.0\.0\/33" is none/],
    [{ TRUST_PROXY: "my-balancer" }, /^Invalid configuration: TRUST_PROXY /],
    [{ METRICS_TOKEN: "short" }, /^Invalid configuration: METRICS_TOKEN must be at least 16 characters/],
    [{ METRICS_PORT: "http" }, /^Invalid configuration: METRICS_PORT must be a port number/],
    [{ LOG_FORMAT: "xml" }, /^Invalid configuration: LOG_FORMAT /],
    [
      { SHUTDOWN_TIMEOUT_SECONDS: "0" },
      /^Invalid configuration: SHUTDOWN_TIMEOUT_SECONDS must be a positive/,
    ],
  ])("refuses %o with one line naming the variable", (env, message) => {
    const attempt = () => loadConfig({ DATA_DIR: dataDir(), ...env });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (err) {
      expect((err as Error).message).not.toContain("\n");
    }
  });

  it("reads a bucket's settings with STORAGE=s3: path style and downloads through the API unless told", () => {
    const s3 = {
      DATA_DIR: dataDir(),
      STORAGE: "s3",
      S3_BUCKET: "pitchside",
      S3_REGION: "eu-central-1",
      S3_ACCESS_KEY_ID: "key",
      S3_SECRET_ACCESS_KEY: "secret",
    };
    expect(loadConfig(s3).storage).toEqual({
      kind: "s3",
      bucket: "pitchside",
      region: "eu-central-1",
      forcePathStyle: false,
      downloads: "proxy",
    });
    const minio = loadConfig({
      ...s3,
      S3_ENDPOINT: "http://127.0.0.1:9000",
      S3_FORCE_PATH_STYLE: "1",
      S3_DOWNLOADS: "presigned",
    });
    expect(minio.storage).toMatchObject({
      endpoint: "http://127.0.0.1:9000",
      forcePathStyle: true,
      downloads: "presigned",
    });
  });

  it("trusts no proxy by default, and a hop count or the proxies' addresses when told", () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: "10.0.0.0/8, loopback, ::1" }).trustProxy).toEqual([
      "10.0.0.0/8",
      "loopback",
      "::1",
    ]);
  });

  it("uses an external Meilisearch when MEILI_URL and MEILI_MASTER_KEY are set", () => {
    const config = loadConfig({
      DATA_DIR: dataDir(),
      MEILI_URL: "http://10.0.0.5:7700",
      MEILI_MASTER_KEY: "k".repeat(20),
    });
    expect(config.meili).toEqual({ url: "http://10.0.0.5:7700", masterKey: "k".repeat(20) });
  });
});

describe("single sign-on config", () => {
  const oidc = {
    OIDC_ISSUER: "https://login.example.com/",
    OIDC_CLIENT_ID: "pitchside",
    OIDC_CLIENT_SECRET: "s3cret-s3cret",
  };

  it("is off without OIDC_ISSUER, and parses the maps, domains and break-glass list when set", () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).oidc).toBeUndefined();
    const config = loadConfig({
      DATA_DIR: dataDir(),
      ...oidc,
      OIDC_ROLE_CLAIM: "groups",
      OIDC_ROLE_MAP: "pitchside-admins=admin, pitchside-marketing = marketer",
      OIDC_TEAM_CLAIM: "groups",
      OIDC_TEAM_MAP: "emea-sales=EMEA,sales=team=with=equals",
      OIDC_ALLOWED_DOMAINS: "Acme.com, acme.co.jp",
      BREAK_GLASS_EMAILS: "Root@Acme.com",
    });
    expect(config.oidc).toEqual({
      issuer: "https://login.example.com/",
      clientId: "pitchside",
      clientSecret: "s3cret-s3cret",
      scopes: "openid email profile",
      roleClaim: "groups",
      teamClaim: "groups",
      roleMap: [
        ["pitchside-admins", "admin"],
        ["pitchside-marketing", "marketer"],
      ],
      teamMap: [
        ["emea-sales", "EMEA"],
        ["sales=team=with", "equals"],
      ],
      allowedDomains: ["acme.com", "acme.co.jp"],
    });
    expect(config.breakGlassEmails).toEqual(["root@acme.com"]);
  });

  it.each([
    [
      { OIDC_ISSUER: "https://login.example.com/" },
      /OIDC_CLIENT_ID is required with the other OIDC_ variables/,
    ],
    [{ ...oidc, OIDC_SCOPES: "email profile" }, /OIDC_SCOPES must include openid/],
    [{ ...oidc, OIDC_ROLE_MAP: "admins=admin" }, /OIDC_ROLE_CLAIM is required with OIDC_ROLE_MAP/],
    [
      { ...oidc, OIDC_ROLE_CLAIM: "groups", OIDC_ROLE_MAP: "admins=owner" },
      /OIDC_ROLE_MAP must be group=admin\|marketer\|rep pairs/,
    ],
    [{ BREAK_GLASS_EMAILS: "root" }, /BREAK_GLASS_EMAILS.* must list email addresses/],
  ])("refuses %o in one line naming the variable", (env, message) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...env })).toThrow(message);
  });
});
