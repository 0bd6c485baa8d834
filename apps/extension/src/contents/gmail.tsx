import type { PlasmoCSConfig, PlasmoGetStyle, PlasmoRender } from "plasmo";
import { findGmailTargets } from "../adapters/gmail";
import { mountPanels } from "../panel/mount-panels";
import { panelStyleElement } from "../panel/panel-style";

export const config: PlasmoCSConfig = {
  matches: ["https://mail.google.com/*"],
  run_at: "document_idle",
};

export const getStyle: PlasmoGetStyle = panelStyleElement;

/** Plasmo calls this once; the adapter's watcher then mounts a panel per compose window and thread. */
export const render: PlasmoRender<unknown> = ({ createRootContainer }) => {
  if (createRootContainer) mountPanels("gmail", findGmailTargets, createRootContainer);
};
