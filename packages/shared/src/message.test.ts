import { describe, expect, it } from "vitest";
import { forwardedMessage, latestMessage, signatureLines } from "./message";

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

/** Whole threads as reps paste them: the newest message, its signature, then what it answers or forwards. */
const gmailReply = lines(
  "Hi Sam,",
  "",
  "Thanks for sending over the revised proposal on Tuesday. I've now walked through it with our leadership team.",
  "Honestly, the feedback was that it's too expensive for what we would use in the first year. Acme came back",
  "roughly 30% lower for a similar scope, and our CFO is asking why we shouldn't just go with them.",
  "",
  "Could we set up 30 minutes later this week?",
  "",
  "Best regards,",
  "Dana Whitfield",
  "VP Finance",
  "Global Freight Partners",
  "+1 (415) 555-0134",
  "",
  "On Tue, Mar 3, 2026 at 9:12 AM Sam Rivera <sam@northwind.example> wrote:",
  "> Hi Dana,",
  ">",
  "> Please find attached the proposal. It covers the security review, the Salesforce integration",
  "> and the migration plan.",
  ">",
  "> Best,",
  "> Sam",
);

const outlookReply = lines(
  "Sam,",
  "",
  "The annual figure is roughly 40% above what we had set aside. I can't take it back to the committee",
  "at this number without a much stronger justification.",
  "",
  "Marcus Lindqvist",
  "VP Finance",
  "Arden Logistics AB",
  "",
  "From: Sam Carter <sam.carter@northwind.example>",
  "Sent: Tuesday, November 17, 2026 9:12 AM",
  "To: Marcus Lindqvist <m.lindqvist@ardenlogistics.example>",
  "Subject: Northwind proposal - Arden Logistics",
  "",
  "Hi Marcus, attached is our proposal, with a note on the security review.",
);

const gmailForward = lines(
  "Sam - see below from our InfoSec lead. Can you address these before Thursday's call?",
  "",
  "Thanks,",
  "Daniel",
  "",
  "Daniel Okafor",
  "Chief Information Officer",
  "Meridian Mutual",
  "",
  "---------- Forwarded message ---------",
  "From: Rachel Tan <rachel.tan@meridianmutual.example>",
  "Date: Mon, 23 Nov 2026 at 08:31",
  "Subject: Northwind - questions before pilot",
  "",
  "1. Current SOC 2 Type II report",
  "2. Where customer data is stored",
);

const japaneseRuled = lines(
  "佐藤様",
  "",
  "いつもお世話になっております。",
  "お見積りを社内で確認しましたが、想定していた金額を大きく上回っており、稟議を通すのは難しい状況です。",
  "",
  "何卒よろしくお願い申し上げます。",
  "",
  "━━━━━━━━━━━━━━━━━━━━",
  "株式会社ミナミ製作所",
  "情報システム部 課長",
  "高橋 真理子",
  "TEL: 03-1234-5678 / takahashi@minami.example.jp",
  "━━━━━━━━━━━━━━━━━━━━",
  "",
  "2026年11月20日(金) 10:02 佐藤 健 <ken.sato@northwind.example>:",
  "> 高橋様",
  "> お見積りをお送りします。",
);

describe("long threads as pasted", () => {
  it("keeps only what the newest Gmail reply says, without its name block or the quoted proposal", () => {
    const latest = latestMessage(gmailReply);
    expect(latest.startsWith("Hi Sam,")).toBe(true);
    expect(latest).toContain("too expensive");
    expect(latest.endsWith("Best regards,")).toBe(true);
    expect(latest).not.toContain("VP Finance");
    expect(latest).not.toContain("security review");
    expect(signatureLines(gmailReply)).toEqual([
      "Dana Whitfield",
      "VP Finance",
      "Global Freight Partners",
      "+1 (415) 555-0134",
    ]);
  });

  it("ends an Outlook reply at its From:/Sent: block and reads the name block above it", () => {
    const latest = latestMessage(outlookReply);
    expect(latest).toContain("set aside");
    expect(latest).not.toContain("security review");
    expect(signatureLines(outlookReply)).toContain("VP Finance");
  });

  it("tells a forward from reply history", () => {
    expect(forwardedMessage(gmailReply)).toBe("");
    expect(forwardedMessage(outlookReply)).toBe("");
    const forwarded = forwardedMessage(gmailForward);
    expect(forwarded).toContain("SOC 2 Type II");
    expect(latestMessage(gmailForward)).not.toContain("SOC 2");
    expect(signatureLines(gmailForward)).toContain("Chief Information Officer");
  });

  it("finds forwards from Apple Mail, Outlook ('Subject: FW:') and Japanese clients", () => {
    const apple = lines(
      "FYI",
      "",
      "Begin forwarded message:",
      "",
      "From: Ken <ken@example.com>",
      "Acme quote",
    );
    expect(forwardedMessage(apple)).toContain("Acme quote");
    expect(latestMessage(apple)).toBe("FYI");
    const outlook = lines(
      "Please see the note from procurement.",
      "",
      "From: Lee Park <lee@buyer.example>",
      "Sent: Monday, November 30, 2026 2:15 PM",
      "To: Tom Ward <tom@buyer.example>",
      "Subject: FW: vendor onboarding",
      "",
      "We need the MSA and insurance certificate.",
    );
    expect(forwardedMessage(outlook)).toContain("insurance certificate");
    const quotedForward = lines(
      "ご確認ください。",
      "",
      "---------- 転送メッセージ ----------",
      "> セキュリティの質問",
    );
    expect(forwardedMessage(quotedForward)).toContain("セキュリティの質問");
    expect(latestMessage(quotedForward)).toBe("ご確認ください。");
  });

  it("reads a Japanese ruled 署名 for the title and keeps it out of the body", () => {
    const latest = latestMessage(japaneseRuled);
    expect(latest).toContain("稟議を通すのは難しい");
    expect(latest).not.toContain("情報システム部");
    expect(latest).not.toContain("お見積りをお送りします");
    expect(signatureLines(japaneseRuled)).toContain("情報システム部 課長");
  });

  it("keeps a short LinkedIn message whole", () => {
    const linkedin = lines(
      "Dana Whitfield · Chief Marketing Officer at Lumen Apparel",
      "2:14 PM",
      "",
      "Hi Sam, thanks for connecting. We can't say which of our campaigns actually produce pipeline. Worth a chat?",
    );
    expect(latestMessage(linkedin)).toBe(linkedin);
    expect(forwardedMessage(linkedin)).toBe("");
  });
});
