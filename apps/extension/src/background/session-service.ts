import type { SessionUser } from "../api/calls";
import type { SessionStatus } from "../api/messages";
import { ApiError, callProcedure } from "../api/trpc-http";
import { getServerUrl, getSession, setSession } from "../storage/settings";

export async function status(): Promise<SessionStatus> {
  const [session, serverUrl] = await Promise.all([getSession(), getServerUrl()]);
  return {
    signedIn: session !== null,
    user: session?.user ?? null,
    serverUrl: session?.serverUrl ?? serverUrl,
  };
}

/** Exchanges email and password for an extension token kept in chrome.storage.local. */
export async function login(email: string, password: string): Promise<SessionStatus> {
  const serverUrl = await getServerUrl();
  const result = (await callProcedure(
    "auth.login",
    { email, password, client: "extension", tokenName: "Chrome extension" },
    // a wrong password must not be retried: the server throttles sign-in attempts
    { serverUrl, retries: 0 },
  )) as { user: SessionUser; token?: string };
  if (!result.token) throw new ApiError("The server did not issue an extension token", "INTERNAL", 500);
  await setSession({ token: result.token, user: result.user, serverUrl });
  return status();
}

/** Revokes the token on the server, then forgets it (also when the server cannot be reached). */
export async function logout(): Promise<SessionStatus> {
  const session = await getSession();
  if (session) {
    await callProcedure(
      "auth.logout",
      {},
      {
        serverUrl: session.serverUrl,
        token: session.token,
        retries: 1,
      },
    ).catch(() => undefined);
    await setSession(null);
  }
  return status();
}
