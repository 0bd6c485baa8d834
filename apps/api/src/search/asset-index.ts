import type { Meilisearch, Settings } from "meilisearch";

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

/** Creates the asset index and applies its settings; safe to run at every start. */
export async function ensureAssetIndex(client: Meilisearch, prefix: string): Promise<void> {
  const uid = assetIndexName(prefix);
  await client
    .createIndex(uid, { primaryKey: "id" })
    .waitTask()
    .catch(() => undefined);
  await client.index(uid).updateSettings(assetIndexSettings).waitTask();
}
