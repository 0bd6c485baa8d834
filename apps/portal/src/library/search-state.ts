import {
  type AssetStatus,
  type AssetType,
  assetStatuses,
  assetTypes,
  type Language,
  languages,
  type SearchSort,
  searchSorts,
} from "@pitchside/shared";

/** The facets the library filters on: URL parameter, search filter and facet name are the same word. */
export const facetKeys = [
  "type",
  "stages",
  "personas",
  "industries",
  "competitors",
  "language",
  "status",
] as const;
export type FacetKey = (typeof facetKeys)[number];

export interface SearchState {
  q: string;
  sort: SearchSort;
  filters: {
    type: AssetType[];
    stages: string[];
    personas: string[];
    industries: string[];
    competitors: string[];
    language: Language[];
    status: AssetStatus[];
  };
}

const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (values: string[]) =>
    values.filter((v): v is T => (allowed as readonly string[]).includes(v));
const key = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const keys = (values: string[]) => values.filter((v) => key.test(v)).slice(0, 50);

/** What the URL says; unknown or malformed values are dropped, so a hand-edited link still works. */
export function readSearchState(params: URLSearchParams): SearchState {
  const sort = params.get("sort");
  return {
    q: (params.get("q") ?? "").slice(0, 500),
    sort: searchSorts.find((s) => s === sort) ?? "relevance",
    filters: {
      type: oneOf(assetTypes)(params.getAll("type")),
      stages: keys(params.getAll("stages")),
      personas: keys(params.getAll("personas")),
      industries: keys(params.getAll("industries")),
      competitors: keys(params.getAll("competitors")),
      language: oneOf(languages)(params.getAll("language")),
      status: oneOf(assetStatuses)(params.getAll("status")),
    },
  };
}

/** The inverse of readSearchState, leaving defaults out so shared links stay short. */
export function writeSearchState(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set("q", state.q);
  for (const facet of facetKeys) for (const value of state.filters[facet]) params.append(facet, value);
  if (state.sort !== "relevance") params.set("sort", state.sort);
  return params;
}

/** The search.query filters: empty lists left out. */
export function searchFilters(state: SearchState) {
  return Object.fromEntries(
    facetKeys.filter((f) => state.filters[f].length > 0).map((f) => [f, state.filters[f]]),
  );
}

export const hasFilters = (state: SearchState) => facetKeys.some((f) => state.filters[f].length > 0);

export type SearchFilters = SearchState["filters"];

export const noFilters: SearchFilters = {
  type: [],
  stages: [],
  personas: [],
  industries: [],
  competitors: [],
  language: [],
  status: [],
};

/** Every ticked value, facet by facet in panel order: one chip each. */
export const activeFilters = (filters: SearchFilters) =>
  facetKeys.flatMap((facet) => filters[facet].map((value) => ({ facet, value })));

/** The filters with one facet's values replaced. */
export const withFacet = (filters: SearchFilters, facet: FacetKey, values: string[]): SearchFilters => ({
  ...filters,
  [facet]: values,
});

/** The filters as a URL query string: equal filters, equal keys. */
export const filtersKey = (filters: SearchFilters) =>
  writeSearchState({ q: "", sort: "relevance", filters }).toString();
