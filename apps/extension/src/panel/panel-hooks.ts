import { EMPTY_VOCABULARY, type TaxonomyTerm, type Vocabulary } from "@pitchside/shared";
import { useEffect, useState } from "react";
import { trackCaret } from "../adapters/insert-link";
import type { PanelTarget } from "../adapters/page-context";
import { api, session } from "../api/client";
import type { SessionStatus } from "../api/messages";
import { getPanelOpen, type PanelKind, SESSION_KEY, setPanelOpen, VOCABULARY_KEY } from "../storage/settings";
import { useConnection } from "./connection";
import { type OutgoingContext, outgoingContext, sameContext } from "./page-signals";
import type { PanelItem } from "./SuggestionItem";
import { loadVocabulary } from "./vocabulary-cache";

/** How often the page is re-read while the panel is open (typing also triggers a read). */
const REREAD_MS = 1500;
const TYPING_DEBOUNCE_MS = 400;

/** The session as the background worker sees it; follows sign-in and sign-out from the popup. */
export function useSession() {
  const [status, setStatus] = useState<SessionStatus | null>(null);
  useEffect(() => {
    const refresh = () => void session({ action: "status" }).then(setStatus, () => setStatus(null));
    refresh();
    const onChange = (changes: Record<string, chrome.storage.StorageChange>) => {
      if (SESSION_KEY in changes) refresh();
    };
    chrome.storage.onChanged.addListener(onChange);
    return () => chrome.storage.onChanged.removeListener(onChange);
  }, []);
  return status;
}

/** Whether a panel of this kind is open, remembered for the rep across pages and windows. */
export function usePanelOpen(kind: PanelKind): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(kind === "thread");
  useEffect(() => {
    let live = true;
    getPanelOpen(kind).then(
      (stored) => live && setOpen(stored),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [kind]);
  const change = (next: boolean) => {
    setOpen(next);
    void setPanelOpen(kind, next).catch(() => undefined);
  };
  return [open, change];
}

/** The library's vocabulary, following the background worker's downloads; empty until the first. */
function useVocabulary(): Vocabulary {
  const [vocabulary, setVocabulary] = useState(EMPTY_VOCABULARY);
  useEffect(() => {
    let live = true;
    const refresh = () =>
      void loadVocabulary().then(
        (loaded) => live && setVocabulary(loaded),
        () => undefined,
      );
    refresh();
    const onChange = (changes: Record<string, chrome.storage.StorageChange>) => {
      if (VOCABULARY_KEY in changes) refresh();
    };
    chrome.storage.onChanged.addListener(onChange);
    return () => {
      live = false;
      chrome.storage.onChanged.removeListener(onChange);
    };
  }, []);
  return vocabulary;
}

/** Re-reads the page on a timer and on typing; changes only when what would be sent changes. */
export function usePageContext(target: PanelTarget, taxonomy: TaxonomyTerm[] | null, self: string | null) {
  const [outgoing, setOutgoing] = useState<OutgoingContext | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const vocabulary = useVocabulary();
  useEffect(() => {
    if (!taxonomy) return;
    const read = () => {
      const page = target.read();
      setMissing((prev) => (prev.join() === page.missing.join() ? prev : page.missing));
      const next = outgoingContext(page, taxonomy, vocabulary, self);
      setOutgoing((prev) => (sameContext(prev, next) ? prev : next));
    };
    read();
    const timer = setInterval(read, REREAD_MS);
    let pending: ReturnType<typeof setTimeout> | undefined;
    const onInput = () => {
      clearTimeout(pending);
      pending = setTimeout(read, TYPING_DEBOUNCE_MS);
    };
    target.editor?.addEventListener("input", onInput);
    const stopCaret = target.editor ? trackCaret(target.editor) : () => undefined;
    return () => {
      clearInterval(timer);
      clearTimeout(pending);
      target.editor?.removeEventListener("input", onInput);
      stopCaret();
    };
  }, [target, taxonomy, vocabulary, self]);
  return { outgoing, missing };
}

/** Library search from the panel (manual mode, or when the suggestions miss). */
export function useLibrarySearch(enabled: boolean, query: string): PanelItem[] | null {
  const [hits, setHits] = useState<PanelItem[] | null>(null);
  const { recoveries } = useConnection();
  // biome-ignore lint/correctness/useExhaustiveDependencies: recoveries: a search that failed in an outage runs again
  useEffect(() => {
    const q = query.trim();
    if (!enabled || !q) {
      setHits(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api("search.query", { q, filters: {}, sort: "relevance", limit: 5, offset: 0 })
        .then((found) => live && setHits(found.hits.map((hit) => ({ asset: hit.asset, reasons: [] }))))
        .catch(() => live && setHits([]));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [enabled, query, recoveries]);
  return hits;
}
