/** What ranking a deal found from a message's recipients needs to know about it. */
export interface RankableDealMatch {
  /** `contact`: a recipient is one of the deal's contacts; `domain`: only the account's domain matched. */
  match: "contact" | "domain";
  status: string;
  /** The caller owns the deal. */
  mine: boolean;
  updatedAt: string;
}

/**
 * Lower is better: the caller's own open deals, then others' open deals, then closed ones (content is
 * suggested for deals still being sold); within each, a named contact before the account's domain.
 */
export function dealMatchTier(d: RankableDealMatch): [number, number, number] {
  return [d.mine && d.status === "open" ? 0 : 1, d.status === "open" ? 0 : 1, d.match === "contact" ? 0 : 1];
}

function compareTiers(a: RankableDealMatch, b: RankableDealMatch): number {
  const ta = dealMatchTier(a);
  const tb = dealMatchTier(b);
  for (let i = 0; i < ta.length; i += 1) {
    const diff = (ta[i] ?? 0) - (tb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Best first; within a tier the most recently updated deal first. */
export function sortDealMatches<D extends RankableDealMatch>(matches: readonly D[]): D[] {
  return [...matches].sort((a, b) => compareTiers(a, b) || b.updatedAt.localeCompare(a.updatedAt));
}

/**
 * The open deal a message is about when the match says so, or null when it cannot tell: two open deals in
 * the same tier (three open opportunities of one account, say) are a question for the rep, not a guess,
 * and a won or lost deal is never picked on its own (the rep may still choose it).
 */
export function confidentDealMatch<D extends RankableDealMatch>(sorted: readonly D[]): D | null {
  const [first, second] = sorted;
  if (first?.status !== "open") return null;
  return second?.status !== "open" || compareTiers(first, second) < 0 ? first : null;
}

/** "auto" follows the recipients' match, "none" is no deal, anything else a deal the rep picked. */
export type DealChoice = "auto" | "none" | (string & {});

/**
 * The deal a message is about, given the recipients' matches (best first) and the rep's choice: the
 * confident match, and whether to ask the rep instead (several open deals match equally well: ask, don't
 * guess). The extension's panel and the portal's Find content decide it the same way.
 */
export function chosenDeal<D extends RankableDealMatch & { id: string }>(
  sorted: readonly D[],
  choice: DealChoice,
): { confident: D | null; ask: boolean; dealId: string | null } {
  const confident = confidentDealMatch(sorted);
  const ask = choice === "auto" && !confident && sorted.filter((d) => d.status === "open").length > 1;
  const dealId = choice === "auto" ? (confident?.id ?? null) : choice === "none" ? null : choice;
  return { confident, ask, dealId };
}
