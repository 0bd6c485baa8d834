import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

export interface BacklogOptions {
  /** Office files marked "unavailable" while the server had no LibreOffice: only worth queueing once it has. */
  unavailable: boolean;
  /** Renditions that failed (a timeout under load, a file fixed since): queued again only when asked. */
  failed?: boolean;
}

/**
 * Queues a render job for every version that lacks what the library shows:
 * a rendition still to make (versions from before renditions, or from a
 * server without LibreOffice), or a card thumbnail. Versions still being
 * processed, and those already queued, are left alone. Returns how many.
 */
export async function queueMissingRenditions(db: Db, opts: BacklogOptions): Promise<number> {
  const states = [
    "pending",
    ...(opts.unavailable ? ["unavailable"] : []),
    ...(opts.failed ? ["failed"] : []),
  ];
  const result = await db.execute(sql`
    insert into jobs (kind, payload)
    select 'render_version', jsonb_build_object('versionId', v.id)
    from asset_versions v
    join assets a on a.id = v.asset_id
    where v.processing_state = 'ready'
      and (
        v.rendition_state::text in ${states}
        or (v.rendition_state = 'none' and v.thumbnail_key is null and (v.file_key is not null or a.source = 'link'))
      )
      and not exists (
        select 1 from jobs j
        where j.kind = 'render_version' and j.status in ('queued', 'running')
          and j.payload->>'versionId' = v.id::text
      )
    returning id`);
  return (result as unknown as { rows: unknown[] }).rows.length;
}
