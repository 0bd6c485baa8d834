import type { PlasmoCSConfig, PlasmoGetStyle, PlasmoRender } from "plasmo";
import { findOutlookTargets } from "../adapters/outlook";
import { mountPanels } from "../panel/mount-panels";
import { panelStyleElement } from "../panel/panel-style";

export const config: PlasmoCSConfig = {
  matches: ["https://outlook.office.com/*", "https://outlook.office365.com/*", "https://outlook.live.com/*"],
  run_at: "document_idle",
};

export const getStyle: PlasmoGetStyle = panelStyleElement;

/** Plasmo calls this once; the watcher mounts a panel per compose and per open conversation. */
export const render: PlasmoRender<unknown> = ({ createRootContainer }) => {
  if (createRootContainer) mountPanels("outlook", findOutlookTargets, createRootContainer);
};
