import type { PlasmoMessaging } from "@plasmohq/messaging";
import type { Reply, TrackRequest } from "../../api/messages";
import { toReply } from "../api-gateway";
import { enqueue } from "../event-queue";
import { flushEvents } from "../sync";

const handler: PlasmoMessaging.MessageHandler<TrackRequest, Reply<{ queued: number }>> = async (req, res) => {
  try {
    const queued = await enqueue(req.body?.events ?? []);
    // flushed before answering, so a caller that waits knows the events went out (or stayed queued)
    await flushEvents();
    res.send({ ok: true, data: { queued } });
  } catch (err) {
    res.send(toReply(err));
  }
};

export default handler;
