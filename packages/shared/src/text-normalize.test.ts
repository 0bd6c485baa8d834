import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  containsNormalized,
  findNormalized,
  foldForMatch,
  isJapaneseLetter,
  normalizeText,
  splitPatterns,
} from "./text-normalize";

describe("normalizeText", () => {
  it("folds full-width Latin and half-width katakana", () => {
    expect(normalizeText("ＡＣＭＥ")).toBe("acme");
    expect(normalizeText("ｱｸﾒ")).toBe("アクメ");
    expect(normalizeText("ｸﾞﾛｰﾍﾞｯｸｽ")).toBe("グローベックス");
    expect(normalizeText("１２３")).toBe("123");
  });

  it("lowercases and collapses whitespace, including the ideographic space", () => {
    expect(normalizeText("  VP\t\tFinance \n")).toBe("vp finance");
    expect(normalizeText("情報システム部\u3000部長")).toBe("情報システム部 部長");
  });

  it("returns an empty string for blank input", () => {
    expect(normalizeText(" \n\t\u3000")).toBe("");
  });
});

describe("foldForMatch", () => {
  it("reads every spelling of a katakana name as one", () => {
    for (const spelling of ["アクメ", "ｱｸﾒ", "あくめ", "ア ク メ"])
      expect(foldForMatch(spelling)).toBe("あくめ");
    for (const spelling of ["グローベックス", "ｸﾞﾛｰﾍﾞｯｸｽ", "ぐろーべっくす", "ぐろべっくす", "グロ－ベックス"])
      expect(foldForMatch(spelling)).toBe(foldForMatch("グローベックス"));
  });

  it("drops the long-vowel mark and its stand-ins after kana, and middle dots", () => {
    const canonical = foldForMatch("データフォージ");
    for (const spelling of [
      "データーフォージ",
      "データ・フォージ",
      "ﾃﾞｰﾀ･ﾌｫｰｼﾞ",
      "データ フォージ",
      "データ-フォージ",
      "データ‐フォージ",
      "データ〜フォージ",
      "データ～フォージ",
    ])
      expect(foldForMatch(spelling)).toBe(canonical);
  });

  it("keeps Latin hyphens, dots between Latin words as spaces, and kanji as they are", () => {
    expect(foldForMatch("ＡＣＭＥ e-mail")).toBe("acme e-mail");
    expect(foldForMatch("Acme·Corp")).toBe("acme corp");
    expect(foldForMatch("値引き")).toBe("値引き");
    expect(foldForMatch("情報システム部\u3000部長")).toBe(foldForMatch("情報システム部部長"));
  });

  it("is idempotent and agrees with itself across width and script", () => {
    const japanese = fc.constantFrom(
      ..."アイウカガキクサシスタチツテデナニハバパマミメラリルレロンッャーあいうかがきくさしすたちつてでなにはばぱまみめらりるれろんっゃ値引価格社・･ｱｸﾒｰﾃﾞ -‐〜～ 　ＡＢａｂAb1１",
    );
    fc.assert(
      fc.property(fc.array(japanese, { maxLength: 24 }), (chars) => {
        const text = chars.join("");
        const folded = foldForMatch(text);
        expect(foldForMatch(folded)).toBe(folded);
        // the same text in katakana-to-hiragana and half-width forms folds the same
        const hiragana = text.replace(/[\u30a1-\u30f6]/gu, (c) =>
          String.fromCharCode(c.charCodeAt(0) - 0x60),
        );
        expect(foldForMatch(hiragana)).toBe(folded);
      }),
    );
  });

  it("finds a folded needle in a folded text wherever the spellings differ", () => {
    const has = (haystack: string, needle: string) =>
      containsNormalized(foldForMatch(haystack), foldForMatch(needle));
    expect(has("ｸﾞﾛｰﾍﾞｯｸｽ社と比較中です", "グローベックス")).toBe(true);
    expect(has("ぐろーべっくすさんの見積もり", "グローベックス")).toBe(true);
    expect(has("データ・フォージを検討中", "データーフォージ")).toBe(true);
    expect(has("Compared with ＡＣＭＥ's offer", "acme")).toBe(true);
    expect(has("アクメスター", "グローベックス")).toBe(false);
  });
});

describe("findNormalized / containsNormalized", () => {
  const has = (haystack: string, needle: string) =>
    containsNormalized(normalizeText(haystack), normalizeText(needle));

  it("matches Latin words on word boundaries only", () => {
    expect(has("Compared with Acme's offer", "Acme")).toBe(true);
    expect(has("ACME, Globex and others", "acme")).toBe(true);
    expect(has("acme", "acme")).toBe(true);
    expect(has("acme-corp is cheaper", "acme")).toBe(true);
    expect(has("the acmeology of it", "acme")).toBe(false);
    expect(has("superacme", "acme")).toBe(false);
    expect(has("acme2", "acme")).toBe(false);
  });

  it("keeps looking after a rejected occurrence", () => {
    expect(findNormalized("acmeology and acme", "acme")).toBe(14);
  });

  it("matches multi-word phrases", () => {
    expect(has("Honestly it is TOO   expensive.", "too expensive")).toBe(true);
    expect(has("It is tooexpensive", "too expensive")).toBe(false);
  });

  it("does not need word boundaries in Japanese", () => {
    expect(has("アクメ社と比較しています", "アクメ")).toBe(true);
    expect(has("価格が高いと言われました", "高い")).toBe(true);
    expect(has("最高財務責任者", "財務")).toBe(true);
  });

  it("treats a Japanese neighbour as a boundary for a Latin needle", () => {
    expect(has("Acme社と比較", "acme")).toBe(true);
    expect(has("ITの部長", "IT")).toBe(true);
  });

  it("is width-insensitive on both sides", () => {
    expect(has("ＡＣＭＥと比較中", "Acme")).toBe(true);
    expect(has("ｱｸﾒと比較中", "アクメ")).toBe(true);
    expect(has("アクメと比較中", "ｱｸﾒ")).toBe(true);
  });

  it("never matches an empty needle", () => {
    expect(containsNormalized("anything", "")).toBe(false);
    expect(findNormalized("", "")).toBe(-1);
  });
});

describe("splitPatterns", () => {
  it("splits on | and trims, whether given as one string or many", () => {
    expect(splitPatterns(["CFO|Finance| 財務 |経理"])).toEqual(["CFO", "Finance", "財務", "経理"]);
    expect(splitPatterns(["CFO", "Finance", "財務"])).toEqual(["CFO", "Finance", "財務"]);
    expect(splitPatterns(["a||b", " ", "|"])).toEqual(["a", "b"]);
  });

  it("keeps regex metacharacters literal", () => {
    const [pattern] = splitPatterns(["C++ (lead)"]);
    expect(pattern).toBe("C++ (lead)");
    expect(containsNormalized(normalizeText("Senior C++ (Lead) Engineer"), normalizeText("C++ (lead)"))).toBe(
      true,
    );
    expect(containsNormalized(normalizeText("Senior C Engineer"), normalizeText("C.*"))).toBe(false);
  });
});

describe("isJapaneseLetter", () => {
  it("accepts kanji, kana and the prolonged sound mark, but not punctuation or Latin", () => {
    for (const char of ["漢", "か", "カ", "ー", "々"]) expect(isJapaneseLetter(char)).toBe(true);
    for (const char of ["a", "。", "・", "1", " "]) expect(isJapaneseLetter(char)).toBe(false);
  });
});
