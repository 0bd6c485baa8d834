import { finishBrowserSignIn } from "./browser-sign-in";
import { flushEvents, refreshBadge } from "./sync";
import { refreshVocabulary } from "./vocabulary-sync";

const ALARM = "pitchside-sync";

// Every minute: send events queued while offline, refresh the unread-notifications badge, and fetch
// the library's vocabulary when it is missing or a day old (so a failed download is retried soon).
// Created only when missing: re-creating it on each worker wake-up would keep postponing it.
void chrome.alarms.get(ALARM).then((alarm) => {
  if (!alarm) void chrome.alarms.create(ALARM, { periodInMinutes: 1 });
});
chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name !== ALARM) return;
  void flushEvents().then(refreshBadge);
  void refreshVocabulary().catch(() => undefined);
});
chrome.runtime.onStartup.addListener(() => {
  void refreshBadge();
  void refreshVocabulary().catch(() => undefined);
});
self.addEventListener("online", () => void flushEvents());

// the portal's tab coming back from a sign-in the popup started ("Sign in with the portal")
chrome.tabs.onUpdated.addListener((tabId, change, tab) => {
  const url = change.url ?? (change.status === "complete" ? tab.url : undefined);
  if (!url) return;
  void finishBrowserSignIn(tabId, url)
    .then(async (signedIn) => {
      if (!signedIn) return;
      await refreshBadge();
      await refreshVocabulary(true).catch(() => undefined);
    })
    .catch(() => undefined);
});
