import { sendToBackground } from "@plasmohq/messaging";
import type { ApiCallName, ApiInput, ApiOutput } from "./calls";
import { ConnectionMonitor } from "./connection-monitor";
import type { Reply, SessionRequest, SessionStatus, TalkTrackRequest, TrackRequest } from "./messages";
import { ApiError } from "./trpc-http";

function unwrap<T>(reply: Reply<T> | undefined): T {
  if (!reply) throw new ApiError("The extension's background worker did not answer", "NETWORK", 0);
  if (!reply.ok) throw new ApiError(reply.error, reply.code, 0, reply.serverUrl);
  return reply.data;
}

/** Whether the server answers this page's calls; one per page, shared by every panel on it. */
export const connection = new ConnectionMonitor(async () =>
  unwrap(await sendToBackground<Record<string, never>, Reply<unknown>>({ name: "health", body: {} })),
);

/** Tells the connection monitor how a call went: unreachable starts reconnecting, any answer ends it. */
function observe(err: unknown): void {
  if (!(err instanceof ApiError)) return;
  if (err.code === "NETWORK") connection.unreachable(err.serverUrl ?? null);
  else connection.answered();
}

/** Calls an API procedure through the background worker (content scripts are bound by the page's CORS). */
export async function api<N extends ApiCallName>(call: N, input: ApiInput<N>): Promise<ApiOutput<N>> {
  const reply = await sendToBackground<{ call: N; input: ApiInput<N> }, Reply<ApiOutput<N>>>({
    name: "api",
    body: { call, input },
  });
  try {
    const data = unwrap(reply);
    connection.answered();
    return data;
  } catch (err) {
    observe(err);
    throw err;
  }
}

export async function session(request: SessionRequest): Promise<SessionStatus> {
  return unwrap(
    await sendToBackground<SessionRequest, Reply<SessionStatus>>({ name: "session", body: request }),
  );
}

/** Queues events in the background worker; they are sent now or, when offline, later. */
export async function track(events: TrackRequest["events"]): Promise<void> {
  unwrap(
    await sendToBackground<TrackRequest, Reply<{ queued: number }>>({ name: "track", body: { events } }),
  );
}

/** A thumbnail as a data: URL (the file route needs the bearer token, which only the worker holds). */
export async function thumbnail(path: string): Promise<string | null> {
  return unwrap(
    await sendToBackground<{ path: string }, Reply<string | null>>({ name: "thumbnail", body: { path } }),
  );
}

/** The text of a talk track (a Markdown asset's version), fetched by the worker with the rep's token. */
export async function talkTrack(versionId: string): Promise<string> {
  return unwrap(
    await sendToBackground<TalkTrackRequest, Reply<string>>({ name: "talk-track", body: { versionId } }),
  );
}
