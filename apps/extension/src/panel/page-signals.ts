import type { TaxonomyTerm } from "@pitchside/shared";
import type { PageContext } from "../adapters/page-context";
import { detectSignals } from "../shared-domain";

/** What a panel may send about the page: addresses, the contact's title and detected signals, never text. */
export interface OutgoingContext {
  recipients: string[];
  title: string;
  competitors: string[];
  objections: string[];
  keywords: string[];
  language: "en" | "ja";
}

export function outgoingContext(page: PageContext, taxonomy: readonly TaxonomyTerm[]): OutgoingContext {
  const signals = detectSignals([page.subject, page.text].filter(Boolean).join("\n"), taxonomy);
  return {
    recipients: page.recipients,
    title: page.title,
    competitors: signals.competitors,
    objections: signals.objections,
    keywords: signals.keywords,
    language: signals.language,
  };
}

export const sameContext = (a: OutgoingContext | null, b: OutgoingContext) =>
  a !== null && JSON.stringify(a) === JSON.stringify(b);
