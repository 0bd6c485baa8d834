import type { PlasmoMessaging } from "@plasmohq/messaging";
import type { Reply, SessionRequest, SessionStatus } from "../../api/messages";
import { toReply } from "../api-gateway";
import { startBrowserSignIn } from "../browser-sign-in";
import { login, logout, status } from "../session-service";
import { refreshBadge } from "../sync";
import { refreshVocabulary } from "../vocabulary-sync";

async function answer(request: SessionRequest): Promise<SessionStatus> {
  if (request.action === "login") return login(request.email, request.password);
  if (request.action === "logout") return logout();
  if (request.action === "browserLogin") {
    await startBrowserSignIn();
    return status();
  }
  return status();
}

const handler: PlasmoMessaging.MessageHandler<SessionRequest, Reply<SessionStatus>> = async (req, res) => {
  try {
    if (!req.body) throw new Error("empty request");
    const data = await answer(req.body);
    res.send({ ok: true, data });
    await refreshBadge();
    // a new sign-in downloads the vocabulary at once; a sign-out removes it
    await refreshVocabulary(req.body.action === "login").catch(() => undefined);
  } catch (err) {
    res.send(toReply(err));
  }
};

export default handler;
