/** Shows the number of unread prospect-open notifications on the toolbar icon. */
export async function showUnread(unread: number): Promise<void> {
  await chrome.action.setBadgeBackgroundColor({ color: "#2f6fde" });
  await chrome.action.setBadgeText({ text: unread > 0 ? String(Math.min(unread, 99)) : "" });
}
