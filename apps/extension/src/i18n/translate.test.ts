import { describe, expect, it } from "vitest";
import { en } from "./en";
import { ja } from "./ja";
import { browserLanguage, translate } from "./translate";

describe("panel and popup language", () => {
  it("follows the browser: Japanese for ja*, English otherwise", () => {
    expect(browserLanguage(["ja-JP", "en-US"])).toBe("ja");
    expect(browserLanguage(["ja"])).toBe("ja");
    expect(browserLanguage(["en-GB", "ja"])).toBe("en");
    expect(browserLanguage([])).toBe("en");
  });

  it("has every message in both languages, with the same placeholders", () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(ja[key].trim(), key).not.toBe("");
      expect(placeholders(ja[key]), key).toEqual(placeholders(en[key]));
    }
    expect(translate("ja", "openedBy", { who: "山田", title: "比較表" })).toBe("山田 が 比較表 を開きました");
  });
});
