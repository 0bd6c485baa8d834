import { detectLanguage, type Language } from "@pitchside/shared";
import { desc, type SQL, sql } from "drizzle-orm";
import { assets } from "../db/schema";
import type { SessionUser } from "../identity/users-service";

/**
 * The language a search prefers: the query's, or for an empty query the language the
 * portal is shown in (the user's saved one when the caller does not say).
 */
export function preferredLanguage(q: string, uiLanguage: Language | undefined, user: SessionUser): Language {
  if (q.trim()) return detectLanguage(q);
  return uiLanguage ?? (user.locale === "ja" ? "ja" : "en");
}

/** Meilisearch keeps one hit per language family: the best-ranked, i.e. the preferred language's. */
export const familyDistinct = "familyKey";

/**
 * The Meilisearch sort putting the preferred language's content first. `sort` is the first
 * ranking rule, so this is a tier: relevance (or the user's own sort) orders each language
 * within it. Two languages: "en" sorts before "ja".
 */
export function preferredLanguageSort(language: Language): string {
  return language === "ja" ? "language:desc" : "language:asc";
}

/** The same tier for the database fallback. */
export function preferredLanguageFirst(language: Language): SQL {
  return desc(sql`(${assets.language} = ${language})`);
}

/**
 * For the database fallback: only each family's representative among the assets `where`
 * admits, the preferred language's version first, then the newest.
 */
export function oneAssetPerFamily(where: SQL | undefined, language: Language): SQL {
  const ranked = sql`select ${assets.id} as id, row_number() over (
      partition by coalesce(${assets.familyId}, ${assets.id})
      order by (${assets.language} = ${language}) desc, ${assets.updatedAt} desc
    ) as rank from ${assets} where ${where ?? sql`true`}`;
  return sql`${assets.id} in (select ranked.id from (${ranked}) as ranked where ranked.rank = 1)`;
}
