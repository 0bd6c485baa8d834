import type { Server } from "node:http";
import type { AppDeps } from "../deps";
import type { Logger } from "../logger";

/** A deadline that settles after `ms`, or at once when `hurry()` is called (a second Ctrl-C). */
function deadline(ms: number) {
  let hurry: () => void = () => undefined;
  let timer: NodeJS.Timeout | undefined;
  const reached = new Promise<void>((resolve) => {
    hurry = resolve;
    timer = setTimeout(resolve, ms);
  }).finally(() => clearTimeout(timer));
  return { reached, hurry };
}

const closing = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/**
 * A graceful stop: readiness turns 503 and the listeners stop accepting; requests in flight finish
 * and running jobs end, both until `timeoutMs` (then connections are cut and unfinished jobs go
 * back to the queue); then `stopServices` flushes what is buffered and closes the database.
 * Returns `hurry`, which moves the deadline to now.
 */
export function drainAndStop(opts: {
  servers: Server[];
  deps: AppDeps;
  stopServices: () => Promise<void>;
  timeoutMs: number;
  logger: Logger;
}): { done: Promise<void>; hurry: () => void } {
  const { servers, deps, logger } = opts;
  const limit = deadline(opts.timeoutMs);
  deps.lifecycle.draining = true;
  const done = (async () => {
    const closed = Promise.all(servers.map(closing));
    // keep-alive connections with no request on them would hold close() until the client hangs up
    const sweep = setInterval(() => {
      for (const server of servers) server.closeIdleConnections();
    }, 200);
    for (const server of servers) server.closeIdleConnections();
    const [requests] = await Promise.all([
      Promise.race([closed.then(() => "drained" as const), limit.reached.then(() => "late" as const)]),
      deps.jobs.stop(limit.reached),
    ]);
    clearInterval(sweep);
    if (requests === "late") {
      logger.warn("requests still in flight at the shutdown deadline are cut off");
      for (const server of servers) server.closeAllConnections();
      await closed;
    }
    await opts.stopServices();
    limit.hurry(); // its timer must not hold the process
  })();
  return { done, hurry: limit.hurry };
}
