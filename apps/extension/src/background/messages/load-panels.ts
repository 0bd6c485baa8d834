import panelsBundle from "url:../../panel/panels-entry.ts";
import type { PlasmoMessaging } from "@plasmohq/messaging";
import type { Reply } from "../../api/messages";
import { toReply } from "../api-gateway";

/** The bundle's path inside the extension, from the URL Plasmo gives for it. */
const BUNDLE_FILE = new URL(panelsBundle).pathname.replace(/^\//, "");

/** Injects the panels' bundle into the frame whose content script found something to put a panel on. */
const handler: PlasmoMessaging.MessageHandler<Record<string, never>, Reply<null>> = async (req, res) => {
  try {
    const tabId = req.sender?.tab?.id;
    if (tabId === undefined) throw new Error("load-panels comes from a page's content script");
    await chrome.scripting.executeScript({
      target: { tabId, frameIds: [req.sender?.frameId ?? 0] },
      files: [BUNDLE_FILE],
    });
    res.send({ ok: true, data: null });
  } catch (err) {
    res.send(toReply(err));
  }
};

export default handler;
