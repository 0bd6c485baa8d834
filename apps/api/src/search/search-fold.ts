import { foldForMatch, normalizeText } from "@pitchside/shared";

/** A katakana word, spaces and dots between katakana included (データ・フォージ is one). */
const KATAKANA_RUN =
  /([\u30a1-\u30fa\u30fd\u30fe][\u30a1-\u30fe]*(?:[ \u30fb]+[\u30a1-\u30fa\u30fd\u30fe][\u30a1-\u30fe]*)*)/u;

/**
 * foldForMatch for Meilisearch, the same on documents and queries: each katakana word is folded on
 * its own and set apart by spaces. Folded to hiragana, it would otherwise run into the particles
 * around it (お客様はぐろべっくす社), and Meilisearch's Japanese segmenter would cut it elsewhere.
 */
export function foldForSearch(text: string): string {
  return normalizeText(text).split(KATAKANA_RUN).map(foldForMatch).filter(Boolean).join(" ");
}
