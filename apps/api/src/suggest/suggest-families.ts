import type { Language } from "@pitchside/shared";
import type { LanguageVersion } from "../assets/language-families";
import { type AssetDocument, listedFields } from "../search/asset-documents";
import { quote } from "../search/search-filters";
import type { SearchIndex } from "../search/search-index";

type Doc = AssetDocument & { _rankingScore?: number };

const inFamily = (doc: Doc) => doc.familyKey !== undefined && doc.familyKey !== doc.id;

/**
 * Candidates plus the other language versions of those in a family (the message's language
 * may have a version the queries did not reach); `filter` keeps them to what may be offered.
 */
export async function withFamilyMembers(index: SearchIndex, filter: string, docs: Doc[]): Promise<Doc[]> {
  const families = [...new Set(docs.filter(inFamily).map((d) => d.familyKey))];
  if (families.length === 0) return docs;
  const known = new Set(docs.map((d) => d.id));
  const { hits } = await index.query((signal) =>
    index.index.search<Doc>(
      "",
      {
        filter: [filter, `familyKey IN [${families.map(quote).join(", ")}]`],
        limit: families.length * 4,
        attributesToRetrieve: listedFields,
      },
      { signal },
    ),
  );
  return [...docs, ...hits.filter((h) => !known.has(h.id))];
}

/**
 * One candidate per language family: the version in `language` where the family has one,
 * carrying the family's best text score, with the others attached to it rather than
 * offered as suggestions of their own.
 */
export function oneVersionPerFamily(
  docs: Doc[],
  textScores: Map<string, number>,
  language: Language,
): { docs: Doc[]; textScores: Map<string, number>; languageVersions: Map<string, LanguageVersion[]> } {
  const byFamily = new Map<string, Doc[]>();
  for (const doc of docs) {
    const key = doc.familyKey ?? doc.id;
    byFamily.set(key, [...(byFamily.get(key) ?? []), doc]);
  }
  const kept: Doc[] = [];
  const scores = new Map(textScores);
  const languageVersions = new Map<string, LanguageVersion[]>();
  for (const members of byFamily.values()) {
    const chosen = members.find((m) => m.language === language) ?? members[0];
    if (!chosen) continue;
    kept.push(chosen);
    if (members.length === 1) continue;
    const best = Math.max(...members.map((m) => textScores.get(m.id) ?? 0));
    if (best > 0) scores.set(chosen.id, best);
    languageVersions.set(
      chosen.id,
      members
        .filter((m) => m !== chosen)
        .map((m) => ({ id: m.id, title: m.title, language: m.language, status: m.status }))
        .sort((a, b) => (a.language < b.language ? -1 : 1)),
    );
  }
  return { docs: kept, textScores: scores, languageVersions };
}
