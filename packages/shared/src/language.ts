import type { Language } from "./taxonomy";
import { isJapaneseLetter } from "./text-normalize";

/**
 * Share of letters that must be Japanese for a text to count as Japanese.
 * Low on purpose: one kana/kanji carries roughly a word's worth of meaning,
 * and Japanese mail is full of Latin product names, addresses and URLs.
 */
export const JAPANESE_LETTER_SHARE = 0.2;

/** "ja" when a meaningful share of the letters are kana/kanji, else "en" (also for empty text). */
export function detectLanguage(text: string): Language {
  let letters = 0;
  let japanese = 0;
  for (const char of text.normalize("NFKC")) {
    if (!/\p{L}/u.test(char)) continue;
    letters += 1;
    if (isJapaneseLetter(char)) japanese += 1;
  }
  if (letters === 0) return "en";
  return japanese / letters >= JAPANESE_LETTER_SHARE ? "ja" : "en";
}
