import type { TaxonomyTerm } from "@pitchside/shared";
import type { PageContext } from "../adapters/page-context";
import { detectSignals, isExternalAddress, signatureTitle } from "../shared-domain";

/** What a panel may send about the page: addresses, the contact's title and detected signals, never text. */
export interface OutgoingContext {
  recipients: string[];
  title: string;
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
  self: string | null = null,
): OutgoingContext {
  const signals = detectSignals([page.subject, page.text].filter(Boolean).join("\n"), taxonomy);
  const external = (email: string) => isExternalAddress(email, self);
  const buyer = [...(page.messages ?? [])].reverse().find((m) => m.from !== "" && external(m.from));
  return {
    recipients: page.recipients.filter(external),
    title: page.title || (buyer ? signatureTitle(buyer.text, taxonomy) : ""),
    competitors: signals.competitors,
    objections: signals.objections,
    keywords: signals.keywords,
    language: signals.language,
  };
}

export const sameContext = (a: OutgoingContext | null, b: OutgoingContext) =>
  a !== null && JSON.stringify(a) === JSON.stringify(b);
