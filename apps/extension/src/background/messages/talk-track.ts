import type { PlasmoMessaging } from "@plasmohq/messaging";
import type { Reply, TalkTrackRequest } from "../../api/messages";
import { getSession } from "../../storage/settings";
import { toReply } from "../api-gateway";

const VERSION_ID = /^[0-9a-f-]{36}$/;
/** A talk track is a page of Markdown; anything longer is not one. */
const MAX_BYTES = 200 * 1024;

/** The text of a Markdown asset's version, for the rep to copy (the file route needs the worker's token). */
const handler: PlasmoMessaging.MessageHandler<TalkTrackRequest, Reply<string>> = async (req, res) => {
  try {
    const session = await getSession();
    const versionId = req.body?.versionId ?? "";
    if (!session) throw new Error("Sign in to Pitchside from the extension's popup");
    if (!VERSION_ID.test(versionId)) throw new Error("Not a version id");
    const response = await fetch(`${session.serverUrl}/api/files/${versionId}`, {
      headers: { authorization: `Bearer ${session.token}` },
      credentials: "omit",
    });
    const type = response.headers.get("content-type") ?? "";
    if (!response.ok || !/^text\/(markdown|plain)/.test(type))
      throw new Error(`The talk track could not be read (HTTP ${response.status})`);
    const text = await response.text();
    if (text.length > MAX_BYTES) throw new Error("The talk track is too long to copy");
    res.send({ ok: true, data: text });
  } catch (err) {
    res.send(toReply(err));
  }
};

export default handler;
