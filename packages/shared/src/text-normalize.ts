/** A letter written in a Japanese script (kanji, hiragana, katakana incl. "ー" and "々"). */
const JAPANESE_LETTER = /(?=\p{L})[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}_]/u;

export function isJapaneseLetter(char: string): boolean {
  return JAPANESE_LETTER.test(char);
}

/**
 * Canonical form for matching: NFKC (full-width Latin and half-width katakana
 * fold to their usual forms), lowercase, whitespace collapsed to single spaces.
 */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
}

/** True when `char` would glue onto a Latin word, i.e. a non-Japanese letter, digit or "_". */
function isLatinWordChar(char: string | undefined): boolean {
  return char !== undefined && LETTER_OR_DIGIT.test(char) && !JAPANESE_LETTER.test(char);
}

/**
 * Position of `needle` in `haystack` (both already normalized), or -1.
 * Where the needle starts or ends with a Latin letter or digit, the match must
 * sit on a word boundary there ("acme" finds "acme's" but not "acmeology");
 * Japanese has no spaces, so Japanese ends match anywhere.
 */
export function findNormalized(haystack: string, needle: string): number {
  if (needle.length === 0) return -1;
  const first = needle[0];
  const last = needle[needle.length - 1];
  const boundedStart = isLatinWordChar(first);
  const boundedEnd = isLatinWordChar(last);
  let from = 0;
  while (from <= haystack.length - needle.length) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return -1;
    const okStart = !boundedStart || !isLatinWordChar(haystack[at - 1]);
    const okEnd = !boundedEnd || !isLatinWordChar(haystack[at + needle.length]);
    if (okStart && okEnd) return at;
    from = at + 1;
  }
  return -1;
}

/** Whether normalized `needle` occurs in normalized `haystack` (see findNormalized). */
export function containsNormalized(haystack: string, needle: string): boolean {
  return findNormalized(haystack, needle) >= 0;
}

/**
 * Taxonomy patterns may be separate entries or one string with "|" between
 * alternatives ("CFO|Finance|財務"); everything else is literal text.
 */
export function splitPatterns(patterns: readonly string[]): string[] {
  return patterns
    .flatMap((pattern) => pattern.split("|"))
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
