import type { TaxonomyTerm } from "@pitchside/shared";
import { api } from "../api/client";

let cached: Promise<TaxonomyTerm[]> | null = null;

/** The taxonomy, fetched once per page (every panel on it shares it). */
export function loadTaxonomy(): Promise<TaxonomyTerm[]> {
  cached ??= api("taxonomy.list", {}).catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}
