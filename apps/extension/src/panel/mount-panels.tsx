import type { ExtensionSurface } from "@pitchside/shared";
import { createRoot, type Root } from "react-dom/client";
import type { PanelTarget } from "../adapters/page-context";
import { watchTargets } from "../adapters/page-watcher";
import { Panel } from "./Panel";
import { createPanelContainer } from "./shadow-host";

/** A Panel in its own shadow root for each target the adapter finds, while it is on the page. */
export function mountPanels(surface: ExtensionSurface, find: (doc: Document) => PanelTarget[]): () => void {
  const roots = new Map<HTMLElement, { root: Root; host: Element }>();
  return watchTargets({
    root: document.body,
    find: () => find(document),
    mount: (target) => {
      const container = createPanelContainer(target.anchor, target.insertPosition);
      const host = (container.getRootNode() as ShadowRoot).host;
      const root = createRoot(container);
      roots.set(target.key, { root, host });
      root.render(<Panel surface={surface} target={target} />);
    },
    unmount: (target) => {
      const entry = roots.get(target.key);
      roots.delete(target.key);
      entry?.root.unmount();
      entry?.host.remove();
    },
  });
}
