import { EMPTY_VOCABULARY, type Vocabulary, vocabularyOf } from "@pitchside/shared";
import { getVocabulary } from "../storage/settings";

let cached: { version: string; vocabulary: Vocabulary } | null = null;

/**
 * The vocabulary the background worker stored, as a set built once per version for every panel on
 * the page; empty (no keywords leave) until the worker has downloaded it.
 */
export async function loadVocabulary(): Promise<Vocabulary> {
  const stored = await getVocabulary();
  if (!stored) return EMPTY_VOCABULARY;
  if (cached?.version !== stored.version) {
    cached = { version: stored.version, vocabulary: vocabularyOf(stored.terms) };
  }
  return cached.vocabulary;
}
