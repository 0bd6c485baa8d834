import { describe, expect, it } from "vitest";
import {
  containsNormalized,
  findNormalized,
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
