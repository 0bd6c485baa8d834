import type { PlasmoCSConfig, PlasmoGetStyle, PlasmoRender } from "plasmo";
import { findLinkedInTargets } from "../adapters/linkedin";
import { mountPanels } from "../panel/mount-panels";
import { panelStyleElement } from "../panel/panel-style";

export const config: PlasmoCSConfig = {
  matches: ["https://www.linkedin.com/*"],
  run_at: "document_idle",
};

export const getStyle: PlasmoGetStyle = panelStyleElement;

/** Plasmo calls this once; the watcher follows LinkedIn's single-page navigation from there. */
export const render: PlasmoRender<unknown> = ({ createRootContainer }) => {
  if (createRootContainer) mountPanels("linkedin", (doc) => findLinkedInTargets(doc), createRootContainer);
};
