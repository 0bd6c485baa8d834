import type { VocabularyAnswer } from "../api/calls";
import { getSession, getVocabulary, setVocabulary } from "../storage/settings";
import { callAsUser } from "./api-gateway";

/** How long a downloaded vocabulary serves before the server is asked again. */
export const VOCABULARY_MAX_AGE_MS = 24 * 60 * 60 * 1000;

let queue: Promise<void> = Promise.resolve();

/**
 * Brings the stored vocabulary up to date with the server's for the signed-in user: always when
 * `force` (sign-in), else when it is missing, a day old, or another user's or server's. Signed out,
 * it is removed. The panels filter keywords through it; until it is here they send none.
 */
export function refreshVocabulary(force = false): Promise<void> {
  // panels opening together ask together: one check at a time, each seeing what the last one stored
  const next = queue.then(() => syncVocabulary(force));
  queue = next.catch(() => undefined);
  return next;
}

async function syncVocabulary(force: boolean): Promise<void> {
  const [session, stored] = await Promise.all([getSession(), getVocabulary()]);
  if (!session) {
    if (stored) await setVocabulary(null);
    return;
  }
  const same = stored?.userId === session.user.id && stored.serverUrl === session.serverUrl ? stored : null;
  if (!force && same && Date.now() - same.checkedAt < VOCABULARY_MAX_AGE_MS) return;
  // another user's words must not filter this user's messages, even until the download ends
  if (stored && !same) await setVocabulary(null);
  const answer = (await callAsUser(
    "suggest.vocabulary",
    same ? { version: same.version } : {},
  )) as VocabularyAnswer;
  const terms = answer.changed ? answer.terms : (same?.terms ?? []);
  await setVocabulary({
    version: answer.version,
    terms,
    userId: session.user.id,
    serverUrl: session.serverUrl,
    checkedAt: Date.now(),
  });
}
