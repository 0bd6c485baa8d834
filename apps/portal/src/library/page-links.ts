import type { TFunction } from "i18next";

/** What a page of a document is called: a presentation has slides. */
export type PageUnit = "page" | "slide";

/** Where in a document a search hit matched, as search.query reports it. */
export interface HitPage {
  number: number;
  unit: PageUnit;
}

/** "Slide 7" or "p. 3" (「スライド 7」「3 ページ」): the page a hit matched on. */
export const hitPageLabel = (t: TFunction<"library">, page: HitPage) =>
  page.unit === "slide"
    ? t("search.hitSlide", { number: page.number })
    : t("search.hitPage", { number: page.number });

/** The asset page, opened at a page when there is one. */
export const assetHref = (assetId: string, page?: number | null) =>
  page
    ? `/library/assets/${assetId}?${new URLSearchParams({ page: String(page) })}`
    : `/library/assets/${assetId}`;

/** The page the asset page opens at (`?page=N`, as a search hit links it); null when absent or not a page number. */
export function pageParam(params: URLSearchParams): number | null {
  const raw = params.get("page");
  if (!raw || !/^\d{1,6}$/.test(raw)) return null;
  const page = Number(raw);
  return page >= 1 ? page : null;
}
