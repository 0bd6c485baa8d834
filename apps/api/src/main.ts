import type { Server } from "node:http";
import { createApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { DataDirLockedError } from "./data-lock";
import { seedDemoLibraryOnce } from "./demo/demo-library-start";
import { demoUsers } from "./demo/demo-users";
import { seedAdmin, seedDemo } from "./demo/seed";
import { createLogger } from "./logger";
import { MeiliUnavailableError } from "./search/meili-process";
import { type Services, startServices } from "./services";
import { toolLines } from "./system-tools";

const expected = [ConfigError, DataDirLockedError, MeiliUnavailableError];

async function main() {
  const config = loadConfig();
  if (config.storage.kind === "s3") {
    throw new ConfigError("Invalid configuration: STORAGE=s3 is not supported by this build yet; use local");
  }
  const logger = createLogger(config.logLevel);
  for (const line of toolLines(config.tools)) console.log(line);
  const started = Date.now();
  const services: Services = await startServices(config, logger);
  const { db } = services.deps.database;
  if (config.admin) await seedAdmin(db, config.admin);
  const seeded = config.demo ? await seedDemo(db, services.deps.bus) : false;

  const app = createApp(services.deps);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://${config.host}:${port}`;
  console.log(`\nPitchside is running at ${url} (ready in ${Date.now() - started} ms)`);
  if (config.demo) {
    console.log(seeded ? "Demo workspace created. Sign in with:" : "Demo sign-ins:");
    for (const u of demoUsers) console.log(`  ${u.role.padEnd(9)} ${u.email}  /  ${u.password}`);
    // in the background: the portal is usable while the library fills in
    seedDemoLibraryOnce(db, services.deps.bus, services.deps.loginThrottle, url, (line) =>
      console.log(line),
    ).catch((err: unknown) =>
      logger.error({ err }, "demo library import failed; it is retried on the next start"),
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await services.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  if (expected.some((E) => err instanceof E)) console.error((err as Error).message);
  else console.error(err);
  // Meilisearch's guard sees our exit through its stdin pipe and stops it.
  process.exit(1);
});
