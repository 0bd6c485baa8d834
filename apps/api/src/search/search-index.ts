import { randomBytes } from "node:crypto";
import { asc, eq, gte, inArray, or, sql } from "drizzle-orm";
import type { Meilisearch } from "meilisearch";
import type { Db } from "../db/client";
import { markForIndexing } from "../db/outbox";
import { assets, assetVersions, searchOutbox, settings } from "../db/schema";
import type { Logger } from "../logger";
import { listTaxonomy } from "../taxonomy/taxonomy-service";
import { ASSET_DOCUMENT_VERSION, buildAssetDocuments, synonymsFor } from "./asset-documents";
import { applySettings, assetIndexName, assetIndexSettings, ensureAssetIndex } from "./asset-index";
import { SearchBreaker } from "./search-breaker";

const BATCH = 500;
const TASK_TIMEOUT_MS = 60_000;

/**
 * Keeps Meilisearch in step with the database through the outbox: every
 * change commits an outbox row; this loop indexes and only then deletes it,
 * so a search outage delays indexing but never loses a write.
 */
export class SearchIndex {
  readonly uid: string;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private failures = 0;

  /** Searches a person waits on go through it: a short timeout, then the database until Meilisearch answers. */
  readonly breaker: SearchBreaker;
  private readonly idleMs: number;

  constructor(
    private readonly db: Db,
    readonly client: Meilisearch,
    readonly prefix: string,
    private readonly logger: Logger,
    opts: { searchTimeoutMs: number; idleMs?: number },
  ) {
    this.uid = assetIndexName(prefix);
    this.idleMs = opts.idleMs ?? 300;
    this.breaker = new SearchBreaker(
      opts.searchTimeoutMs,
      (signal) => client.httpRequest.get({ path: "health", extraRequestInit: { signal } }),
      logger,
    );
  }

  /** Runs a search against Meilisearch within the search timeout, or throws at once while it is away. */
  query<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.breaker.run(call);
  }

  get index() {
    return this.client.index(this.uid);
  }

  /** Settings and synonyms go in one task, and only what differs from the index's own. */
  async ensure(): Promise<void> {
    const synonyms = synonymsFor(await listTaxonomy(this.db));
    await ensureAssetIndex(this.client, this.prefix, synonyms, TASK_TIMEOUT_MS);
    await this.refreshOutdatedDocuments();
  }

  /** Documents built by an older release lack fields this one reads: queue every asset once. */
  private async refreshOutdatedDocuments(): Promise<void> {
    const key = `search.document_version.${this.uid}`;
    const [row] = await this.db.select().from(settings).where(eq(settings.key, key));
    if (row?.value === ASSET_DOCUMENT_VERSION) return;
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`insert into ${searchOutbox} (asset_id) select ${assets.id} from ${assets}`);
      await tx
        .insert(settings)
        .values({ key, value: ASSET_DOCUMENT_VERSION })
        .onConflictDoUpdate({
          target: settings.key,
          set: { value: ASSET_DOCUMENT_VERSION, updatedAt: new Date() },
        });
    });
  }

  /** Never fails the caller: the next start or taxonomy change syncs again. */
  async syncSynonyms(): Promise<void> {
    try {
      const synonyms = synonymsFor(await listTaxonomy(this.db));
      await applySettings(this.client, this.uid, { synonyms }, TASK_TIMEOUT_MS);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, "could not update search synonyms");
    }
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  kick(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.breaker.stop();
    await this.running;
  }

  /** Indexes everything pending; throws if Meilisearch cannot take it. Tests and the CLI use it. */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.indexBatch(); n > 0; n = await this.indexBatch()) total += n;
    return total;
  }

  async pending(): Promise<number> {
    const [row] = await this.db.select({ n: sql<number>`count(*)::int` }).from(searchOutbox);
    return row?.n ?? 0;
  }

  private schedule(ms: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.loop().finally(() => {
        this.running = null;
      });
    }, ms);
  }

  private async loop() {
    let delay = this.idleMs;
    try {
      const n = await this.indexBatch();
      if (this.failures > 0) this.logger.info({ after: this.failures }, "search indexing resumed");
      this.failures = 0;
      if (n > 0) delay = 0;
    } catch (err) {
      this.failures++;
      if (this.failures === 1)
        this.logger.warn({ err: (err as Error).message }, "search indexing failed; retrying");
      delay = Math.min(10_000, 250 * 2 ** Math.min(this.failures, 6));
    }
    if (!this.stopped) this.schedule(delay);
  }

  private async indexBatch(): Promise<number> {
    const rows = await this.db
      .select({ id: searchOutbox.id, assetId: searchOutbox.assetId })
      .from(searchOutbox)
      .orderBy(asc(searchOutbox.id))
      .limit(BATCH);
    if (rows.length === 0) return 0;
    const ids = [...new Set(rows.map((r) => r.assetId))];
    const { docs, missing } = await buildAssetDocuments(this.db, ids);
    if (docs.length > 0) await this.index.addDocuments(docs).waitTask({ timeout: TASK_TIMEOUT_MS });
    if (missing.length > 0) await this.index.deleteDocuments(missing).waitTask({ timeout: TASK_TIMEOUT_MS });
    this.breaker.answered();
    await this.db.delete(searchOutbox).where(
      inArray(
        searchOutbox.id,
        rows.map((r) => r.id),
      ),
    );
    return rows.length;
  }

  /**
   * Rebuilds into a fresh index and swaps it in: searches keep answering from
   * the old one until the swap. Changes made meanwhile are queued again.
   */
  async rebuild(onProgress?: (done: number) => void): Promise<{ documents: number }> {
    // a side index of its own: two rebuilds at once (two processes, two admins) each swap in a whole index
    const tmp = `${this.uid}_rebuild_${randomBytes(4).toString("hex")}`;
    await this.forgetAbandonedRebuilds();
    try {
      return await this.rebuildInto(tmp, onProgress);
    } finally {
      await this.client
        .deleteIndex(tmp)
        .waitTask({ timeout: TASK_TIMEOUT_MS })
        .catch(() => undefined);
    }
  }

  /** Side indexes that a rebuild left when its process died (over an hour old) are deleted. */
  private async forgetAbandonedRebuilds(): Promise<void> {
    const { results } = await this.client.getIndexes({ limit: 1000 });
    const hourAgo = Date.now() - 3600_000;
    const abandoned = results.filter(
      (i) => i.uid.startsWith(`${this.uid}_rebuild`) && new Date(String(i.createdAt)).getTime() < hourAgo,
    );
    for (const index of abandoned)
      await this.client.deleteIndex(index.uid).waitTask({ timeout: TASK_TIMEOUT_MS });
  }

  private async rebuildInto(
    tmp: string,
    onProgress?: (done: number) => void,
  ): Promise<{ documents: number }> {
    const started = new Date();
    await this.client.createIndex(tmp, { primaryKey: "id" }).waitTask({ timeout: TASK_TIMEOUT_MS });
    const target = this.client.index(tmp);
    const taxonomy = await listTaxonomy(this.db);
    const synonyms = synonymsFor(taxonomy);
    await applySettings(this.client, tmp, { ...assetIndexSettings, synonyms }, TASK_TIMEOUT_MS);
    let done = 0;
    let after = "";
    for (;;) {
      const page = await this.db
        .select({ id: assets.id })
        .from(assets)
        .where(sql`${assets.id}::text > ${after}`)
        .orderBy(sql`${assets.id}::text`)
        .limit(BATCH);
      if (page.length === 0) break;
      const { docs } = await buildAssetDocuments(
        this.db,
        page.map((p) => p.id),
        taxonomy,
      );
      await target.addDocuments(docs).waitTask({ timeout: TASK_TIMEOUT_MS });
      done += docs.length;
      after = page[page.length - 1]?.id ?? after;
      onProgress?.(done);
    }
    await ensureAssetIndex(this.client, this.prefix, synonyms, TASK_TIMEOUT_MS);
    await this.client
      .swapIndexes([{ indexes: [this.uid, tmp], rename: false }])
      .waitTask({ timeout: TASK_TIMEOUT_MS });
    const changed = await this.db
      .selectDistinct({ id: assets.id })
      .from(assets)
      .leftJoin(assetVersions, sql`${assetVersions.assetId} = ${assets.id}`)
      .where(or(gte(assets.updatedAt, started), gte(assetVersions.createdAt, started)));
    await markForIndexing(
      this.db,
      changed.map((c) => c.id),
    );
    return { documents: done };
  }
}
