import type { ExtensionSurface } from "@pitchside/shared";

/** Where the content script leaves, for the injected panels' bundle, which site this page is. */
export const LAZY_PANELS_KEY = "__pitchsidePanels";

export interface LazyPanelsState {
  surface: ExtensionSurface;
  /** Set by the bundle: a second injection (a racing request) mounts nothing twice. */
  mounted: boolean;
}
