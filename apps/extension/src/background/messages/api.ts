import type { PlasmoMessaging } from "@plasmohq/messaging";
import { isApiCallName } from "../../api/calls";
import type { ApiRequest, Reply } from "../../api/messages";
import { answerApi } from "../api-gateway";

const handler: PlasmoMessaging.MessageHandler<ApiRequest, Reply<unknown>> = async (req, res) => {
  const body = req.body;
  if (!body || !isApiCallName(body.call)) {
    res.send({ ok: false, error: "Unknown API call", code: "BAD_REQUEST" });
    return;
  }
  res.send(await answerApi(body));
};

export default handler;
