import { ApiError } from "../api/trpc-http";
import type { Translate } from "./translate";

/**
 * What a rep reads when a call fails, in the page's language: where the server is and what to do
 * when it cannot be reached or is not Pitchside, and the server's own message for everything else.
 */
export function explainError(err: unknown, t: Translate): string {
  if (!(err instanceof ApiError))
    return t("error", { error: err instanceof Error ? err.message : String(err) });
  const url = err.serverUrl;
  if (err.code === "NETWORK" && url) return t("unreachable", { url });
  if (err.code === "NOT_PITCHSIDE" && url) return t("notPitchside", { url, status: err.message });
  if (err.code === "UNAUTHORIZED") return t("sessionEnded");
  return err.message;
}

/** The server no longer accepts the extension's token (revoked, expired, signed out elsewhere). */
export const needsSignIn = (err: unknown) => err instanceof ApiError && err.code === "UNAUTHORIZED";
