import type { SessionUser } from "../api/calls";

/** Where the server lives when nobody configured one: the build's PLASMO_PUBLIC_API_URL. */
export const DEFAULT_SERVER_URL = (process.env.PLASMO_PUBLIC_API_URL ?? "http://127.0.0.1:3000").replace(
  /\/+$/,
  "",
);

export interface Session {
  token: string;
  user: SessionUser;
  serverUrl: string;
}

/** The library's vocabulary as the background worker last downloaded it for this user and server. */
export interface StoredVocabulary {
  version: string;
  terms: string[];
  userId: string;
  serverUrl: string;
  /** Epoch milliseconds of the last check with the server (a download or an "unchanged"). */
  checkedAt: number;
}

const KEYS = {
  serverUrl: "serverUrl",
  session: "session",
  panelOpen: "panelOpen",
  vocabulary: "vocabulary",
} as const;

/** Which panels the rep keeps open: a compose panel starts as a one-line bar, a thread panel open. */
export type PanelKind = "compose" | "thread";
const panelOpenByDefault: Record<PanelKind, boolean> = { compose: false, thread: true };

export async function getPanelOpen(kind: PanelKind): Promise<boolean> {
  const stored = (await chrome.storage.local.get(KEYS.panelOpen))[KEYS.panelOpen] as
    | Partial<Record<PanelKind, boolean>>
    | undefined;
  return stored?.[kind] ?? panelOpenByDefault[kind];
}

export async function setPanelOpen(kind: PanelKind, open: boolean): Promise<void> {
  const stored = (await chrome.storage.local.get(KEYS.panelOpen))[KEYS.panelOpen] as
    | Partial<Record<PanelKind, boolean>>
    | undefined;
  await chrome.storage.local.set({ [KEYS.panelOpen]: { ...stored, [kind]: open } });
}

/** The server URL without a trailing slash; only http(s) URLs are accepted. */
export function normalizeServerUrl(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return null;
  }
}

export async function getServerUrl(): Promise<string> {
  const stored = await chrome.storage.local.get(KEYS.serverUrl);
  const value = stored[KEYS.serverUrl];
  return typeof value === "string" && value ? value : DEFAULT_SERVER_URL;
}

export async function setServerUrl(url: string): Promise<void> {
  await chrome.storage.local.set({ [KEYS.serverUrl]: url });
}

export async function getSession(): Promise<Session | null> {
  const stored = await chrome.storage.local.get(KEYS.session);
  const value = stored[KEYS.session] as Session | undefined;
  return value?.token ? value : null;
}

export async function setSession(session: Session | null): Promise<void> {
  if (session) await chrome.storage.local.set({ [KEYS.session]: session });
  else await chrome.storage.local.remove(KEYS.session);
}

export async function getVocabulary(): Promise<StoredVocabulary | null> {
  const stored = await chrome.storage.local.get(KEYS.vocabulary);
  const value = stored[KEYS.vocabulary] as StoredVocabulary | undefined;
  return Array.isArray(value?.terms) ? value : null;
}

export async function setVocabulary(vocabulary: StoredVocabulary | null): Promise<void> {
  if (vocabulary) await chrome.storage.local.set({ [KEYS.vocabulary]: vocabulary });
  else await chrome.storage.local.remove(KEYS.vocabulary);
}

export const SESSION_KEY = KEYS.session;
export const VOCABULARY_KEY = KEYS.vocabulary;
