import { createHash } from "node:crypto";
import { createReadStream, openAsBlob } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import type { AssetStatus, TaxonomyTerm } from "@pitchside/shared";
import type { AssetMetaInput, AssetMetaPatch } from "@pitchside/shared/schemas";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import type { AppRouter } from "../app-router";
import { LIBRARY_FILE, type LibraryAsset, type LibraryEntry, readLibrary } from "./library-format";

export type AssetOutcome = "created" | "updated" | "new_version" | "unchanged" | "failed";

export interface ImportProgress {
  /** Assets finished so far, this one included. */
  done: number;
  total: number;
  externalId: string;
  outcome: AssetOutcome;
  reason?: string;
}

export interface ImportOptions {
  /** The library folder: `<dir>/library.json` and the files it names. */
  dir: string;
  /** The server's base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  /** A bearer token of a marketer or admin (`auth.login` with client "extension"). */
  token: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Assets worked on at once (uploads included); 3 unless told. */
  concurrency?: number;
}

/**
 * Every asset lands in exactly one count: `newVersions` wins over `updated`
 * when an asset got a new file and new metadata in the same run.
 */
export interface ImportSummary {
  created: number;
  updated: number;
  newVersions: number;
  unchanged: number;
  failed: { externalId: string; reason: string }[];
  /** Taxonomy terms that were new or different and were written. */
  taxonomyTerms: number;
}

/** The import could not start or had to stop (unreachable server, refused token, unreadable library.json). */
export class ImportError extends Error {
  override name = "ImportError";
}

type Client = ReturnType<typeof createTRPCClient<AppRouter>>;
type ServerAsset = NonNullable<Awaited<ReturnType<Client["assets"]["byExternalId"]["query"]>>>;

/** A failure of one asset, with the reason the summary shows. */
class AssetFailure extends Error {}

const TAXONOMY_BATCH = 500;

function describe(err: unknown, baseUrl: string): string {
  if (err instanceof AssetFailure) return err.message;
  if (err instanceof TRPCClientError) {
    const cause = (err.cause ?? null) as { cause?: { code?: string } } | null;
    if (err.message === "fetch failed")
      return `cannot reach ${baseUrl}${cause?.cause?.code ? ` (${cause.cause.code})` : ""}`;
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

const isUnauthorized = (err: unknown) =>
  err instanceof TRPCClientError && (err.data as { code?: string } | undefined)?.code === "UNAUTHORIZED";

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** The file an entry names, refused when missing, not a file, or (through a symlink) outside the folder. */
async function resolveFile(root: string, relative: string): Promise<string> {
  const joined = path.resolve(root, relative);
  let real: string;
  try {
    real = await realpath(joined);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new AssetFailure(
      `file: ${relative} ${code === "ENOENT" ? "does not exist" : `cannot be read (${code})`}`,
    );
  }
  if (real !== root && !real.startsWith(`${root}${path.sep}`)) {
    throw new AssetFailure(`file: ${relative} leads outside the library folder`);
  }
  if (!(await stat(real)).isFile()) throw new AssetFailure(`file: ${relative} is not a file`);
  return real;
}

const metaOf = (a: LibraryAsset): AssetMetaInput => ({
  title: a.title,
  summary: a.summary,
  type: a.type,
  ...(a.language ? { language: a.language } : {}),
  stages: a.stages,
  personas: a.personas,
  industries: a.industries,
  competitors: a.competitors,
  objections: a.objections,
  tags: a.tags,
  teams: a.teams,
  expiresAt: a.expiresAt,
  externalId: a.externalId,
});

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);
const sameTime = (a: string | null, b: string | null) =>
  a === null || b === null ? a === b : Date.parse(a) === Date.parse(b);

/** Only the fields the library changes; empty when the server already agrees. */
export function metadataPatch(wanted: LibraryAsset, current: ServerAsset): AssetMetaPatch {
  const patch: AssetMetaPatch = {};
  if (wanted.title !== current.title) patch.title = wanted.title;
  if (wanted.summary !== current.summary) patch.summary = wanted.summary;
  if (wanted.type !== current.type) patch.type = wanted.type;
  if (wanted.language && wanted.language !== current.language) patch.language = wanted.language;
  for (const field of [
    "stages",
    "personas",
    "industries",
    "competitors",
    "objections",
    "tags",
    "teams",
  ] as const) {
    if (!sameList(wanted[field], current[field])) patch[field] = wanted[field];
  }
  if (!sameTime(wanted.expiresAt, current.expiresAt)) patch.expiresAt = wanted.expiresAt;
  return patch;
}

const termKey = (t: Pick<TaxonomyTerm, "kind" | "key">) => `${t.kind}:${t.key}`;
const sameTerm = (a: TaxonomyTerm, b: TaxonomyTerm) =>
  a.label.en === b.label.en &&
  a.label.ja === b.label.ja &&
  a.order === b.order &&
  sameList(a.patterns, b.patterns);

/** Runs `fn` over `items`, at most `limit` at a time. */
async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

class Importer {
  private readonly client: Client;
  private readonly base: string;

  constructor(
    private readonly root: string,
    url: string,
    private readonly token: string,
  ) {
    this.base = url.replace(/\/+$/, "");
    this.client = createTRPCClient<AppRouter>({
      links: [httpLink({ url: `${this.base}/trpc`, headers: () => ({ authorization: `Bearer ${token}` }) })],
    });
  }

  /** Fails fast, before touching anything, when the server is unreachable or the token cannot import. */
  async checkAccess(): Promise<void> {
    try {
      const { user } = await this.client.auth.me.query();
      if (user.role !== "marketer" && user.role !== "admin") {
        throw new ImportError(
          `the token belongs to ${user.email}, a ${user.role}: importing needs a marketer or admin`,
        );
      }
    } catch (err) {
      if (err instanceof ImportError) throw err;
      if (isUnauthorized(err))
        throw new ImportError(`${this.base} refused the token: it is unknown, expired or revoked`);
      throw new ImportError(describe(err, this.base));
    }
  }

  /** Writes the terms that are new or differ from the server's; returns how many. */
  async upsertTaxonomy(terms: TaxonomyTerm[]): Promise<number> {
    if (terms.length === 0) return 0;
    try {
      const existing = new Map((await this.client.taxonomy.list.query({})).map((t) => [termKey(t), t]));
      const changed = terms.filter((t) => {
        const current = existing.get(termKey(t));
        return !current || !sameTerm(current, t);
      });
      for (let i = 0; i < changed.length; i += TAXONOMY_BATCH) {
        await this.client.taxonomy.upsert.mutate({ terms: changed.slice(i, i + TAXONOMY_BATCH) });
      }
      return changed.length;
    } catch (err) {
      throw new ImportError(`taxonomy: ${describe(err, this.base)}`);
    }
  }

  private async upload(file: string, fields: { meta?: AssetMetaInput; assetId?: string }): Promise<string> {
    const form = new FormData();
    form.append("file", await openAsBlob(file), path.basename(file));
    if (fields.meta) form.append("meta", JSON.stringify(fields.meta));
    if (fields.assetId) form.append("assetId", fields.assetId);
    let res: Response;
    try {
      res = await fetch(`${this.base}/api/uploads`, {
        method: "POST",
        headers: { authorization: `Bearer ${this.token}` },
        body: form,
      });
    } catch (err) {
      const code = (err as { cause?: { code?: string } }).cause?.code;
      throw new AssetFailure(`upload: cannot reach ${this.base}${code ? ` (${code})` : ""}`);
    }
    const text = await res.text();
    let body: { assetId?: string; error?: string } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      // a proxy's HTML error page: the status line says enough
    }
    if (!res.ok || !body.assetId) {
      throw new AssetFailure(
        `upload refused (HTTP ${res.status}): ${body.error ?? (text.slice(0, 200) || res.statusText)}`,
      );
    }
    return body.assetId;
  }

  /** Moves the asset to `wanted`; published/archived reach in_review through draft, as the workflow requires. */
  private async moveTo(id: string, current: AssetStatus, wanted: AssetStatus): Promise<boolean> {
    if (current === wanted) return false;
    if (wanted === "in_review" && (current === "published" || current === "archived")) {
      await this.client.assets.setStatus.mutate({ id, status: "draft" });
    }
    await this.client.assets.setStatus.mutate({ id, status: wanted });
    return true;
  }

  async importOne(entry: LibraryEntry): Promise<AssetOutcome> {
    if (!entry.ok) throw new AssetFailure(entry.reason);
    const { asset } = entry;
    const file = asset.file === undefined ? null : await resolveFile(this.root, asset.file);
    const existing = await this.client.assets.byExternalId.query({ externalId: asset.externalId });

    if (!existing) {
      const assetId = file
        ? await this.upload(file, { meta: metaOf(asset) })
        : (await this.client.assets.createLink.mutate({ meta: metaOf(asset), url: asset.url ?? "" })).assetId;
      await this.moveTo(assetId, "draft", asset.status);
      return "created";
    }

    if (asset.url !== undefined && existing.source !== "link") {
      throw new AssetFailure(
        `url: "${asset.externalId}" is a ${existing.source} asset on the server; a link cannot replace it`,
      );
    }
    if (file && existing.source === "link") {
      throw new AssetFailure(
        `file: "${asset.externalId}" is a link asset on the server; a file cannot replace it`,
      );
    }
    if (asset.url !== undefined && existing.url !== asset.url) {
      throw new AssetFailure(
        `url: the server's link is ${existing.url ?? "empty"}; a link's URL cannot be changed through the API (archive it and import under a new externalId)`,
      );
    }
    const patch = metadataPatch(asset, existing);
    const updated = Object.keys(patch).length > 0;
    if (updated) await this.client.assets.update.mutate({ id: existing.id, patch });
    let newVersion = false;
    if (file) {
      const current = existing.versions.find((v) => v.id === existing.currentVersionId);
      if (current?.sha256 !== (await sha256Of(file))) {
        await this.upload(file, { assetId: existing.id });
        newVersion = true;
      }
    }
    const moved = await this.moveTo(existing.id, existing.status, asset.status);
    return newVersion ? "new_version" : updated || moved ? "updated" : "unchanged";
  }

  describe(err: unknown): string {
    return describe(err, this.base);
  }
}

/**
 * Imports `<dir>/library.json` into a running server through its public HTTP
 * API: the taxonomy first, then each asset by externalId (create, update its
 * metadata, add a version when the file's SHA-256 changed, set its status).
 * Re-running it changes nothing; one asset failing does not stop the others.
 */
export async function importLibrary(opts: ImportOptions): Promise<ImportSummary> {
  const root = await realpath(opts.dir).catch(() => {
    throw new ImportError(`${opts.dir}: no such folder`);
  });
  const library = await readLibrary(root).catch((err: Error) => {
    throw new ImportError(
      err.message.startsWith(LIBRARY_FILE) ? err.message : `${LIBRARY_FILE}: ${err.message}`,
    );
  });
  const importer = new Importer(root, opts.url, opts.token);
  await importer.checkAccess();
  const taxonomyTerms = await importer.upsertTaxonomy(library.taxonomy);

  const summary: ImportSummary = {
    created: 0,
    updated: 0,
    newVersions: 0,
    unchanged: 0,
    failed: [],
    taxonomyTerms,
  };
  const failures: { index: number; externalId: string; reason: string }[] = [];
  const total = library.entries.length;
  let done = 0;
  await forEachLimited(library.entries, Math.max(1, opts.concurrency ?? 3), async (entry) => {
    let outcome: AssetOutcome;
    let reason: string | undefined;
    try {
      outcome = await importer.importOne(entry);
    } catch (err) {
      outcome = "failed";
      reason = importer.describe(err);
      failures.push({ index: entry.index, externalId: entry.externalId, reason });
    }
    if (outcome === "created") summary.created += 1;
    else if (outcome === "updated") summary.updated += 1;
    else if (outcome === "new_version") summary.newVersions += 1;
    else if (outcome === "unchanged") summary.unchanged += 1;
    done += 1;
    opts.onProgress?.({ done, total, externalId: entry.externalId, outcome, ...(reason ? { reason } : {}) });
  });
  summary.failed = failures
    .sort((a, b) => a.index - b.index)
    .map(({ externalId, reason }) => ({ externalId, reason }));
  return summary;
}
