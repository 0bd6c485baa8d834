/** The upload form's fields that tags read from the files' text may fill (not language: detected per file). */
export const suggestedFields = ["stages", "personas", "industries", "competitors", "objections"] as const;
export type SuggestedField = (typeof suggestedFields)[number];
export type SuggestedTags = Record<SuggestedField, string[]>;

/** One uploaded asset's answer from assets.suggestMetadata. */
export interface AssetTagSuggestion {
  state: "pending" | "ready" | "failed";
  suggestion: SuggestedTags | null;
}

/** Still worth asking again: some file's text is not read yet. */
export const anyPending = (answers: readonly AssetTagSuggestion[]) =>
  answers.some((a) => a.state === "pending");

/**
 * The tags to offer for files that share one form: one file's own, or those suggested for every
 * one of several. Files whose text could not be read (failed) have no say; null when none can.
 */
export function commonTags(answers: readonly AssetTagSuggestion[]): SuggestedTags | null {
  const read = answers.flatMap((a) => (a.state === "ready" && a.suggestion ? [a.suggestion] : []));
  const [first, ...rest] = read;
  if (!first) return null;
  const common = {} as SuggestedTags;
  for (const field of suggestedFields) {
    common[field] = first[field].filter((key) => rest.every((other) => other[field].includes(key)));
  }
  return common;
}

/**
 * What suggestions change in the form: each field the marketer has not touched gets the tags
 * suggested for it; one an earlier suggestion filled, which no longer holds for every file, is
 * emptied again. Fields the marketer touched keep what they hold. `applied` is what the form
 * now shows as suggested.
 */
export function applySuggestions(
  tags: SuggestedTags,
  touched: (field: SuggestedField) => boolean,
  previous: Partial<SuggestedTags> = {},
): { changes: Partial<SuggestedTags>; applied: Partial<SuggestedTags> } {
  const changes: Partial<SuggestedTags> = {};
  const applied: Partial<SuggestedTags> = {};
  for (const field of suggestedFields) {
    const earlier = previous[field];
    if (touched(field)) {
      if (earlier) applied[field] = earlier;
    } else if (tags[field].length > 0) {
      changes[field] = [...tags[field]];
      applied[field] = [...tags[field]];
    } else if (earlier) {
      changes[field] = [];
    }
  }
  return { changes, applied };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v) => b.includes(v));

/** The fields still showing what was suggested: one the marketer changed is theirs now. */
export function stillSuggested(
  values: Pick<SuggestedTags, SuggestedField>,
  applied: Partial<SuggestedTags>,
): Set<SuggestedField> {
  const out = new Set<SuggestedField>();
  for (const field of suggestedFields) {
    const suggested = applied[field];
    if (suggested && sameSet(values[field], suggested)) out.add(field);
  }
  return out;
}
