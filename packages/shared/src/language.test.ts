import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language";

describe("detectLanguage", () => {
  it("is English for empty or letterless text", () => {
    expect(detectLanguage("")).toBe("en");
    expect(detectLanguage("   ")).toBe("en");
    expect(detectLanguage("123-456 !!")).toBe("en");
  });

  it("detects plain English and plain Japanese", () => {
    expect(detectLanguage("We are comparing your pricing with Acme.")).toBe("en");
    expect(detectLanguage("価格が高いと言われました")).toBe("ja");
    expect(detectLanguage("ありがとうございます")).toBe("ja");
    expect(detectLanguage("セキュリティ")).toBe("ja");
  });

  it("calls Japanese mail with Latin product names Japanese", () => {
    expect(detectLanguage("Acme社と比較しています")).toBe("ja");
    expect(detectLanguage("Salesforce連携とSSO対応について教えてください。")).toBe("ja");
    expect(
      detectLanguage("お世話になっております。詳細は https://example.com/pricing をご覧ください。"),
    ).toBe("ja");
  });

  it("keeps an English mail with a Japanese name English", () => {
    expect(detectLanguage("Hi Yamada-san, thanks for the meeting yesterday. Best regards, 山田")).toBe("en");
  });

  it("handles half-width katakana", () => {
    expect(detectLanguage("ｱｸﾒと比較中")).toBe("ja");
  });
});
