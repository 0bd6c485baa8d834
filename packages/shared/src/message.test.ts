import { describe, expect, it } from "vitest";
import { latestMessage } from "./message";

const lines = (...parts: string[]) => parts.join("\n");

describe("latestMessage: quoted replies", () => {
  it("drops a Gmail 'On … wrote:' header and everything after it", () => {
    const text = lines(
      "Thanks, the Acme comparison helps.",
      "",
      "On Mon, May 1, 2024 at 10:00 AM Ken Sato <ken@example.com> wrote:",
      "> Here is our battle card.",
      "Some unquoted tail the client left",
    );
    expect(latestMessage(text)).toBe("Thanks, the Acme comparison helps.");
  });

  it("handles a header wrapped onto two lines", () => {
    const text = lines(
      "Sounds good.",
      "On Mon, May 1, 2024 at 10:00 AM Ken Sato <",
      "ken@example.com> wrote:",
      "> older",
    );
    expect(latestMessage(text)).toBe("Sounds good.");
  });

  it("drops a Japanese Gmail header", () => {
    const text = lines(
      "ご連絡ありがとうございます。価格が高いと言われました。",
      "",
      "2024年5月1日(水) 10:00 山田 太郎 <yamada@example.co.jp>:",
      "> アクメ社と比較しています",
    );
    expect(latestMessage(text)).toBe("ご連絡ありがとうございます。価格が高いと言われました。");
  });

  it("drops a Thunderbird-style Japanese header", () => {
    const text = lines("了解です。", "2024/05/01 10:00 に 山田 さんは書きました:", "> 以前の本文");
    expect(latestMessage(text)).toBe("了解です。");
  });

  it("keeps a body line that merely starts with a date", () => {
    const text = lines("2024年5月1日の打ち合わせの議題:", "・価格", "・導入時期");
    expect(latestMessage(text)).toBe(text);
  });

  it("drops an Outlook Original Message block", () => {
    const text = lines(
      "See attached.",
      "",
      "-----Original Message-----",
      "From: Ken",
      "Sent: Monday",
      "Old text",
    );
    expect(latestMessage(text)).toBe("See attached.");
  });

  it("drops an Outlook From:/Sent: block, English and Japanese, with its separator", () => {
    const en = lines(
      "We need a SOC 2 report.",
      "",
      "________________________________",
      "From: Ken Sato <ken@example.com>",
      "Sent: Monday, May 1, 2024 10:00 AM",
      "To: Jane",
      "Subject: RE: Pricing",
      "",
      "Old pricing thread",
    );
    expect(latestMessage(en)).toBe("We need a SOC 2 report.");
    const ja = lines(
      "承知しました。",
      "",
      "差出人: 山田 太郎",
      "送信日時: 2024年5月1日 10:00",
      "宛先: 佐藤",
      "旧本文",
    );
    expect(latestMessage(ja)).toBe("承知しました。");
    const flat = lines("Ok.", "From: Ken Sent: Monday To: Jane Subject: hi", "old");
    expect(latestMessage(flat)).toBe("Ok.");
  });

  it("keeps a From: line that is not a header block", () => {
    const text = lines("From: the CFO's perspective, price matters most.", "", "That is all.");
    expect(latestMessage(text)).toBe(text);
  });

  it("drops a forwarded message", () => {
    const text = lines("FYI, see below.", "---------- Forwarded message ---------", "From: Ken", "Old");
    expect(latestMessage(text)).toBe("FYI, see below.");
  });

  it("removes interleaved '>' lines, including full-width ones", () => {
    const text = lines("> question one?", "Answer one.", "＞ 質問", "回答です。");
    expect(latestMessage(text)).toBe(lines("Answer one.", "回答です。"));
  });

  it("returns an empty string when the text is only quoted", () => {
    expect(latestMessage("> a\n> b")).toBe("");
    expect(latestMessage("")).toBe("");
  });

  it("normalizes CRLF line endings", () => {
    expect(latestMessage("Hello\r\n\r\nOn Tue, Ken wrote:\r\n> x")).toBe("Hello");
  });
});

describe("latestMessage: signatures", () => {
  it("drops everything after a '-- ' delimiter", () => {
    expect(latestMessage(lines("Body text.", "-- ", "Jane Doe", "ACME Inc. | +1 555 0100"))).toBe(
      "Body text.",
    );
    expect(latestMessage(lines("Body text.", "--", "Jane"))).toBe("Body text.");
  });

  it("keeps the sign-off but drops a short name block after it", () => {
    const text = lines("Price is the blocker.", "", "Best regards,", "Jane Doe", "VP Finance, Globex");
    expect(latestMessage(text)).toBe(lines("Price is the blocker.", "", "Best regards,"));
    const ja = lines("価格が高いと言われました。", "よろしくお願いいたします。", "", "山田");
    expect(latestMessage(ja)).toBe(lines("価格が高いと言われました。", "よろしくお願いいたします。"));
  });

  it("is conservative about what follows a sign-off", () => {
    const ps = lines("Body.", "Thanks,", "Jane", "P.S. Can you send the Acme battle card?");
    expect(latestMessage(ps)).toBe(ps);
    const long = lines(
      "Thanks,",
      "this is a sentence that is clearly part of the message rather than a signature block at all.",
    );
    expect(latestMessage(long)).toBe(long);
    const many = lines("Thanks,", "a", "b", "c", "d", "e", "f", "g");
    expect(latestMessage(many)).toBe(many);
  });

  it("does not treat a sentence starting with 'Thanks' as a sign-off", () => {
    const text = lines("Thanks, that helps a lot.", "Jane");
    expect(latestMessage(text)).toBe(text);
  });

  it("drops a ruled Japanese signature with contact details", () => {
    const text = lines(
      "来期の導入を検討しています。",
      "",
      "━━━━━━━━━━━━━━━━",
      "株式会社グローベックス",
      "営業部 山田 太郎",
      "TEL: 03-1234-5678",
      "━━━━━━━━━━━━━━━━",
    );
    expect(latestMessage(text)).toBe("来期の導入を検討しています。");
  });

  it("keeps a ruled block that is not contact details", () => {
    const text = lines("Options:", "-----", "Plan A: annual", "Plan B: monthly");
    expect(latestMessage(text)).toBe(text);
  });

  it("handles a reply with both a signature and quoted history", () => {
    const text = lines(
      "お世話になっております。",
      "アクメ社と比較しています。",
      "",
      "よろしくお願いいたします。",
      "山田",
      "",
      "2024年5月1日(水) 10:00 佐藤 <sato@example.com>:",
      "> 資料をお送りします。",
    );
    expect(latestMessage(text)).toBe(
      lines("お世話になっております。", "アクメ社と比較しています。", "", "よろしくお願いいたします。"),
    );
  });
});
