import type { ApiRequest, Reply } from "../api/messages";
import { ApiError, callProcedure } from "../api/trpc-http";
import { getSession, setSession } from "../storage/settings";
import { showUnread } from "./badge";

/** Calls a procedure as the signed-in user; a rejected token signs the extension out. */
export async function callAsUser(path: string, input: unknown): Promise<unknown> {
  const session = await getSession();
  if (!session) throw new ApiError("Sign in to Pitchside from the extension's popup", "UNAUTHORIZED", 401);
  try {
    return await callProcedure(path, input, { serverUrl: session.serverUrl, token: session.token });
  } catch (err) {
    if (err instanceof ApiError && err.code === "UNAUTHORIZED") await setSession(null);
    throw err;
  }
}

/** Drops text and title from a suggest request, whoever built it: neither may leave the browser. */
function withoutText(request: ApiRequest): unknown {
  if (request.call !== "suggest.forContext") return request.input;
  const {
    text: _text,
    title: _title,
    ...rest
  } = request.input as typeof request.input & {
    text?: unknown;
    title?: unknown;
  };
  return rest;
}

export async function answerApi(request: ApiRequest): Promise<Reply<unknown>> {
  try {
    const data = await callAsUser(request.call, withoutText(request));
    // a panel listing notifications also brings the toolbar badge up to date
    if (request.call === "notifications.list") await showUnread((data as { unread: number }).unread);
    return { ok: true, data };
  } catch (err) {
    return toReply(err);
  }
}

export function toReply(err: unknown): Reply<never> {
  if (err instanceof ApiError)
    return {
      ok: false,
      error: err.message,
      code: err.code,
      ...(err.serverUrl ? { serverUrl: err.serverUrl } : {}),
    };
  return { ok: false, error: err instanceof Error ? err.message : String(err), code: "INTERNAL" };
}
