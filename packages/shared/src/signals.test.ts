import { describe, expect, it } from "vitest";
import { detectSignals, signalText } from "./signals";
import { competitorsAndObjections as taxonomy } from "./test-taxonomy";

describe("detectSignals: competitors", () => {
  it.each([
    ["We are also looking at Acme.", "acme"],
    ["ACME, frankly, is cheaper", "acme"],
    ["Acme's sales team called", "acme"],
    ["アクメ社と比較しています", "acme"],
    ["ｱｸﾒ社と比較しています", "acme"],
    ["ＡＣＭＥと比較しています", "acme"],
    ["グローベックスの見積もり", "globex"],
    ["あくめさんと比較しています", "acme"],
    ["ぐろーべっくすの見積もり", "globex"],
    ["ｸﾞﾛｰﾍﾞｯｸｽの見積もり", "globex"],
  ])("%s → %s", (text, key) => {
    expect(detectSignals(text, taxonomy).competitors).toEqual([key]);
  });

  it("matches the English and Japanese labels as well as aliases", () => {
    expect(detectSignals("Initech quoted less", taxonomy).competitors).toEqual(["initech"]);
    expect(detectSignals("イニテックも候補です", taxonomy).competitors).toEqual(["initech"]);
    expect(detectSignals("vs Acme Corp", taxonomy).competitors).toEqual(["acme"]);
  });

  it("does not match inside longer Latin words", () => {
    expect(detectSignals("Our acmeology team", taxonomy).competitors).toEqual([]);
    expect(detectSignals("Globexes", taxonomy).competitors).toEqual([]);
  });

  it("lists several competitors once each, in taxonomy order", () => {
    expect(detectSignals("Globex, Acme and アクメ again", taxonomy).competitors).toEqual(["acme", "globex"]);
  });

  it("ignores terms of other kinds with the same words", () => {
    // The stage "proposal" has the pattern "Acme" in the fixture; it must not leak in.
    const signals = detectSignals("Acme", taxonomy);
    expect(signals.competitors).toEqual(["acme"]);
    expect(signals.objections).toEqual([]);
  });
});

describe("detectSignals: objections", () => {
  it("finds Japanese trigger phrases without spaces", () => {
    expect(detectSignals("価格が高いと言われました", taxonomy).objections).toEqual(["price"]);
    expect(detectSignals("来期に再検討します", taxonomy).objections).toEqual(["timing"]);
  });

  it("finds English phrases case-insensitively, including | alternatives", () => {
    expect(detectSignals("Honestly this is Too Expensive for us", taxonomy).objections).toEqual(["price"]);
    expect(detectSignals("We need a SOC 2 report first", taxonomy).objections).toEqual(["security"]);
    expect(
      detectSignals("It will go through security review; also over budget", taxonomy).objections,
    ).toEqual(["price", "security"]);
  });

  it("uses phrases, not labels, for objections", () => {
    expect(detectSignals("What is the price?", taxonomy).objections).toEqual([]);
  });
});

describe("detectSignals: scope", () => {
  const thread = [
    "Thanks, we'll decide next quarter.",
    "",
    "On Mon, May 1, 2024 at 10:00 AM Ken <ken@example.com> wrote:",
    "> Acme is too expensive compared to Globex",
  ].join("\n");

  it("reads only the latest message by default", () => {
    const signals = detectSignals(thread, taxonomy);
    expect(signals.competitors).toEqual([]);
    expect(signals.objections).toEqual(["timing"]);
    expect(signals.keywords).toEqual(["decide", "next", "quarter"]);
  });

  it("reads the whole thread with scope 'all'", () => {
    const signals = detectSignals(thread, taxonomy, { scope: "all" });
    expect(signals.competitors).toEqual(["acme", "globex"]);
    expect(signals.objections).toEqual(["price", "timing"]);
  });

  it("falls back to the whole text when the latest message is empty", () => {
    const onlyQuoted = "> アクメ社は価格が高い";
    expect(signalText(onlyQuoted)).toBe(onlyQuoted);
    const signals = detectSignals(onlyQuoted, taxonomy);
    expect(signals.competitors).toEqual(["acme"]);
    expect(signals.objections).toEqual(["price"]);
  });
});

describe("detectSignals: long threads", () => {
  const reply = [
    "Hi Sam,",
    "",
    "Thanks for the revised proposal. The committee's first reaction was that it's too expensive for year one.",
    "",
    "Best regards,",
    "Dana Whitfield",
    "VP Finance",
    "Globex Industries",
    "",
    "On Tue, Mar 3, 2026 at 9:12 AM Sam Rivera <sam@northwind.example> wrote:",
    "> Hi Dana, attached is the proposal, with our security review notes and the Acme comparison.",
  ].join("\n");

  it("reads the newest message's topics, never the signature's company nor the quoted pitch", () => {
    const signals = detectSignals(reply, taxonomy);
    expect(signals.objections).toEqual(["price"]);
    expect(signals.competitors).toEqual([]);
    expect(signals.keywords).not.toContain("dana");
    expect(signals.keywords).not.toContain("industries");
  });

  it("takes no topic from reply history when the newest message names none", () => {
    const thanks = reply.replace(
      "The committee's first reaction was that it's too expensive for year one.",
      "Let's talk on Thursday.",
    );
    const signals = detectSignals(thanks, taxonomy);
    expect(signals.competitors).toEqual([]);
    expect(signals.objections).toEqual([]);
  });

  it("takes the topics of a forwarded message when the newest names none, but not its keywords", () => {
    const forward = [
      "Sam - see below from our InfoSec lead. Can you answer before Thursday?",
      "",
      "Daniel",
      "",
      "---------- Forwarded message ---------",
      "From: Rachel Tan <rachel@meridian.example>",
      "Date: Mon, 23 Nov 2026 at 08:31",
      "",
      "We need the SOC 2 report, and how you compare with Globex.",
    ].join("\n");
    const signals = detectSignals(forward, taxonomy);
    expect(signals.objections).toEqual(["security"]);
    expect(signals.competitors).toEqual(["globex"]);
    expect(signals.keywords).not.toContain("report");
  });

  it("keeps to the newest message's own topic even when it forwards another", () => {
    const forward = [
      "Honestly it is over budget for us this year.",
      "",
      "Begin forwarded message:",
      "",
      "From: Rachel <rachel@meridian.example>",
      "Acme offered SOC 2 and a discount.",
    ].join("\n");
    const signals = detectSignals(forward, taxonomy);
    expect(signals.objections).toEqual(["price"]);
    expect(signals.competitors).toEqual([]);
  });

  it("reads a Japanese reply with a ruled 署名 in Japanese", () => {
    const ja = [
      "佐藤様",
      "",
      "いつもお世話になっております。",
      "アクメ社の提案と比較すると、価格が高いという意見が社内で出ております。",
      "",
      "よろしくお願いいたします。",
      "",
      "━━━━━━━━━━━━━━━━",
      "株式会社グローベックス",
      "情報システム部 課長 高橋",
      "TEL: 03-1234-5678",
      "━━━━━━━━━━━━━━━━",
      "",
      "2026年11月20日(金) 10:02 佐藤 <sato@northwind.example>:",
      "> 来期のご提案です。セキュリティ資料も添付します。",
    ].join("\n");
    const signals = detectSignals(ja, taxonomy);
    expect(signals.language).toBe("ja");
    expect(signals.competitors).toEqual(["acme"]);
    expect(signals.objections).toEqual(["price"]);
  });
});

describe("detectSignals: keywords and language", () => {
  it("returns Japanese keywords and language for a Japanese mail", () => {
    const signals = detectSignals(
      "お世話になっております。アクメ社と比較しています。価格が高いと言われました。\n\nよろしくお願いいたします。\n山田",
      taxonomy,
    );
    expect(signals).toEqual({
      competitors: ["acme"],
      objections: ["price"],
      keywords: ["アクメ社", "比較", "価格"],
      language: "ja",
    });
  });

  it("returns English keywords and language for an English mail", () => {
    const signals = detectSignals("Hi Ken, Globex offered SSO for free. Thanks, Jane", taxonomy, {
      maxKeywords: 3,
    });
    expect(signals.language).toBe("en");
    expect(signals.competitors).toEqual(["globex"]);
    expect(signals.keywords).toEqual(["ken", "globex", "offered"]);
  });

  it("handles empty text and an empty taxonomy", () => {
    expect(detectSignals("", taxonomy)).toEqual({
      competitors: [],
      objections: [],
      keywords: [],
      language: "en",
    });
    expect(detectSignals("Acme is too expensive", []).competitors).toEqual([]);
  });
});
