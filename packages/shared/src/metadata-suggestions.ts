import { detectLanguage } from "./language";
import { detectSignals } from "./signals";
import type { Language, TaxonomyKind, TaxonomyTerm } from "./taxonomy";
import { findNormalized, normalizeText, splitPatterns } from "./text-normalize";

/** Tags read from a document's text, offered to the marketer who uploads it; never applied unasked. */
export interface MetadataSuggestion {
  stages: string[];
  personas: string[];
  industries: string[];
  competitors: string[];
  objections: string[];
  language: Language | null;
}

/** How many of each are offered: a few telling tags, not every word that happens to match. */
const MAX_PER_KIND = 3;

/** An acronym ("IT", "CFO") is only itself in capitals: "it" is a pronoun. */
const ACRONYM = /^[A-Z0-9]{2,4}$/;

/** How often `needle` occurs in the text, on word boundaries where it has Latin ends. */
function occurrences(normalized: string, original: string, needle: string): number {
  if (ACRONYM.test(needle)) {
    // Latin boundaries only: "IT部門" is IT, "ITEM" is not
    const pattern = new RegExp(`(?<![A-Za-z0-9_])${needle}(?![A-Za-z0-9_])`, "g");
    return original.match(pattern)?.length ?? 0;
  }
  const wanted = normalizeText(needle);
  if (!wanted) return 0;
  let count = 0;
  let from = 0;
  for (;;) {
    const at = findNormalized(normalized.slice(from), wanted);
    if (at < 0) return count;
    count += 1;
    from += at + wanted.length;
  }
}

/** The terms of a kind the text mentions most (by their patterns and both labels), most mentioned first. */
function mentioned(
  normalized: string,
  original: string,
  taxonomy: readonly TaxonomyTerm[],
  kind: TaxonomyKind,
): string[] {
  const counts: { key: string; count: number; order: number }[] = [];
  for (const term of taxonomy) {
    if (term.kind !== kind) continue;
    const needles = new Set([...splitPatterns(term.patterns), term.label.en, term.label.ja]);
    let count = 0;
    for (const needle of needles) count += occurrences(normalized, original, needle);
    if (count > 0) counts.push({ key: term.key, count, order: term.order });
  }
  return counts
    .sort((a, b) => b.count - a.count || a.order - b.order)
    .slice(0, MAX_PER_KIND)
    .map((c) => c.key);
}

/**
 * Stages, personas, industries, competitors, objection themes and language
 * suggested from a document's title and text, with the same matching the
 * extension uses on a rep's email (aliases and phrases in any width or script).
 */
export function suggestMetadata(text: string, taxonomy: readonly TaxonomyTerm[]): MetadataSuggestion {
  const original = text.normalize("NFKC");
  const normalized = normalizeText(text);
  const signals = detectSignals(text, taxonomy, { scope: "all", maxKeywords: 0 });
  return {
    stages: mentioned(normalized, original, taxonomy, "stage"),
    personas: mentioned(normalized, original, taxonomy, "persona"),
    industries: mentioned(normalized, original, taxonomy, "industry"),
    competitors: signals.competitors.slice(0, MAX_PER_KIND),
    objections: signals.objections.slice(0, MAX_PER_KIND),
    language: text.trim() ? detectLanguage(text) : null,
  };
}
