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
