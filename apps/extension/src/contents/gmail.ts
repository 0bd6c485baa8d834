import type { PlasmoCSConfig } from "plasmo";
import { findGmailTargets } from "../adapters/gmail";
import { loadPanelsWhenNeeded } from "../panel/lazy-panels";

export const config: PlasmoCSConfig = {
  matches: ["https://mail.google.com/*"],
  run_at: "document_idle",
};

// a panel per compose window (pop-up or inline reply) and for the open thread, once there is one
loadPanelsWhenNeeded("gmail", findGmailTargets);
