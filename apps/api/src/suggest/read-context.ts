import type { Db } from "../db/client";
import type { SessionUser } from "../identity/users-service";
import { cachedTaxonomy } from "../taxonomy/taxonomy-service";
import { resolveContext, type SuggestInput } from "./suggest-context";

/**
 * Where a context value came from, so the rep can judge it before ranking: given by the caller, the deal's
 * stage, a job title (the contact's or the signature's), or read from the message.
 */
export type ContextSource = "given" | "deal" | "title" | "message";

/**
 * The context suggestions would use, without ranking anything: the portal shows it for the rep to correct
 * before asking for content. The same resolution `suggest.forContext` runs, so the two never disagree.
 */
export async function readContext(db: Db, user: SessionUser, input: Omit<SuggestInput, "limit">) {
  const taxonomy = await cachedTaxonomy(db);
  const { context, deal, personaTitle } = await resolveContext(db, user, { ...input, limit: 0 }, taxonomy);
  const found = (given: unknown, value: unknown): ContextSource | null => {
    if (given !== undefined) return "given";
    return value === null || (Array.isArray(value) && value.length === 0) ? null : "message";
  };
  const stageSource: ContextSource | null =
    input.stage !== undefined
      ? "given"
      : deal && context.stage !== null && context.stage === deal.stage
        ? "deal"
        : found(undefined, context.stage);
  const personaSource: ContextSource | null =
    input.persona !== undefined ? "given" : personaTitle ? "title" : found(undefined, context.persona);
  return {
    context,
    deal: deal ? { id: deal.id, name: deal.name, stage: deal.stage } : null,
    personaTitle,
    sources: {
      stage: stageSource,
      persona: personaSource,
      industry: deal && context.industry !== null && context.industry === deal.industry ? "deal" : null,
      competitors: found(input.signals?.competitors, context.competitors),
      objections: found(input.signals?.objections, context.objections),
      language: found(input.language, context.language),
    } satisfies Record<string, ContextSource | null>,
  };
}
