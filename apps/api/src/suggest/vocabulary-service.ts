import { createHash } from "node:crypto";
import { libraryVocabulary, type Vocabulary, vocabularyOf } from "@pitchside/shared";
import { sql } from "drizzle-orm";
import { liveAssetsWhere, seesEverything } from "../assets/visibility";
import { forgetOnChange, hearsChanges } from "../cluster/change-notices";
import type { Db } from "../db/client";
import { assets } from "../db/schema";
import type { SessionUser } from "../identity/users-service";
import { ShortCache } from "../short-cache";
import { cachedTaxonomy } from "../taxonomy/taxonomy-service";

export type VocabularyAnswer =
  | { version: string; changed: false }
  | { version: string; changed: true; terms: string[] };

interface Built {
  /** What the vocabulary was built from: the live assets' count and last change, and the taxonomy. */
  source: string;
  version: string;
  terms: string[];
  /** The terms as a lookup, made on first use by the server's own keyword filter. */
  vocabulary?: Vocabulary;
}

const hash = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 22);

// Building takes about 75 µs per asset (0.75 s for 10,000) and every extension asks on sign-in and
// daily: one build per visibility class, kept while what it was built from is unchanged.
const built = new WeakMap<Db, Map<string, Built>>();

/** Users who are offered the same assets share a vocabulary. */
const visibilityClass = (user: SessionUser) =>
  seesEverything(user) ? "all" : `team:${user.teamId ?? "none"}`;

async function currentVocabulary(db: Db, user: SessionUser): Promise<Built> {
  const [taxonomy, [stamp]] = await Promise.all([
    cachedTaxonomy(db),
    db
      .select({ count: sql<number>`count(*)::int`, last: sql<string | null>`max(${assets.updatedAt})::text` })
      .from(assets)
      .where(liveAssetsWhere(user)),
  ]);
  const source = `${stamp?.count}|${stamp?.last}|${hash(JSON.stringify(taxonomy))}`;
  let byClass = built.get(db);
  if (!byClass) {
    byClass = new Map();
    built.set(db, byClass);
  }
  const known = byClass.get(visibilityClass(user));
  if (known?.source === source) return known;
  const sources = await db
    .select({ title: assets.title, summary: assets.summary, tags: assets.tags })
    .from(assets)
    .where(liveAssetsWhere(user));
  const terms = libraryVocabulary(taxonomy, sources);
  const fresh = { source, version: hash(terms.join("\n")), terms };
  byClass.set(visibilityClass(user), fresh);
  return fresh;
}

/**
 * The words the extension may send as keywords: the taxonomy's and those of the titles, summaries
 * and tags of the live assets this user may be offered (never a draft, nor another team's asset).
 * `known` is the version the caller holds: when it is still current, the terms are not sent again.
 */
export async function vocabularyFor(db: Db, user: SessionUser, known?: string): Promise<VocabularyAnswer> {
  const { version, terms } = await currentVocabulary(db, user);
  return version === known ? { version, changed: false } : { version, changed: true, terms };
}

// read on every suggestion from pasted text: a few seconds' lag behind a new asset costs nothing there,
// but taxonomy terms are dropped at once, in every process, like the taxonomy itself
const lookups = new ShortCache<Vocabulary>(5_000, () => true, 10_000, hearsChanges);
forgetOnChange((db, notice) => {
  if (notice?.kind !== "user") lookups.clear(db);
});

/** The same vocabulary as a lookup: pasted text gives the server only the keywords the extension could send. */
export function libraryVocabularyFor(db: Db, user: SessionUser): Promise<Vocabulary> {
  return lookups.get(db, visibilityClass(user), async () => {
    const current = await currentVocabulary(db, user);
    current.vocabulary ??= vocabularyOf(current.terms);
    return current.vocabulary;
  });
}
