import type { ExtensionSurface } from "@pitchside/shared";
import { sendToBackground } from "@plasmohq/messaging";
import type { PanelTarget } from "../adapters/page-context";
import { watchTargets } from "../adapters/page-watcher";
import { LAZY_PANELS_KEY, type LazyPanelsState } from "./lazy-panels-state";

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
  let requested = false;
  const stop = watchTargets({
    root: document.body,
    find: () => find(document),
    mount: () => {
      if (requested) return;
      requested = true;
      // the watcher's first scan runs before it hands back its stop function
      queueMicrotask(() => stop());
      void sendToBackground({ name: "load-panels", body: {} }).catch(() => undefined);
    },
    unmount: () => undefined,
  });
}
