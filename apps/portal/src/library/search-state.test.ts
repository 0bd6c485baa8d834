import { describe, expect, it } from "vitest";
import {
  activeFilters,
  filtersKey,
  noFilters,
  readSearchState,
  searchFilters,
  withFacet,
  writeSearchState,
} from "./search-state";

describe("search state in the URL", () => {
  it("round-trips query, filters and sort, leaving defaults out", () => {
    const params = new URLSearchParams(
      "q=価格&type=case_study&stages=proposal&stages=negotiation&language=ja&sort=newest",
    );
    const state = readSearchState(params);
    expect(state).toEqual({
      q: "価格",
      sort: "newest",
      filters: {
        type: ["case_study"],
        stages: ["proposal", "negotiation"],
        personas: [],
        industries: [],
        competitors: [],
        language: ["ja"],
        status: [],
      },
    });
    expect(readSearchState(writeSearchState(state))).toEqual(state);
    expect(writeSearchState({ ...state, q: " ", sort: "relevance" }).toString()).toBe(
      "type=case_study&stages=proposal&stages=negotiation&language=ja",
    );
  });

  it("drops values a hand-edited link got wrong instead of failing the search", () => {
    const state = readSearchState(
      new URLSearchParams("type=brochure&stages=Not%20A%20Key&language=fr&sort=best"),
    );
    expect(state.sort).toBe("relevance");
    expect(searchFilters(state)).toEqual({});
  });

  it("sends only the facets that have values", () => {
    const state = readSearchState(new URLSearchParams("personas=finance&status=draft"));
    expect(searchFilters(state)).toEqual({ personas: ["finance"], status: ["draft"] });
  });
});

describe("ticked filters", () => {
  it("list one chip per value, facet by facet in panel order", () => {
    const filters = withFacet(withFacet(noFilters, "stages", ["proposal"]), "type", ["case_study", "deck"]);
    expect(activeFilters(filters)).toEqual([
      { facet: "type", value: "case_study" },
      { facet: "type", value: "deck" },
      { facet: "stages", value: "proposal" },
    ]);
    expect(activeFilters(noFilters)).toEqual([]);
  });

  it("key equal filters alike, whatever else the URL holds", () => {
    const filters = withFacet(noFilters, "type", ["case_study"]);
    expect(filtersKey(filters)).toBe("type=case_study");
    expect(
      filtersKey(readSearchState(new URLSearchParams("q=acme&type=case_study&sort=newest")).filters),
    ).toBe(filtersKey(filters));
    expect(filtersKey(noFilters)).toBe("");
  });
});
