import type { ExtensionSurface } from "@pitchside/shared";
import type { PlasmoCSUIAnchor } from "plasmo";
import { createRoot, type Root } from "react-dom/client";
import type { PanelTarget } from "../adapters/page-context";
import { watchTargets } from "../adapters/page-watcher";
import { Panel } from "./Panel";

type CreateRootContainer = (anchor?: PlasmoCSUIAnchor) => Element | Promise<Element>;

/** A Panel in its own Plasmo CSUI shadow root for each target the adapter finds, while it is on the page. */
export function mountPanels(
  surface: ExtensionSurface,
  find: (doc: Document) => PanelTarget[],
  createRootContainer: CreateRootContainer,
): void {
  const roots = new Map<HTMLElement, { root: Root | null; host: Element | null }>();
  watchTargets({
    root: document.body,
    find: () => find(document),
    mount: (target) => {
      const entry: { root: Root | null; host: Element | null } = { root: null, host: null };
      roots.set(target.key, entry);
      void Promise.resolve(
        createRootContainer({
          element: target.anchor,
          type: "inline",
          insertPosition: target.insertPosition,
        }),
      ).then((container) => {
        const host = (container.getRootNode() as ShadowRoot).host ?? null;
        // the target left while its shadow root was being made
        if (roots.get(target.key) !== entry) return void host?.remove();
        entry.host = host;
        entry.root = createRoot(container);
        entry.root.render(<Panel surface={surface} target={target} />);
      });
    },
    unmount: (target) => {
      const entry = roots.get(target.key);
      roots.delete(target.key);
      entry?.root?.unmount();
      entry?.host?.remove();
    },
  });
}
