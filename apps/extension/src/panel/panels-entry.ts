// The panels' bundle (React and the panel), injected by the background worker into a page once its
// content script has seen a compose window, a thread or a profile there; until then a page carries only
// the small watcher of src/panel/lazy-panels.ts.
import type { ExtensionSurface } from "@pitchside/shared";
import { findGmailTargets } from "../adapters/gmail";
import { findLinkedInTargets } from "../adapters/linkedin";
import { findOutlookTargets } from "../adapters/outlook";
import type { PanelTarget } from "../adapters/page-context";
import { LAZY_PANELS_KEY, type LazyPanelsState } from "./lazy-panels-state";
import { mountPanels } from "./mount-panels";

const finders: Record<ExtensionSurface, (doc: Document) => PanelTarget[]> = {
  gmail: findGmailTargets,
  linkedin: (doc) => findLinkedInTargets(doc),
  outlook: findOutlookTargets,
};

// the content script and this bundle share the extension's isolated world, and so its globals
const state = (globalThis as Record<string, unknown>)[LAZY_PANELS_KEY] as LazyPanelsState | undefined;
if (state && !state.mounted) {
  state.mounted = true;
  mountPanels(state.surface, finders[state.surface]);
}
