import {
  DEFAULT_MAX_KEYWORDS,
  isJapaneseKeyword,
  type KeywordToken,
  keywordTokens,
  rankKeywords,
} from "./keywords";
import type { TaxonomyTerm } from "./taxonomy";
import { splitPatterns } from "./text-normalize";

/**
 * The library's own words: the only keywords the extension lets leave the
 * browser. Terms are keyword tokens (see keywordTokens): lowercase English
 * words, Japanese kanji/katakana runs and the words inside those runs.
 */
export interface Vocabulary {
  terms: ReadonlySet<string>;
  /** Length of the longest Japanese term: how far a look inside a run reaches. */
  longestJapanese: number;
}

/** Upper bound of a library's vocabulary (taxonomy terms always stay in). */
export const MAX_VOCABULARY_TERMS = 20_000;
/** The suggest input accepts keywords of at most this length. */
const MAX_TERM_LENGTH = 60;

const JAPANESE_TERM = /^[\p{Script=Han}\p{Script=Katakana}々〆ヶー]+$/u;

export function vocabularyOf(terms: Iterable<string>): Vocabulary {
  const set = new Set(terms);
  let longestJapanese = 0;
  for (const term of set) {
    if (JAPANESE_TERM.test(term)) longestJapanese = Math.max(longestJapanese, term.length);
  }
  return { terms: set, longestJapanese };
}

export const EMPTY_VOCABULARY: Vocabulary = vocabularyOf([]);

let segmenter: Intl.Segmenter | undefined;

/** Dictionary words of a Japanese run ("価格交渉" → "価格", "交渉"), as Intl.Segmenter splits them. */
function japaneseWords(run: string): string[] {
  segmenter ??= new Intl.Segmenter("ja", { granularity: "word" });
  return [...segmenter.segment(run)].map((s) => s.segment).filter(isJapaneseKeyword);
}

/** What a text adds to a vocabulary: its keyword tokens and, for Japanese runs, the words inside them. */
export function vocabularyTermsOf(text: string): string[] {
  const terms = new Set<string>();
  for (const token of keywordTokens(text)) {
    terms.add(token.keyword);
    if (token.script === "japanese") for (const word of japaneseWords(token.keyword)) terms.add(word);
  }
  return [...terms].filter((term) => term.length <= MAX_TERM_LENGTH);
}

/** What of an asset feeds the vocabulary: what people see in a list of results, not its body. */
export interface VocabularySource {
  title: string;
  summary: string;
  tags: readonly string[];
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A library's vocabulary, sorted: every term of the taxonomy (keys, both
 * labels, aliases, trigger phrases, title patterns), then the terms of the
 * assets' titles, summaries and tags, the most widely used first, up to `max`.
 */
export function libraryVocabulary(
  taxonomy: readonly TaxonomyTerm[],
  assets: readonly VocabularySource[],
  max = MAX_VOCABULARY_TERMS,
): string[] {
  const fixed = new Set<string>();
  for (const term of taxonomy) {
    for (const text of [term.key, term.label.en, term.label.ja, ...splitPatterns(term.patterns)])
      for (const word of vocabularyTermsOf(text)) fixed.add(word);
  }
  const assetsUsing = new Map<string, number>();
  for (const asset of assets) {
    for (const word of vocabularyTermsOf([asset.title, asset.summary, ...asset.tags].join("\n"))) {
      if (!fixed.has(word)) assetsUsing.set(word, (assetsUsing.get(word) ?? 0) + 1);
    }
  }
  const fromAssets = [...assetsUsing.entries()]
    .sort(([a, m], [b, n]) => n - m || byCodeUnits(a, b))
    .slice(0, Math.max(0, max - fixed.size))
    .map(([word]) => word);
  return [...fixed, ...fromAssets].sort(byCodeUnits);
}

/** A token's vocabulary terms: an English word if it is one; a Japanese run whole, or the longest terms inside it. */
function inVocabulary(token: KeywordToken, vocabulary: Vocabulary): KeywordToken[] {
  if (vocabulary.terms.has(token.keyword)) return [token];
  if (token.script === "latin") return [];
  const run = token.keyword;
  const found: KeywordToken[] = [];
  let i = 0;
  while (i < run.length) {
    let length = Math.min(vocabulary.longestJapanese, run.length - i);
    while (length >= 2 && !vocabulary.terms.has(run.slice(i, i + length))) length -= 1;
    if (length >= 2) {
      found.push({ keyword: run.slice(i, i + length), at: token.at + i, script: "japanese" });
      i += length;
    } else {
      i += 1;
    }
  }
  return found;
}

/**
 * Up to `max` keywords of a text that are vocabulary terms, most frequent
 * first: nothing else of the text (a code name, a person's name) comes out.
 */
export function vocabularyKeywords(
  text: string,
  vocabulary: Vocabulary,
  max = DEFAULT_MAX_KEYWORDS,
): string[] {
  return rankKeywords(
    keywordTokens(text).flatMap((token) => inVocabulary(token, vocabulary)),
    max,
  );
}
