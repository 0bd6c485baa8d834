import type { ExtensionSurface } from "@pitchside/shared";
import { sendToBackground } from "@plasmohq/messaging";
import type { PanelTarget } from "../adapters/page-context";
import { LAZY_PANELS_KEY, type LazyPanelsState } from "./lazy-panels-state";

/** Mutations coalesce into one look for a target after this quiet time. */
const DEBOUNCE_MS = 250;
/** A light look for changes no childList mutation reveals (single-page navigation). */
const RESCAN_MS = 2000;

/**
 * The content script's whole job: watch the page until the adapter finds something to put a panel on,
 * then ask the background worker to inject the panels' bundle (React and the panel) into this frame.
 * Pages where the rep never opens a compose window or a thread never load React.
 */
export function loadPanelsWhenNeeded(
  surface: ExtensionSurface,
  find: (doc: Document) => PanelTarget[],
): void {
  const state: LazyPanelsState = { surface, mounted: false };
  (globalThis as Record<string, unknown>)[LAZY_PANELS_KEY] = state;
  let pending: ReturnType<typeof setTimeout> | undefined;
  const look = () => {
    pending = undefined;
    if (find(document).length === 0) return;
    observer.disconnect();
    clearInterval(timer);
    void sendToBackground({ name: "load-panels", body: {} }).catch(() => undefined);
  };
  const schedule = () => {
    if (pending === undefined) pending = setTimeout(look, DEBOUNCE_MS);
  };
  const observer = new MutationObserver(schedule);
  observer.observe(document.body, { childList: true, subtree: true });
  const timer = setInterval(schedule, RESCAN_MS);
  look();
}
