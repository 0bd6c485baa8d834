import { describe, expect, it } from "vitest";
import { chosenDeal, confidentDealMatch, type RankableDealMatch, sortDealMatches } from "./deal-match";

const deal = (id: string, over: Partial<RankableDealMatch> = {}) => ({
  id,
  match: "domain" as const,
  status: "open",
  mine: true,
  updatedAt: "2026-11-01T00:00:00.000Z",
  ...over,
});

describe("deal matches", () => {
  it("sorts the rep's open deals first, then open deals, then closed ones, contacts first, newest first", () => {
    const sorted = sortDealMatches([
      deal("closed-contact", { match: "contact", status: "won", mine: false }),
      deal("theirs-open", { mine: false }),
      deal("mine-old"),
      deal("mine-new", { updatedAt: "2026-11-20T00:00:00.000Z" }),
      deal("mine-contact", { match: "contact" }),
    ]);
    expect(sorted.map((d) => d.id)).toEqual([
      "mine-contact",
      "mine-new",
      "mine-old",
      "theirs-open",
      "closed-contact",
    ]);
  });

  it("picks a deal only when it is better than the next one", () => {
    expect(confidentDealMatch([])).toBeNull();
    expect(confidentDealMatch([deal("only")])?.id).toBe("only");
    // a named contact beats the account's other open deals
    expect(confidentDealMatch(sortDealMatches([deal("a"), deal("b", { match: "contact" })]))?.id).toBe("b");
    // an open deal beats a closed one of the same account
    expect(confidentDealMatch(sortDealMatches([deal("a", { status: "lost" }), deal("b")]))?.id).toBe("b");
    // even when only the closed deal names the recipient
    const wonContact = deal("won", { status: "won", match: "contact", mine: false });
    expect(confidentDealMatch(sortDealMatches([wonContact, deal("open", { mine: false })]))?.id).toBe("open");
  });

  it("never picks a won or lost deal on its own", () => {
    expect(confidentDealMatch([deal("won", { status: "won", match: "contact" })])).toBeNull();
    expect(
      confidentDealMatch(sortDealMatches([deal("a", { status: "won" }), deal("b", { status: "lost" })])),
    ).toBeNull();
  });

  it("asks instead of guessing between open deals that match equally well", () => {
    const three = sortDealMatches([deal("a"), deal("b"), deal("c")]);
    expect(confidentDealMatch(three)).toBeNull();
    const contacts = sortDealMatches([deal("a", { match: "contact" }), deal("b", { match: "contact" })]);
    expect(confidentDealMatch(contacts)).toBeNull();
  });

  it("follows a confident match, asks when several open deals tie, and keeps the rep's own choice", () => {
    const one = [deal("a", { match: "contact" }), deal("b")];
    expect(chosenDeal(one, "auto")).toEqual({ confident: one[0], ask: false, dealId: "a" });
    const tied = [deal("a"), deal("b")];
    expect(chosenDeal(tied, "auto")).toEqual({ confident: null, ask: true, dealId: null });
    expect(chosenDeal(tied, "b")).toEqual({ confident: null, ask: false, dealId: "b" });
    expect(chosenDeal(one, "none")).toEqual({ confident: one[0], ask: false, dealId: null });
  });
});
