import { DEFAULT_MAX_KEYWORDS, extractKeywords } from "./keywords";
import { detectLanguage } from "./language";
import { forwardedMessage, latestMessage } from "./message";
import type { Language, TaxonomyKind, TaxonomyTerm } from "./taxonomy";
import { containsNormalized, foldForMatch, splitPatterns } from "./text-normalize";
import { type Vocabulary, vocabularyKeywords } from "./vocabulary";

export interface Signals {
  /** Competitor keys, in taxonomy order. */
  competitors: string[];
  /** Objection-theme keys, in taxonomy order. */
  objections: string[];
  keywords: string[];
  language: Language;
}

export interface DetectSignalsOptions {
  /** Default 8. */
  maxKeywords?: number;
  /**
   * "latest" (default): only the newest message of a thread, so quoted history
   * and signatures do not drown it; the whole text when that is empty. When the
   * newest message names no competitor and no objection, those of a message it
   * forwards stand in ("See below from our InfoSec lead" takes its topic from
   * what it forwards); quoted reply history never counts (it is mostly the
   * rep's own earlier email), nor do keywords or language of a forward.
   * "all": the whole text as given.
   */
  scope?: "latest" | "all";
  /** When given, keywords are only this vocabulary's terms (an empty one: no keywords). */
  vocabulary?: Vocabulary;
}

function byOrder(a: TaxonomyTerm, b: TaxonomyTerm): number {
  return a.order - b.order || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function matchingKeys(
  haystack: string,
  taxonomy: readonly TaxonomyTerm[],
  kind: TaxonomyKind,
  needlesOf: (term: TaxonomyTerm) => string[],
): string[] {
  const keys: string[] = [];
  for (const term of taxonomy.filter((t) => t.kind === kind).sort(byOrder)) {
    const hit = needlesOf(term).some((needle) => containsNormalized(haystack, foldForMatch(needle)));
    if (hit && !keys.includes(term.key)) keys.push(term.key);
  }
  return keys;
}

/** Competitors (aliases and both labels) and objection themes (trigger phrases) a normalized text names. */
function topicsOf(haystack: string, taxonomy: readonly TaxonomyTerm[]) {
  return {
    competitors: matchingKeys(haystack, taxonomy, "competitor", (term) => [
      ...splitPatterns(term.patterns),
      term.label.en,
      term.label.ja,
    ]),
    objections: matchingKeys(haystack, taxonomy, "objection", (term) => splitPatterns(term.patterns)),
  };
}

/** The text signals are read from, per the scope option. */
export function signalText(text: string, scope: DetectSignalsOptions["scope"] = "latest"): string {
  if (scope === "all") return text;
  const latest = latestMessage(text);
  return latest.trim().length > 0 ? latest : text;
}

/**
 * Competitors (aliases and both labels), objection themes (trigger phrases),
 * salient keywords and language of a message, case- and width-insensitively
 * ("ＡＣＭＥ", "ｱｸﾒ" and "アクメ" all find an Acme alias "アクメ"/"Acme").
 * Runs in the extension too, so it stays pure and dependency-free.
 */
export function detectSignals(
  text: string,
  taxonomy: readonly TaxonomyTerm[],
  opts: DetectSignalsOptions = {},
): Signals {
  const source = signalText(text, opts.scope);
  let topics = topicsOf(foldForMatch(source), taxonomy);
  if (topics.competitors.length === 0 && topics.objections.length === 0 && source !== text) {
    topics = topicsOf(foldForMatch(forwardedMessage(text)), taxonomy);
  }
  return {
    ...topics,
    keywords: opts.vocabulary
      ? vocabularyKeywords(source, opts.vocabulary, opts.maxKeywords ?? DEFAULT_MAX_KEYWORDS)
      : extractKeywords(source, opts.maxKeywords ?? DEFAULT_MAX_KEYWORDS),
    language: detectLanguage(source),
  };
}
