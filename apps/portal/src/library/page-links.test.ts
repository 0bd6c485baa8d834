import { describe, expect, it } from "vitest";
import { createBundledI18n } from "../../test/bundled-i18n";
import { assetHref, hitPageLabel, pageParam } from "./page-links";

describe("hitPageLabel", () => {
  it("names the slide or page a hit matched, in English", () => {
    const t = createBundledI18n("en").getFixedT("en", "library");
    expect(hitPageLabel(t, { number: 7, unit: "slide" })).toBe("Slide 7");
    expect(hitPageLabel(t, { number: 3, unit: "page" })).toBe("p. 3");
  });

  it("and in Japanese", () => {
    const t = createBundledI18n("ja").getFixedT("ja", "library");
    expect(hitPageLabel(t, { number: 7, unit: "slide" })).toBe("スライド 7");
    expect(hitPageLabel(t, { number: 3, unit: "page" })).toBe("3 ページ");
  });
});

describe("assetHref", () => {
  it("opens the asset at the page that matched, when there is one", () => {
    expect(assetHref("a1", 7)).toBe("/library/assets/a1?page=7");
    expect(assetHref("a1", null)).toBe("/library/assets/a1");
    expect(assetHref("a1")).toBe("/library/assets/a1");
  });
});

describe("pageParam", () => {
  it("reads a page number from ?page=N and ignores anything else", () => {
    expect(pageParam(new URLSearchParams("page=3"))).toBe(3);
    expect(pageParam(new URLSearchParams(""))).toBeNull();
    for (const bad of ["0", "-2", "2.5", "abc", "3x", "99999999"]) {
      expect(pageParam(new URLSearchParams({ page: bad }))).toBeNull();
    }
  });
});
