import type { PlasmoCSConfig } from "plasmo";
import { findOutlookTargets } from "../adapters/outlook";
import { loadPanelsWhenNeeded } from "../panel/lazy-panels";

export const config: PlasmoCSConfig = {
  matches: ["https://outlook.office.com/*", "https://outlook.office365.com/*", "https://outlook.live.com/*"],
  run_at: "document_idle",
};

// a panel per compose and for the conversation open in the reading pane, once there is one
loadPanelsWhenNeeded("outlook", findOutlookTargets);
