import { type Meilisearch, MeilisearchApiError, type Settings } from "meilisearch";

/**
 * What words are matched in, most telling first; a document's text is in `pages` when it has pages,
 * else `body`. Each text's folded twin (see foldedText) sits right after it: the query is folded too.
 */
export const searchedAttributes = [
  "title",
  "titleFold",
  "summary",
  "summaryFold",
  "tags",
  "tagsFold",
  "labels",
  "aliases",
  "body",
  "bodyFold",
  "pages",
  "pagesFold",
];

export const assetIndexSettings: Settings = {
  searchableAttributes: searchedAttributes,
  filterableAttributes: [
    "type",
    "status",
    "audience",
    "language",
    "stages",
    "personas",
    "industries",
    "competitors",
    "objections",
    "tags",
    "teamIds",
    "expiresAtTs",
    "familyKey",
  ],
  sortableAttributes: ["updatedAtTs", "title", "wonDeals", "language"],
  // sort first: the preferred language is a tier above relevance (see search-language.ts), and a sort
  // the user picks orders the results rather than breaking ties between equally relevant ones
  rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
  localizedAttributes: [{ attributePatterns: ["*"], locales: ["jpn", "eng"] }],
};

export const assetIndexName = (prefix: string) => `${prefix}assets`;

/** Settings whose lists Meilisearch reads in order; every other list is a set. */
const ORDERED: ReadonlySet<string> = new Set(["rankingRules", "searchableAttributes", "localizedAttributes"]);

/** One text per value: object keys sorted, and lists sorted unless `ordered` (only at the top). */
function canonical(value: unknown, ordered = false): string {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v));
    return `[${(ordered ? items : items.sort()).join(",")}]`;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The part of `wanted` that differs from what the index has: a settings update is an indexing task
 * that may re-index every document, so an unchanged setting is never sent again.
 */
export function changedSettings(wanted: Settings, current: Settings): Settings {
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wanted)) {
    const now = (current as Record<string, unknown>)[key];
    if (canonical(value, ORDERED.has(key)) !== canonical(now, ORDERED.has(key))) changed[key] = value;
  }
  return changed as Settings;
}

/** Sends only what differs from the index's settings; no task at all when nothing does. */
export async function applySettings(
  client: Meilisearch,
  uid: string,
  wanted: Settings,
  timeout?: number,
): Promise<void> {
  const index = client.index(uid);
  const changed = changedSettings(wanted, await index.getSettings());
  if (Object.keys(changed).length > 0) await index.updateSettings(changed).waitTask({ timeout });
}

/** Meilisearch's "index not found", as the client throws it itself or wraps it from our http client. */
function isIndexNotFound(err: unknown): boolean {
  for (let e = err; e instanceof Error; e = e.cause) {
    if (e instanceof MeilisearchApiError && e.cause?.code === "index_not_found") return true;
  }
  return false;
}

/**
 * Creates the asset index when it is missing and gives it its settings (and `synonyms`, when
 * given); safe to run at every start: an index that has them already gets no task.
 */
export async function ensureAssetIndex(
  client: Meilisearch,
  prefix: string,
  synonyms?: Record<string, string[]>,
  timeout?: number,
): Promise<void> {
  const uid = assetIndexName(prefix);
  const missing = await client.getIndex(uid).then(
    () => false,
    (err: unknown) => {
      if (isIndexNotFound(err)) return true;
      throw err;
    },
  );
  // another process may create it meanwhile: its "already exists" failure is harmless
  if (missing) await client.createIndex(uid, { primaryKey: "id" }).waitTask({ timeout });
  await applySettings(
    client,
    uid,
    synonyms ? { ...assetIndexSettings, synonyms } : assetIndexSettings,
    timeout,
  );
}
