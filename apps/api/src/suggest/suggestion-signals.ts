import {
  type ClientSurface,
  languages,
  type SuggestionContext,
  type TaxonomyKind,
  type TaxonomyTerm,
} from "@pitchside/shared";
import type { suggestionSignals } from "../db/schema";
import type { SessionUser } from "../identity/users-service";

/** The most keys of one kind a request records (the input allows 20; detection finds a handful). */
export const MAX_SIGNAL_KEYS = 20;

export type SuggestionSignalRow = typeof suggestionSignals.$inferInsert;

/** The given keys that are terms of `kind`, each once, in the order given, at most MAX_SIGNAL_KEYS. */
function known(keys: readonly string[], taxonomy: readonly TaxonomyTerm[], kind: TaxonomyKind): string[] {
  const terms = new Set(taxonomy.filter((t) => t.kind === kind).map((t) => t.key));
  return [...new Set(keys.filter((k) => terms.has(k)))].slice(0, MAX_SIGNAL_KEYS);
}

const oneKnown = (key: string | null, taxonomy: readonly TaxonomyTerm[], kind: TaxonomyKind) =>
  key !== null && taxonomy.some((t) => t.kind === kind && t.key === key) ? key : null;

/**
 * What a suggestion request leaves behind for Field signals: the taxonomy keys of its context, checked
 * against the taxonomy (a key it does not hold is dropped), and never the message's keywords or text.
 */
export function suggestionSignalRow(
  requestId: string,
  user: SessionUser,
  dealId: string | null,
  surface: ClientSurface,
  context: SuggestionContext,
  taxonomy: readonly TaxonomyTerm[],
): SuggestionSignalRow {
  return {
    id: requestId,
    // when the rep asked, not when the write-behind gets to it (a deal may close in between)
    at: new Date(),
    userId: user.id,
    teamId: user.teamId,
    dealId,
    surface,
    stage: oneKnown(context.stage, taxonomy, "stage"),
    persona: oneKnown(context.persona, taxonomy, "persona"),
    language: context.language && languages.includes(context.language) ? context.language : null,
    competitors: known(context.competitors, taxonomy, "competitor"),
    objections: known(context.objections, taxonomy, "objection"),
  };
}
