import {
  type ClientSurface,
  confidentDealMatch,
  detectLanguage,
  detectSignals,
  inferPersona,
  type Language,
  type SuggestionContext,
  signatureTitle,
  type TaxonomyTerm,
} from "@pitchside/shared";
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { dealContacts, deals } from "../db/schema";
import { visibleDealsWhere } from "../deals/deal-visibility";
import { matchDeals } from "../deals/deals-service";
import type { SessionUser } from "../identity/users-service";
import { libraryVocabularyFor } from "./vocabulary-service";

export interface SuggestInput {
  surface?: ClientSurface;
  dealId?: string;
  recipientEmails?: string[];
  stage?: string;
  persona?: string;
  title?: string;
  text?: string;
  signals?: { competitors?: string[]; objections?: string[]; keywords?: string[] };
  language?: Language;
  limit: number;
}

/** What a suggestion needs of the deal. */
type ContextDeal = Pick<typeof deals.$inferSelect, "id" | "name" | "stage" | "status" | "industry">;

/**
 * The deal in front of the rep: named, or found from the recipients (exact contact first, then domain);
 * none when several open deals match equally well (the panel asks the rep which one).
 */
async function resolveDeal(db: Db, user: SessionUser, input: SuggestInput): Promise<ContextDeal | null> {
  if (input.dealId) {
    const [deal] = await db
      .select({
        id: deals.id,
        name: deals.name,
        stage: deals.stage,
        status: deals.status,
        industry: deals.industry,
      })
      .from(deals)
      .where(and(eq(deals.id, input.dealId), visibleDealsWhere(user)));
    return deal ?? null;
  }
  return confidentDealMatch(await matchDeals(db, user, input.recipientEmails ?? [], 2));
}

/** The deal's contact titles: the recipient's own when we know them, and the first contact's with one. */
async function contactTitles(db: Db, dealId: string, emails: string[]) {
  const contacts = await db.select().from(dealContacts).where(eq(dealContacts.dealId, dealId));
  const lower = emails.map((e) => e.toLowerCase());
  const recipient = contacts.find((c) => lower.includes(c.email.toLowerCase()) && c.title);
  return { recipient: recipient?.title ?? null, any: contacts.find((c) => c.title)?.title ?? null };
}

/**
 * Whose title names the persona: the caller's, the recipient's own on the deal, the signature of the
 * pasted message (a buyer's email: its sender is the buyer), then the deal's first contact with one.
 */
async function titleForPersona(
  db: Db,
  input: SuggestInput,
  deal: ContextDeal | null,
  taxonomy: TaxonomyTerm[],
): Promise<string | null> {
  if (input.title) return input.title;
  const contacts = deal ? await contactTitles(db, deal.id, input.recipientEmails ?? []) : null;
  const signed = input.text ? signatureTitle(input.text, taxonomy) : "";
  return contacts?.recipient ?? (signed || null) ?? contacts?.any ?? null;
}

/**
 * The deal's stage when it is one of the taxonomy's selling stages; a won or lost deal (closed_won, or a
 * CRM's own closing stage) is not being sold, so it names no stage to suggest for.
 */
function sellingStage(deal: ContextDeal | null, taxonomy: TaxonomyTerm[]): string | null {
  if (deal?.status !== "open") return null;
  return taxonomy.some((t) => t.kind === "stage" && t.key === deal.stage) ? deal.stage : null;
}

export interface ResolvedContext {
  context: SuggestionContext;
  deal: ContextDeal | null;
  /** The job title the persona was read from (null when the persona was given, or none was found). */
  personaTitle: string | null;
}

/** Explicit values win; the deal and the message fill in what the caller left out. */
export async function resolveContext(
  db: Db,
  user: SessionUser,
  input: SuggestInput,
  taxonomy: TaxonomyTerm[],
): Promise<ResolvedContext> {
  const deal = await resolveDeal(db, user, input);
  // keywords of pasted text are the library's words only, as the extension's are: no names, no filler
  const detected = input.text
    ? detectSignals(input.text, taxonomy, { vocabulary: await libraryVocabularyFor(db, user) })
    : null;
  let persona = input.persona ?? null;
  let personaTitle: string | null = null;
  if (!persona) {
    const title = await titleForPersona(db, input, deal, taxonomy);
    persona = title ? (inferPersona(title, taxonomy)?.key ?? null) : null;
    personaTitle = persona ? title : null;
  }
  const competitors = input.signals?.competitors ?? detected?.competitors ?? [];
  const objections = input.signals?.objections ?? detected?.objections ?? [];
  const keywords = input.signals?.keywords ?? detected?.keywords ?? [];
  const language =
    input.language ?? detected?.language ?? (keywords.length > 0 ? detectLanguage(keywords.join(" ")) : null);
  return {
    deal,
    personaTitle,
    context: {
      stage: input.stage ?? sellingStage(deal, taxonomy),
      persona,
      industry: deal?.industry ?? null,
      competitors,
      objections,
      keywords,
      language,
    },
  };
}
