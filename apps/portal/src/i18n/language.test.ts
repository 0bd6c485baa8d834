import { describe, expect, it } from "vitest";
import { initialLanguage, languageFromBrowser, rememberLanguage } from "./language";

describe("languageFromBrowser", () => {
  it("picks Japanese for a Japanese browser", () => {
    expect(languageFromBrowser(["ja-JP", "en-US"])).toBe("ja");
    expect(languageFromBrowser(["ja"])).toBe("ja");
  });

  it("takes the first language we speak, in the browser's order", () => {
    expect(languageFromBrowser(["en-GB", "ja-JP"])).toBe("en");
    expect(languageFromBrowser(["fr-FR", "ja-JP", "en"])).toBe("ja");
  });

  it("falls back to English", () => {
    expect(languageFromBrowser(["fr-FR", "de"])).toBe("en");
    expect(languageFromBrowser([])).toBe("en");
  });
});

describe("initialLanguage", () => {
  it("prefers the language remembered on this device over the browser's", () => {
    rememberLanguage("ja");
    expect(initialLanguage()).toBe("ja");
    rememberLanguage("en");
    expect(initialLanguage()).toBe("en");
  });
});
