import { describe, expect, it } from "vitest";
import { mergeSearchPages, nextOffset, type SearchPage } from "./search-pages";

const hit = (id: string) =>
  ({ asset: { id }, snippet: "", page: null }) as unknown as SearchPage["hits"][number];
const page = (ids: string[], total: number, facets = {}): SearchPage => ({
  hits: ids.map(hit),
  total,
  facets,
  degraded: false,
});

describe("search pages", () => {
  it("asks for the next page until every result is loaded", () => {
    expect(nextOffset(page(["a", "b"], 5), 0)).toBe(2);
    expect(nextOffset(page(["c", "d"], 5), 2)).toBe(4);
    expect(nextOffset(page(["e"], 5), 4)).toBeUndefined();
  });

  it("stops at an empty page even when the estimated total says more", () => {
    expect(nextOffset(page([], 40), 30)).toBeUndefined();
  });

  it("lists the pages in order, each asset once, with the latest total and facets", () => {
    const merged = mergeSearchPages([
      page(["a", "b"], 4, { type: { deck: 4 } }),
      page(["b", "c"], 5, { type: { deck: 5 } }),
    ]);
    expect(merged.hits.map((h) => h.asset.id)).toEqual(["a", "b", "c"]);
    expect(merged.total).toBe(5);
    expect(merged.facets).toEqual({ type: { deck: 5 } });
  });
});
