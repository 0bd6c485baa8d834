import type { PlasmoCSConfig } from "plasmo";
import { findLinkedInTargets } from "../adapters/linkedin";
import { loadPanelsWhenNeeded } from "../panel/lazy-panels";

export const config: PlasmoCSConfig = {
  matches: ["https://www.linkedin.com/*"],
  run_at: "document_idle",
};

// a panel for a profile and for each open message box, once there is one
loadPanelsWhenNeeded("linkedin", (doc) => findLinkedInTargets(doc));
