import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "../app-router";
import { loadConfig } from "../config";
import { createLogger } from "../logger";
import { startServices } from "../services";

/** `pnpm cli reindex`: through a running server (--url/--token), or directly when none runs. */
export const reindexCommand = {
  summary: "Rebuild the search index from the database into a fresh index and swap it in",
  usage: "reindex [--url <server> --token <admin token>]",
  options: { url: { type: "string" as const }, token: { type: "string" as const } },
  async run(values: Record<string, unknown>): Promise<string> {
    const url = typeof values.url === "string" ? values.url.replace(/\/$/, "") : undefined;
    const token = typeof values.token === "string" ? values.token : undefined;
    if (url) {
      if (!token) throw new Error("--token is required with --url (an admin's extension token)");
      const client = createTRPCClient<AppRouter>({
        links: [httpLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${token}` } })],
      });
      const result = await client.admin.reindex.mutate();
      return `Reindexed ${result.documents} assets in ${result.ms} ms on ${url}.`;
    }
    const config = loadConfig();
    const services = await startServices(config, createLogger("warn"), { workers: false });
    try {
      const started = Date.now();
      const result = await services.deps.searchIndex.rebuild((done) =>
        process.stderr.write(`\rindexed ${done}`),
      );
      process.stderr.write("\n");
      await services.deps.searchIndex.drain();
      return `Reindexed ${result.documents} assets in ${Date.now() - started} ms.`;
    } finally {
      await services.stop();
    }
  },
};
