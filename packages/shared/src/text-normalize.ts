/** A letter written in a Japanese script (kanji, hiragana, katakana incl. "ー" and "々"). */
const JAPANESE_LETTER = /(?=\p{L})[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}_]/u;

export function isJapaneseLetter(char: string): boolean {
  return JAPANESE_LETTER.test(char);
}

/**
 * Canonical form of a text: NFKC (full-width Latin and half-width katakana
 * fold to their usual forms), lowercase, whitespace collapsed to single spaces.
 * Scripts are kept (keywords are cut from it); matching uses foldForMatch.
 */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
}

/** A kana or prolonged-sound mark that a matching fold reads as one script: katakana becomes hiragana. */
const KATAKANA = /[\u30a1-\u30f6\u30fd\u30fe]/gu;
const HIRAGANA_OFFSET = 0x60;
/** Marks that lengthen the kana before them: ー and the dashes and tildes typed in its place. */
const LONG_VOWEL_AFTER_KANA =
  /(?<=[\u3041-\u3096\u3099-\u309a\u309d\u309e])[\u30fc\u2010-\u2015\u2212\u301c~-]+/gu;
/** Separators between the parts of a name (データ・フォージ, Acme·Corp): read as a space. */
const NAME_SEPARATOR = /[\u30fb\u00b7\u2027\u2022\u30a0]/gu;
/** A space between two Japanese letters separates nothing: Japanese writes words together. */
const SPACE_IN_JAPANESE =
  /(?<=[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]) +(?=[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}])/gu;

/**
 * The one fold every match goes through, on both sides (taxonomy patterns and
 * the text; the search index and the query): normalizeText, then katakana read
 * as hiragana (アクメ = あくめ), the long-vowel mark and its stand-ins after kana
 * dropped (データーフォージ = データフォージ), middle dots and spaces between
 * Japanese letters dropped (データ・フォージ = データ フォージ = データフォージ).
 * For matching only: the result is not for display. Idempotent.
 */
export function foldForMatch(text: string): string {
  let folded = normalizeText(text);
  do {
    folded = normalizeText(
      folded
        .replace(KATAKANA, (c) => String.fromCharCode(c.charCodeAt(0) - HIRAGANA_OFFSET))
        .replace(NAME_SEPARATOR, " ")
        .replace(LONG_VOWEL_AFTER_KANA, "")
        .replace(SPACE_IN_JAPANESE, ""),
    );
    // a dropped mark can bring together two letters whose space or mark goes next ("ア- ア")
  } while (stillFoldable(folded));
  return folded;
}

/** Whether a pass left a long-vowel mark after kana or a space between Japanese letters. */
function stillFoldable(text: string): boolean {
  LONG_VOWEL_AFTER_KANA.lastIndex = 0;
  SPACE_IN_JAPANESE.lastIndex = 0;
  return LONG_VOWEL_AFTER_KANA.test(text) || SPACE_IN_JAPANESE.test(text);
}

/** True when `char` would glue onto a Latin word, i.e. a non-Japanese letter, digit or "_". */
function isLatinWordChar(char: string | undefined): boolean {
  return char !== undefined && LETTER_OR_DIGIT.test(char) && !JAPANESE_LETTER.test(char);
}

/**
 * Position of `needle` in `haystack` (both already folded by foldForMatch), or -1.
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

/** Whether folded `needle` occurs in folded `haystack` (see findNormalized). */
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
