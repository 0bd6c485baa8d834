import type { NotificationItem } from "../api/calls";
import type { Translate } from "../i18n/translate";

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** Recent prospect opens of links the rep shared. */
export function Notifications({ items, t }: { items: NotificationItem[]; t: Translate }) {
  return (
    <div>
      <div className="ps-section">{t("notifications")}</div>
      {items.length === 0 ? (
        <div className="ps-note">{t("noNotifications")}</div>
      ) : (
        <ul>
          {items.map((n) => (
            <li key={n.id} className="ps-note">
              {t("openedBy", {
                who: text(n.payload.recipientEmail) || t("someone"),
                title: text(n.payload.assetTitle),
              })}{" "}
              ({new Date(n.createdAt).toLocaleString()})
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
