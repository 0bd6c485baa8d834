import { useCallback, useRef, useState } from "react";
import { filtersKey, readSearchState, type SearchFilters } from "./search-state";

const filtersOf = (key: string) => readSearchState(new URLSearchParams(key)).filters;

/**
 * The filters as ticked: a click shows at once and the search follows it, without waiting for the
 * URL. The URL follows too (shared links, back button), and a change of it from elsewhere is taken over.
 */
export function useTickedFilters(params: URLSearchParams) {
  const fromUrl = filtersKey(readSearchState(params).filters);
  // `written`: what this page wrote to the URL and has not seen arrive; its arrival is no change from elsewhere
  const [ticked, setTicked] = useState(() => ({
    url: fromUrl,
    written: [] as string[],
    filters: filtersOf(fromUrl),
  }));
  let current = ticked;
  if (fromUrl !== ticked.url) {
    // taken over during render, not in an effect, so the boxes never show the old filters under a new URL
    const ours = ticked.written.indexOf(fromUrl);
    current =
      ours >= 0
        ? { ...ticked, url: fromUrl, written: ticked.written.slice(ours + 1) }
        : { url: fromUrl, written: [], filters: filtersOf(fromUrl) };
    setTicked(current);
  }
  const latest = useRef(current.filters);
  latest.current = current.filters;
  /** Shows `next` at once; call it just before writing `next` to the URL. */
  const tick = useCallback((next: SearchFilters) => {
    latest.current = next;
    setTicked((prev) => ({ ...prev, written: [...prev.written, filtersKey(next)], filters: next }));
  }, []);
  return { filters: current.filters, latest, tick };
}
