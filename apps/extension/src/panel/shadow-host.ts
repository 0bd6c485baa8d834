import { panelStyleElement } from "./panel-style";

/** The element each panel's shadow root hangs from; the tests find panels by it. */
export const PANEL_HOST_TAG = "pitchside-panel";

/**
 * A host element at `anchor` (as `insertAdjacentElement` places it) with an open shadow root holding the
 * panel's styles and the container React renders into: nothing of the page's CSS reaches in, nothing leaks out.
 */
export function createPanelContainer(anchor: Element, position: InsertPosition): Element {
  const host = anchor.ownerDocument.createElement(PANEL_HOST_TAG);
  const shadow = host.attachShadow({ mode: "open" });
  const container = anchor.ownerDocument.createElement("div");
  shadow.append(panelStyleElement(), container);
  anchor.insertAdjacentElement(position, host);
  return container;
}
