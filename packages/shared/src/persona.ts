import { signatureLines } from "./message";
import type { TaxonomyTerm } from "./taxonomy";
import { containsNormalized, foldForMatch, splitPatterns } from "./text-normalize";

export interface PersonaMatch {
  /** The persona's taxonomy key. */
  key: string;
  /** The title pattern that matched, as written in the taxonomy. */
  matched: string;
}

interface Candidate extends PersonaMatch {
  length: number;
  order: number;
}

/** The persona whose best matching title pattern in `personas` is the most specific. */
function isBetter(a: Candidate, b: Candidate): boolean {
  if (a.length !== b.length) return a.length > b.length;
  if (a.order !== b.order) return a.order < b.order;
  return a.key < b.key;
}

/** A title or pattern as matched: a Vice President is a VP, not a President ("Vice President, Finance" is Finance). */
const titleForm = (text: string) => foldForMatch(text).replace(/\bvice[-\s]?president\b/g, "vp");

/**
 * Infers a persona from a job title ("VP Finance", "経理部長") using the
 * personas' title patterns, case- and width-insensitively. When several
 * personas match, the longest matched pattern wins ("VP Finance" is Finance,
 * not an executive "VP"); then taxonomy order, then key. "Vice President" is
 * read as "VP".
 * Terms of other kinds are ignored, so the whole taxonomy may be passed.
 */
export function inferPersona(title: string, personas: readonly TaxonomyTerm[]): PersonaMatch | null {
  const haystack = titleForm(title);
  if (haystack.length === 0) return null;
  let best: Candidate | null = null;
  for (const term of personas) {
    if (term.kind !== "persona") continue;
    for (const pattern of splitPatterns(term.patterns)) {
      const needle = titleForm(pattern);
      if (!containsNormalized(haystack, needle)) continue;
      const candidate = { key: term.key, matched: pattern, length: needle.length, order: term.order };
      if (best === null || isBetter(candidate, best)) best = candidate;
    }
  }
  return best === null ? null : { key: best.key, matched: best.matched };
}

/** LinkedIn's message header: "Dana Whitfield · Chief Marketing Officer at Lumen Apparel". */
const PROFILE_HEADER = /^\s*[^·•|\n]{1,40}\s[·•]\s(.{2,160})$/;

/**
 * The sender's job title from the "Name · Headline" line a LinkedIn message opens with, or from the
 * signature of the newest message ("Dana Scully / VP Finance / Globex"): the first such line in which a
 * persona pattern matches, or "" when none does.
 */
export function signatureTitle(message: string, personas: readonly TaxonomyTerm[]): string {
  const firstLine = message.trim().split(/\r?\n/, 1)[0] ?? "";
  const headline = PROFILE_HEADER.exec(firstLine)?.[1]?.trim();
  const lines = [...(headline ? [headline] : []), ...signatureLines(message)];
  return lines.find((line) => inferPersona(line, personas) !== null) ?? "";
}
