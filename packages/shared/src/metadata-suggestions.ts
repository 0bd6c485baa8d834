import { detectLanguage } from "./language";
import { detectSignals } from "./signals";
import type { AssetType, Language, TaxonomyKind, TaxonomyTerm } from "./taxonomy";
import { findNormalized, foldForMatch, splitPatterns } from "./text-normalize";

/** Tags read from a document's text, offered to the marketer who uploads it; never applied unasked. */
export interface MetadataSuggestion {
  type: AssetType | null;
  stages: string[];
  personas: string[];
  industries: string[];
  competitors: string[];
  objections: string[];
  language: Language | null;
}

/** Words a document uses of itself near its start, per type; the most mentioned wins. */
const TYPE_HINTS: [AssetType, string[]][] = [
  ["case_study", ["case study", "customer story", "success story", "導入事例", "お客様事例", "事例紹介"]],
  ["battle_card", ["battle card", "battlecard", "competitive", "バトルカード", "競合比較", "競合対策"]],
  ["objection_guide", ["objection", "反論", "切り返し"]],
  ["whitepaper", ["white paper", "whitepaper", "ホワイトペーパー"]],
  ["one_pager", ["one-pager", "one pager", "datasheet", "data sheet", "製品概要", "ワンページ"]],
];
/** Only the start says what a document is: a deck that mentions a case study on slide 30 is still a deck. */
const TYPE_WINDOW = 3000;

/** How the file came: a presentation is a deck, a video a video, unless its words say otherwise. */
export type SuggestedFileShape = "presentation" | "video" | "document";

function suggestType(normalized: string, original: string, shape: SuggestedFileShape): AssetType | null {
  const start = normalized.slice(0, TYPE_WINDOW);
  const startOriginal = original.slice(0, TYPE_WINDOW);
  let best: AssetType | null = null;
  let bestCount = 0;
  for (const [type, hints] of TYPE_HINTS) {
    const count = hints.reduce((n, hint) => n + occurrences(start, startOriginal, hint), 0);
    if (count > bestCount) {
      best = type;
      bestCount = count;
    }
  }
  if (best) return best;
  return shape === "presentation" ? "deck" : shape === "video" ? "video" : null;
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
  const wanted = foldForMatch(needle);
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
 * Type, stages, personas, industries, competitors, objection themes and
 * language suggested from a document's title and text, with the same matching the
 * extension uses on a rep's email (aliases and phrases in any width or script).
 */
export function suggestMetadata(
  text: string,
  taxonomy: readonly TaxonomyTerm[],
  shape: SuggestedFileShape = "document",
): MetadataSuggestion {
  const original = text.normalize("NFKC");
  const normalized = foldForMatch(text);
  const signals = detectSignals(text, taxonomy, { scope: "all", maxKeywords: 0 });
  return {
    type: suggestType(normalized, original, shape),
    stages: mentioned(normalized, original, taxonomy, "stage"),
    personas: mentioned(normalized, original, taxonomy, "persona"),
    industries: mentioned(normalized, original, taxonomy, "industry"),
    competitors: signals.competitors.slice(0, MAX_PER_KIND),
    objections: signals.objections.slice(0, MAX_PER_KIND),
    language: text.trim() ? detectLanguage(text) : null,
  };
}
