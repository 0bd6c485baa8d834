import {
  detectSignals,
  inferPersona,
  isExternalAddress,
  signatureTitle,
  type TaxonomyTerm,
  type Vocabulary,
} from "@pitchside/shared";
import type { PageContext } from "../adapters/page-context";

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

/**
 * What goes out for this page. `self` is the signed-in rep's address: they and colleagues on their
 * domain are never the buyer, as recipients or as the sender whose signature names the buyer's title.
 */
export function outgoingContext(
  page: PageContext,
  taxonomy: readonly TaxonomyTerm[],
  vocabulary: Vocabulary,
  self: string | null = null,
): OutgoingContext {
  const text = [page.subject, page.text].filter(Boolean).join("\n");
  const signals = detectSignals(text, taxonomy, { vocabulary });
  const external = (email: string) => isExternalAddress(email, self);
  const buyer = [...(page.messages ?? [])].reverse().find((m) => m.from !== "" && external(m.from));
  const title = page.title || (buyer ? signatureTitle(buyer.text, taxonomy) : "");
  return {
    recipients: page.recipients.filter(external),
    persona: inferPersona(title, taxonomy)?.key ?? null,
    competitors: signals.competitors,
    objections: signals.objections,
    keywords: signals.keywords,
    language: signals.language,
  };
}

export const sameContext = (a: OutgoingContext | null, b: OutgoingContext) =>
  a !== null && JSON.stringify(a) === JSON.stringify(b);
