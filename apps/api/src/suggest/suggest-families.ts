import type { Language } from "@pitchside/shared";
import { type AssetDocument, listedFields } from "../search/asset-documents";
import { quote } from "../search/search-filters";
import type { SearchIndex } from "../search/search-index";

type Doc = AssetDocument & { _rankingScore?: number };

const inFamily = (doc: Doc) => doc.familyKey !== undefined && doc.familyKey !== doc.id;

/**
 * Candidates plus the version in `language` of families the queries reached only in another
 * language (the message's language may have a version they did not reach); `filter` keeps them to
 * what may be offered. Families already found in `language` cost nothing.
 */
export async function withFamilyMembers(
  index: SearchIndex,
  filter: string,
  docs: Doc[],
  language: Language,
): Promise<Doc[]> {
  const found = new Set(docs.filter((d) => inFamily(d) && d.language === language).map((d) => d.familyKey));
  const families = [
    ...new Set(docs.filter((d) => inFamily(d) && !found.has(d.familyKey)).map((d) => d.familyKey)),
  ];
  if (families.length === 0) return docs;
  const known = new Set(docs.map((d) => d.id));
  const { hits } = await index.query((signal) =>
    index.index.search<Doc>(
      "",
      {
        filter: [filter, `familyKey IN [${families.map(quote).join(", ")}]`, `language = ${quote(language)}`],
        limit: families.length,
        attributesToRetrieve: listedFields,
      },
      { signal },
    ),
  );
  return [...docs, ...hits.filter((h) => !known.has(h.id))];
}

/**
 * One candidate per language family: the version in `language` where the family has one,
 * carrying the family's best text score; the others are not offered as suggestions of their own
 * (the card names them, see languageVersionsOf).
 */
export function oneVersionPerFamily(
  docs: Doc[],
  textScores: Map<string, number>,
  language: Language,
): { docs: Doc[]; textScores: Map<string, number> } {
  const byFamily = new Map<string, Doc[]>();
  for (const doc of docs) {
    const key = doc.familyKey ?? doc.id;
    byFamily.set(key, [...(byFamily.get(key) ?? []), doc]);
  }
  const kept: Doc[] = [];
  const scores = new Map(textScores);
  for (const members of byFamily.values()) {
    const chosen = members.find((m) => m.language === language) ?? members[0];
    if (!chosen) continue;
    kept.push(chosen);
    if (members.length === 1) continue;
    const best = Math.max(...members.map((m) => textScores.get(m.id) ?? 0));
    if (best > 0) scores.set(chosen.id, best);
  }
  return { docs: kept, textScores: scores };
}
