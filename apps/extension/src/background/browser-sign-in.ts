import type { SessionUser } from "../api/calls";
import { ApiError, callProcedure } from "../api/trpc-http";
import { getServerUrl, setSession } from "../storage/settings";

const PENDING_KEY = "pitchside.browserSignIn";
/** How long a sign-in started from the popup waits for the portal (an identity provider's pages included). */
const PENDING_MS = 10 * 60_000;
const CONNECT_PATH = "/api/auth/extension/connect";
const CONNECTED_PATH = "/api/auth/extension/connected";

interface Pending {
  state: string;
  serverUrl: string;
  startedAt: number;
}

const randomState = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => b.toString(16).padStart(2, "0")).join("");

/**
 * Signs in through the portal in a tab (SSO or the portal's own sign-in): no password is typed into
 * the extension. The tab ends on CONNECTED_PATH with a single-use code in its fragment, which
 * `finishBrowserSignIn` exchanges. The random state is kept in session storage, so the worker may
 * sleep in between, and only the sign-in the user started here is taken.
 */
export async function startBrowserSignIn(): Promise<void> {
  const serverUrl = await getServerUrl();
  const pending: Pending = { state: randomState(), serverUrl, startedAt: Date.now() };
  await chrome.storage.session.set({ [PENDING_KEY]: pending });
  await chrome.tabs.create({ url: `${serverUrl}${CONNECT_PATH}?state=${pending.state}` });
}

/** The code and state a tab's URL carries when it is the server's "connected" page, else null. */
export function connectedFragment(url: string, serverUrl: string): { code: string; state: string } | null {
  if (!url.startsWith(`${serverUrl}${CONNECTED_PATH}#`)) return null;
  const params = new URLSearchParams(url.slice(url.indexOf("#") + 1));
  const code = params.get("code");
  const state = params.get("state");
  return code && state ? { code, state } : null;
}

/**
 * Watches tabs for the server's "connected" page (registered at the worker's top level): the code is
 * exchanged for an extension token when its state is the one this browser's sign-in started.
 * Resolves true when the extension is now signed in.
 */
export async function finishBrowserSignIn(tabId: number, url: string): Promise<boolean> {
  const stored = (await chrome.storage.session.get(PENDING_KEY))[PENDING_KEY] as Pending | undefined;
  if (!stored) return false;
  const found = connectedFragment(url, stored.serverUrl);
  if (!found) return false;
  await chrome.storage.session.remove(PENDING_KEY);
  if (found.state !== stored.state || Date.now() - stored.startedAt > PENDING_MS) return false;
  const result = (await callProcedure(
    "auth.redeemExtensionCode",
    { code: found.code, tokenName: "Chrome extension" },
    { serverUrl: stored.serverUrl, retries: 1 },
  )) as { user: SessionUser; token?: string };
  if (!result.token) throw new ApiError("The server did not issue an extension token", "INTERNAL", 500);
  await setSession({ token: result.token, user: result.user, serverUrl: stored.serverUrl });
  await chrome.tabs.remove(tabId).catch(() => undefined);
  return true;
}
