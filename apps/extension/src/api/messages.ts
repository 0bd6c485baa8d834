import type { ApiCallName, ApiInput, EventInput, SessionUser } from "./calls";

/** Requests the background worker answers (one @plasmohq/messaging handler each). */
export type ApiRequest = { [N in ApiCallName]: { call: N; input: ApiInput<N> } }[ApiCallName];

export type SessionRequest =
  | { action: "status" }
  | { action: "login"; email: string; password: string }
  /** Signs in through the portal in a new tab (SSO or the portal's own sign-in). */
  | { action: "browserLogin" }
  | { action: "logout" };

export interface SessionStatus {
  signedIn: boolean;
  user: SessionUser | null;
  serverUrl: string;
}

/** A client event without its id and time: the background worker stamps both once, so retries stay idempotent. */
export type TrackRequest = { events: Omit<EventInput, "id" | "at">[] };

export interface ThumbnailRequest {
  /** A server path such as /api/files/<versionId>/thumbnail. */
  path: string;
}

export interface TalkTrackRequest {
  /** The version of a Markdown asset (a talk track) whose text the rep copies. */
  versionId: string;
}

/** A failure carries its code (see ApiError) and the server it concerns, for the page to explain in its language. */
export type Reply<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; code: string; serverUrl?: string | undefined };

declare module "@plasmohq/messaging" {
  interface MessagesMetadata {
    api: ApiRequest;
    session: SessionRequest;
    track: TrackRequest;
    thumbnail: ThumbnailRequest;
    health: Record<string, never>;
    "talk-track": TalkTrackRequest;
    "load-panels": Record<string, never>;
  }
}
