import { useCallback, useEffect, useState } from "react";
import { needsSignIn } from "../i18n/explain-error";
import type { Translate } from "../i18n/translate";
import { SESSION_KEY } from "../storage/settings";

/** A click that found the sign-in gone, kept until the rep signs in again. */
export interface PendingAction {
  /** What the click was for ("Insert link") and on what (the asset's title). */
  action: string;
  title: string;
  run(): unknown;
}

/**
 * Keeps the last action that failed for want of a sign-in and runs it once, as soon as a new session
 * is stored (the rep signed in from the popup). `hold` says whether it kept the action.
 */
export function useResumeAfterSignIn() {
  const [pending, setPending] = useState<PendingAction | null>(null);
  useEffect(() => {
    if (!pending) return;
    const onChange = (changes: Record<string, chrome.storage.StorageChange>) => {
      const next = changes[SESSION_KEY]?.newValue as { token?: unknown } | undefined;
      if (!next?.token) return;
      // removed before running: a second storage event must not run it again
      chrome.storage.onChanged.removeListener(onChange);
      setPending(null);
      pending.run();
    };
    chrome.storage.onChanged.addListener(onChange);
    return () => chrome.storage.onChanged.removeListener(onChange);
  }, [pending]);
  const hold = useCallback((err: unknown, action: PendingAction) => {
    if (!needsSignIn(err)) return false;
    setPending(action);
    return true;
  }, []);
  return { pending, hold };
}

export function ResumeNote({ pending, t }: { pending: PendingAction | null; t: Translate }) {
  if (!pending) return null;
  return (
    <div className="ps-note ps-bar-note" role="status" data-testid="ps-resume">
      {t("signInToFinish", { action: pending.action, title: pending.title })}
    </div>
  );
}
