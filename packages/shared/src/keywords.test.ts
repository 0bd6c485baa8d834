import { describe, expect, it } from "vitest";
import { extractKeywords } from "./keywords";

describe("extractKeywords", () => {
  it("keeps content words and drops stopwords and email filler", () => {
    const keywords = extractKeywords(
      "Hi Jane, thanks for the call! We're worried about SSO integration and the onboarding timeline. Regards",
    );
    expect(keywords).toEqual(["jane", "worried", "sso", "integration", "onboarding", "timeline"]);
    for (const filler of ["hi", "thanks", "regards", "the", "we're", "call"])
      expect(keywords).not.toContain(filler);
  });

  it("drops the filler of a long follow-up, keeping its topic", () => {
    const text =
      "Following up: the thing that keeps coming up internally is marketing attribution. Honestly, we actually spend a lot across events.";
    expect(extractKeywords(text)).toEqual(["marketing", "attribution", "spend", "events"]);
  });

  it("ranks by frequency, then by first appearance", () => {
    expect(extractKeywords("pricing onboarding pricing support pricing support")).toEqual([
      "pricing",
      "support",
      "onboarding",
    ]);
  });

  it("caps the number of keywords", () => {
    const text = "alpha bravo charlie delta foxtrot golf hotel india juliet kilo lima";
    expect(extractKeywords(text)).toHaveLength(8);
    expect(extractKeywords(text, 3)).toEqual(["alpha", "bravo", "charlie"]);
    expect(extractKeywords(text, 0)).toEqual([]);
  });

  it("folds possessives, case and width", () => {
    expect(extractKeywords("Acme's ACME ＡＣＭＥ acme")).toEqual(["acme"]);
  });

  it("ignores numbers, short tokens, URLs and email addresses", () => {
    expect(
      extractKeywords("Call 555-0100 or 2024 at ok https://acme.example.com/pricing jane@globex.com rollout"),
    ).toEqual(["rollout"]);
  });

  it("extracts kanji/katakana runs from Japanese and drops filler", () => {
    const keywords = extractKeywords(
      "お世話になっております。アクメ社と比較しています。価格が高いと言われました。よろしくお願いいたします。",
    );
    expect(keywords).toEqual(["アクメ社", "比較", "価格"]);
    expect(keywords).not.toContain("世話");
  });

  it("folds half-width katakana before extracting runs", () => {
    expect(extractKeywords("ｾｷｭﾘﾃｨ要件とｾｷｭﾘﾃｨ要件")).toEqual(["セキュリティ要件"]);
  });

  it("mixes English and Japanese keywords", () => {
    expect(extractKeywords("Salesforce連携について")).toEqual(["salesforce", "連携"]);
  });

  it("returns nothing for empty text", () => {
    expect(extractKeywords("")).toEqual([]);
  });
});
