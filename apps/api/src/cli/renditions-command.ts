import { sql } from "drizzle-orm";
import { queueMissingRenditions } from "../assets/rendition-backlog";
import { loadConfig } from "../config";
import { AppError } from "../errors";
import { createLogger } from "../logger";
import { startServices } from "../services";
import { toolLines } from "../system-tools";

/**
 * `pnpm cli renditions --missing [--failed]`: makes the renditions, page
 * pictures and cards that are missing (files uploaded before LibreOffice was
 * installed, or before renditions existed), here and now, then indexes them.
 * The server does the same at every start, in the background.
 */
export const renditionsCommand = {
  summary: "Make missing PDF renditions, page pictures and library cards (after installing LibreOffice)",
  usage: "renditions --missing [--failed]",
  options: { missing: { type: "boolean" as const }, failed: { type: "boolean" as const } },
  async run(values: Record<string, unknown>): Promise<string> {
    if (!values.missing && !values.failed)
      throw new AppError("BAD_REQUEST", "Say which: --missing, and/or --failed to try failed ones again");
    const config = loadConfig();
    for (const line of toolLines(config.tools)) process.stderr.write(`${line}\n`);
    const services = await startServices(config, createLogger("warn"), { workers: false });
    try {
      const { db } = services.deps.database;
      const queued = await queueMissingRenditions(db, {
        unavailable: config.tools.soffice !== null,
        failed: values.failed === true,
      });
      const started = Date.now();
      const ran = await services.deps.jobs.drain();
      await services.deps.searchIndex.drain();
      const result = await db.execute(sql`
        select rendition_state as state, count(*)::int as n from asset_versions
        where file_key is not null group by rendition_state order by rendition_state`);
      const states = (result as unknown as { rows: { state: string; n: number }[] }).rows
        .map((r) => `${r.state} ${r.n}`)
        .join(", ");
      return `Queued ${queued}, ran ${ran} jobs in ${Date.now() - started} ms. Renditions now: ${states || "none"}.`;
    } finally {
      await services.stop();
    }
  },
};
