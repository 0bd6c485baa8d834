import type { PlasmoMessaging } from "@plasmohq/messaging";
import type { Reply } from "../../api/messages";
import { getServerUrl, getSession } from "../../storage/settings";

/** A server that takes longer than this to answer its health check counts as unreachable for now. */
const PROBE_TIMEOUT_MS = 5_000;

/**
 * One look at the server's /health, no retries (the caller backs off): any answer from Pitchside,
 * healthy or degraded, means it is reachable again; a network failure or a proxy's error page does not.
 */
async function reachServer(): Promise<Reply<{ serverUrl: string }>> {
  const serverUrl = (await getSession())?.serverUrl ?? (await getServerUrl());
  try {
    const res = await fetch(`${serverUrl}/health`, {
      credentials: "omit",
      cache: "no-store",
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    const body = (await res.json().catch(() => null)) as { status?: unknown } | null;
    if (typeof body?.status === "string") return { ok: true, data: { serverUrl } };
    return { ok: false, error: `HTTP ${res.status}`, code: "NETWORK", serverUrl };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err), code: "NETWORK", serverUrl };
  }
}

const handler: PlasmoMessaging.MessageHandler<Record<string, never>, Reply<{ serverUrl: string }>> = async (
  _req,
  res,
) => {
  res.send(await reachServer());
};

export default handler;
