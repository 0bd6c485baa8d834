import type { TFunction } from "i18next";
import type { EndedReason, NotificationRow } from "./link-types";

/** A notification as the bell lists it: one line, an optional second, and where a click leads. */
export interface NotificationView {
  text: string;
  detail: string | null;
  to: string | null;
}

type Payload = NotificationRow["payload"];

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const endedReasons: readonly string[] = ["internal", "draft", "in_review", "archived", "expired"];
const isEndedReason = (v: unknown): v is EndedReason => typeof v === "string" && endedReasons.includes(v);

/** A link's news leads to its deal room, or to the link's details in My links. */
function linkTarget(p: Payload): string {
  const room = str(p.roomId);
  if (room) return `/links/rooms/${room}`;
  const share = str(p.shareId);
  return share ? `/links?link=${share}` : "/links";
}

/** Words and a target for each kind the API sends; payloads are read defensively (old rows may lack fields). */
export function describeNotification(
  n: Pick<NotificationRow, "kind" | "payload">,
  t: TFunction<"links">,
  duration: (ms: number) => string,
): NotificationView {
  const p = n.payload;
  const who = str(p.visitorEmail) ?? str(p.recipientEmail) ?? t("bell.someone");
  const deal = str(p.dealName);
  const dealLine = deal ? t("bell.deal", { deal }) : null;
  const joined = (...parts: (string | null)[]) => parts.filter((x) => x !== null).join(" · ") || null;
  switch (n.kind) {
    case "share_opened": {
      const room = str(p.roomName);
      return {
        text: t("bell.kinds.share_opened", { who, asset: str(p.assetTitle) ?? "" }),
        detail: joined(dealLine, room ? t("bell.room", { room }) : null),
        to: linkTarget(p),
      };
    }
    case "room_opened": {
      const roomId = str(p.roomId);
      return {
        text: t("bell.kinds.room_opened", { who, room: str(p.roomName) ?? t("untitledRoom") }),
        detail: dealLine,
        to: roomId ? `/links/rooms/${roomId}` : "/links",
      };
    }
    case "visit_summary":
      return {
        text: t("bell.kinds.visit_summary", {
          who,
          asset: str(p.assetTitle) ?? "",
          time: duration(num(p.activeMs)),
        }),
        detail: joined(t("bell.pagesRead", { count: num(p.pagesRead) }), dealLine),
        to: linkTarget(p),
      };
    case "request_answered": {
      const assetId = str(p.assetId);
      const by = str(p.by);
      return {
        text: t("bell.kinds.request_answered", {
          request: str(p.requestTitle) ?? "",
          asset: str(p.assetTitle) ?? "",
        }),
        detail: by ? t("bell.by", { name: by }) : null,
        to: assetId ? `/library/assets/${assetId}` : "/requests",
      };
    }
    case "request_declined": {
      const reason = str(p.reason);
      return {
        text: t("bell.kinds.request_declined", { request: str(p.requestTitle) ?? "" }),
        detail: reason ? t("bell.reason", { reason }) : null,
        to: "/requests",
      };
    }
    case "link_ended":
      return {
        text: t("bell.kinds.link_ended", {
          count: Math.max(1, num(p.links)),
          asset: str(p.assetTitle) ?? "",
          reason: isEndedReason(p.reason) ? t(`reason.${p.reason}`) : "",
        }),
        detail: null,
        to: "/links",
      };
    default:
      return { text: t("bell.kinds.other"), detail: null, to: null };
  }
}
