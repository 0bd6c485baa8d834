import { describe, expect, it } from "vitest";
import { createBundledI18n } from "../../test/bundled-i18n";
import type { Language } from "../i18n/language";
import { describeNotification } from "./notification-text";

const ROOM = "00000000-0000-4000-8000-000000000001";
const SHARE = "00000000-0000-4000-8000-000000000002";
const ASSET = "00000000-0000-4000-8000-000000000003";

function describeIn(language: Language, kind: string, payload: Record<string, unknown>) {
  const t = createBundledI18n(language).getFixedT(language, "links");
  return describeNotification({ kind, payload }, t, (ms) => `${ms / 1000}s`);
}

describe("notification words and targets", () => {
  it("names who opened what, for which deal, and leads to the room or the link's details", () => {
    const opened = {
      shareId: SHARE,
      roomId: ROOM,
      roomName: "Acme pack",
      assetTitle: "Story A",
      dealName: "Acme renewal",
      recipientEmail: "kim@acme.example",
      visitorEmail: null,
    };
    expect(describeIn("en", "share_opened", opened)).toEqual({
      text: "kim@acme.example opened “Story A”",
      detail: "Deal: Acme renewal · Deal room: Acme pack",
      to: `/links/rooms/${ROOM}`,
    });
    expect(describeIn("ja", "share_opened", { ...opened, roomId: null, roomName: null })).toEqual({
      text: "kim@acme.example が「Story A」を開きました",
      detail: "商談: Acme renewal",
      to: `/links?link=${SHARE}`,
    });
    // an email given at the gate says more than the recipient the rep typed
    expect(
      describeIn("en", "room_opened", { roomId: ROOM, roomName: "", visitorEmail: "lee@acme.example" }),
    ).toEqual({
      text: "lee@acme.example opened your deal room “Untitled deal room”",
      detail: null,
      to: `/links/rooms/${ROOM}`,
    });
  });

  it("sums up a visit, and says why links ended, in both languages", () => {
    const visit = { shareId: SHARE, roomId: null, assetTitle: "Story A", activeMs: 9000, pagesRead: 2 };
    expect(describeIn("en", "visit_summary", visit)).toEqual({
      text: "Your prospect read “Story A” for 9s",
      detail: "2 pages read",
      to: `/links?link=${SHARE}`,
    });
    expect(describeIn("ja", "visit_summary", visit).text).toBe("相手先 が「Story A」を 9s 閲覧しました");
    const ended = { assetId: ASSET, assetTitle: "Old deck", reason: "archived", links: 3 };
    expect(describeIn("en", "link_ended", ended)).toMatchObject({
      text: "3 links to “Old deck” stopped working: asset archived",
      to: "/links",
    });
    expect(describeIn("en", "link_ended", { ...ended, links: 1, reason: "internal" }).text).toBe(
      "Your link to “Old deck” stopped working: asset made internal",
    );
    expect(describeIn("ja", "link_ended", ended).text).toBe(
      "「Old deck」へのリンク 3 件が使えなくなりました: コンテンツがアーカイブされました",
    );
  });

  it("leads an answered request to its answer, and says something for kinds it does not know", () => {
    expect(
      describeIn("en", "request_answered", {
        requestTitle: "Bank story",
        assetId: ASSET,
        assetTitle: "Harbor Bank case",
        by: "Mara",
      }),
    ).toEqual({
      text: "Your request “Bank story” was answered with “Harbor Bank case”",
      detail: "By Mara",
      to: `/library/assets/${ASSET}`,
    });
    expect(describeIn("ja", "something_new", {})).toEqual({
      text: "Pitchside からのお知らせ",
      detail: null,
      to: null,
    });
  });
});
