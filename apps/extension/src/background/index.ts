import { flushEvents, refreshBadge } from "./sync";

const ALARM = "pitchside-sync";

// Every minute: send events queued while offline, and refresh the unread-notifications badge.
// Created only when missing: re-creating it on each worker wake-up would keep postponing it.
void chrome.alarms.get(ALARM).then((alarm) => {
  if (!alarm) void chrome.alarms.create(ALARM, { periodInMinutes: 1 });
});
chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name !== ALARM) return;
  void flushEvents().then(refreshBadge);
});
chrome.runtime.onStartup.addListener(() => void refreshBadge());
self.addEventListener("online", () => void flushEvents());
