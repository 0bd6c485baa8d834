import type { TaxonomyTerm, Vocabulary } from "@pitchside/shared";
import type { PageContext } from "../adapters/page-context";
import { detectSignals, inferPersona } from "../shared-domain";

/**
 * What a panel may send about the page: the recipients' addresses, the contact's persona key and
 * detected signals. Keywords are only the library's vocabulary terms; no other word of the subject,
 * draft or thread, and not the contact's title, leaves the browser.
 */
export interface OutgoingContext {
  recipients: string[];
  /** The persona inferred here from the contact's title, as a taxonomy key. */
  persona: string | null;
  competitors: string[];
  objections: string[];
  keywords: string[];
  language: "en" | "ja";
}

export function outgoingContext(
  page: PageContext,
  taxonomy: readonly TaxonomyTerm[],
  vocabulary: Vocabulary,
): OutgoingContext {
  const text = [page.subject, page.text].filter(Boolean).join("\n");
  const signals = detectSignals(text, taxonomy, { vocabulary });
  return {
    recipients: page.recipients,
    persona: inferPersona(page.title, taxonomy)?.key ?? null,
    competitors: signals.competitors,
    objections: signals.objections,
    keywords: signals.keywords,
    language: signals.language,
  };
}

export const sameContext = (a: OutgoingContext | null, b: OutgoingContext) =>
  a !== null && JSON.stringify(a) === JSON.stringify(b);
