import type { AssetType } from "@pitchside/shared";

/** The upload form's fields that tags read from the files' text may fill (not language: detected per file). */
export const suggestedFields = ["stages", "personas", "industries", "competitors", "objections"] as const;
export type SuggestedField = (typeof suggestedFields)[number];
export type SuggestedTags = Record<SuggestedField, string[]>;
/** The shared form's fields a suggestion fills, each marked while it holds what was suggested. */
export type SuggestedFormField = SuggestedField | "type";
/** What the shared form shows as suggested: tags per field, and the type. */
export type AppliedSuggestions = Partial<SuggestedTags> & { type?: AssetType };

/** One uploaded asset's answer from assets.suggestMetadata. */
export interface AssetTagSuggestion {
  assetId: string;
  state: "pending" | "ready" | "failed";
  /** `title` is the one in the file's own properties. */
  suggestion: (SuggestedTags & { type: AssetType | null; title: string | null }) | null;
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

/**
 * The type to offer files that share one form: one file's own, or the one suggested for every one
 * of several (null when any differs or has none). Files whose text could not be read have no say.
 */
export function commonType(answers: readonly AssetTagSuggestion[]): AssetType | null {
  const [first, ...rest] = answers.flatMap((a) =>
    a.state === "ready" && a.suggestion ? [a.suggestion.type] : [],
  );
  return first && rest.every((type) => type === first) ? first : null;
}

/**
 * What a suggested type changes in the form's Type field: untouched, it takes the suggestion, or
 * goes back to `empty` when it held an earlier one the files no longer agree on; touched, it keeps
 * its value (marked while that is still the earlier suggestion).
 */
export function applyTypeSuggestion(
  type: AssetType | null,
  touched: boolean,
  previous: AssetType | undefined,
  empty: AssetType,
): { change?: AssetType; applied?: AssetType } {
  if (touched) return previous ? { applied: previous } : {};
  if (type) return { change: type, applied: type };
  return previous ? { change: empty } : {};
}

/** A just-uploaded file's own title input. */
export interface UploadedTitle {
  key: string;
  assetId: string;
  title: string;
  /** The marketer typed in it: from then on the title is theirs. */
  edited: boolean;
}

/**
 * The titles suggestions change, by file key: each file whose title the marketer has not edited
 * gets the title its own properties give (read files only). `applied` is what each file's title
 * input shows as suggested.
 */
export function applyTitleSuggestions(
  files: readonly UploadedTitle[],
  answers: readonly AssetTagSuggestion[],
): { changes: Record<string, string>; applied: Record<string, string> } {
  const titles = new Map<string, string>();
  for (const a of answers) {
    const title = a.state === "ready" ? a.suggestion?.title?.trim() : undefined;
    if (title) titles.set(a.assetId, title);
  }
  const changes: Record<string, string> = {};
  const applied: Record<string, string> = {};
  for (const file of files) {
    const title = titles.get(file.assetId);
    if (file.edited || !title) continue;
    applied[file.key] = title;
    if (file.title !== title) changes[file.key] = title;
  }
  return { changes, applied };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v) => b.includes(v));

/** The fields still showing what was suggested: one the marketer changed is theirs now. */
export function stillSuggested(
  values: SuggestedTags & { type: AssetType },
  applied: AppliedSuggestions,
): Set<SuggestedFormField> {
  const out = new Set<SuggestedFormField>();
  for (const field of suggestedFields) {
    const suggested = applied[field];
    if (suggested && sameSet(values[field], suggested)) out.add(field);
  }
  if (applied.type && values.type === applied.type) out.add("type");
  return out;
}
