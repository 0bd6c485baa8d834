import type { PlasmoMessaging } from "@plasmohq/messaging";
import type { Reply, ThumbnailRequest } from "../../api/messages";
import { getSession } from "../../storage/settings";
import { toReply } from "../api-gateway";

const THUMBNAIL_PATH = /^\/api\/files\/[0-9a-f-]{36}\/thumbnail$/;

async function dataUrl(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:${blob.type || "image/png"};base64,${btoa(binary)}`;
}

const handler: PlasmoMessaging.MessageHandler<ThumbnailRequest, Reply<string | null>> = async (req, res) => {
  try {
    const session = await getSession();
    const path = req.body?.path ?? "";
    if (!session || !THUMBNAIL_PATH.test(path)) {
      res.send({ ok: true, data: null });
      return;
    }
    const response = await fetch(`${session.serverUrl}${path}`, {
      headers: { authorization: `Bearer ${session.token}` },
      credentials: "omit",
    });
    res.send({ ok: true, data: response.ok ? await dataUrl(await response.blob()) : null });
  } catch (err) {
    res.send(toReply(err));
  }
};

export default handler;
