import { callAsUser } from "./api-gateway";
import { showUnread } from "./badge";
import { flush } from "./event-queue";

/** Sends whatever the queue holds to events.track (the server ignores ids it has already seen). */
export const flushEvents = () =>
  flush(async (events) => {
    await callAsUser("events.track", { events });
  });

/** Brings the toolbar badge up to date; blank when signed out or unreachable. */
export async function refreshBadge(): Promise<void> {
  try {
    const { unread } = (await callAsUser("notifications.unreadCount", undefined)) as {
      unread: number;
    };
    await showUnread(unread);
  } catch {
    await chrome.action.setBadgeText({ text: "" });
  }
}
