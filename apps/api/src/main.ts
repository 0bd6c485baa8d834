import type { Server } from "node:http";
import { createApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { DataDirLockedError } from "./data-lock";
import { seedDemoLibraryOnce } from "./demo/demo-library-start";
import { demoUsers } from "./demo/demo-users";
import { seedAdmin, seedDemo } from "./demo/seed";
import { StorageUnavailableError } from "./files/s3-storage";
import { createLogger, defaultLogFormat } from "./logger";
import { metricsAdminApp } from "./operations/metrics-route";
import { drainAndStop } from "./operations/shutdown";
import { MeiliUnavailableError } from "./search/meili-process";
import { type Services, startServices } from "./services";
import { toolLines } from "./system-tools";

const expected = [ConfigError, DataDirLockedError, MeiliUnavailableError, StorageUnavailableError];

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, config.logFormat ?? defaultLogFormat());
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

  const servers = [server];
  const metricsPort = config.metrics.port;
  if (metricsPort !== undefined) {
    // an admin port: only this machine's Prometheus agent (or an SSH tunnel) can reach it
    const metricsServer: Server = await new Promise((resolve) => {
      const s = metricsAdminApp(services.deps.metrics).listen(metricsPort, "127.0.0.1", () => resolve(s));
    });
    servers.push(metricsServer);
    logger.info({ port: metricsPort }, "metrics served on 127.0.0.1");
  }

  let shutdown: { done: Promise<void>; hurry: () => void } | null = null;
  const onSignal = (signal: string) => {
    if (shutdown) {
      logger.warn({ signal }, "shutting down now: requests and jobs still running are cut off");
      shutdown.hurry();
      return;
    }
    logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, "shutting down");
    shutdown = drainAndStop({
      servers,
      deps: services.deps,
      stopServices: () => services.stop(),
      timeoutMs: config.shutdownTimeoutMs,
      logger,
    });
    shutdown.done.then(
      () => {
        logger.info("stopped");
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => onSignal("SIGINT"));
  process.on("SIGTERM", () => onSignal("SIGTERM"));
}

main().catch((err: unknown) => {
  if (expected.some((E) => err instanceof E)) console.error((err as Error).message);
  else console.error(err);
  // Meilisearch's guard sees our exit through its stdin pipe and stops it.
  process.exit(1);
});
