import type { RouterOutputs } from "../api-types";

export type SearchPage = RouterOutputs["search"]["query"];

/** Results asked for at once; "Show more" asks for as many again. */
export const SEARCH_PAGE_SIZE = 30;
/** The furthest offset search.query accepts. */
const MAX_OFFSET = 10_000;

/** Where the page after `last` (asked for at `lastOffset`) starts, or undefined when there is none. */
export function nextOffset(last: SearchPage, lastOffset: number): number | undefined {
  const next = lastOffset + last.hits.length;
  // an empty page ends the list even if the total (an estimate) says more
  return last.hits.length > 0 && next < last.total && next <= MAX_OFFSET ? next : undefined;
}

/**
 * The pages loaded so far as one result: hits in order, each asset once (one the index moved
 * between two pages would show twice), with the total and facets of the latest answer.
 */
export function mergeSearchPages(pages: readonly SearchPage[]): SearchPage {
  const last = pages.at(-1);
  if (!last) return { hits: [], total: 0, facets: {}, degraded: false };
  const seen = new Set<string>();
  const hits: SearchPage["hits"] = [];
  for (const hit of pages.flatMap((page) => page.hits)) {
    if (seen.has(hit.asset.id)) continue;
    seen.add(hit.asset.id);
    hits.push(hit);
  }
  return { ...last, hits };
}
