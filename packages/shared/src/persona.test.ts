import { describe, expect, it } from "vitest";
import { inferPersona } from "./persona";
import { makeTerm, personas } from "./test-taxonomy";

const keyOf = (title: string) => inferPersona(title, personas)?.key ?? null;

describe("inferPersona", () => {
  it.each([
    ["VP Finance", "finance"],
    ["CFO", "finance"],
    ["最高財務責任者", "finance"],
    ["経理部長", "finance"],
    ["情報システム部 部長", "it"],
    ["情報システム部\u3000部長", "it"],
    ["IT Director", "it"],
    ["Head of Sales", "sales"],
    ["営業本部長", "sales"],
    ["CEO", "executive"],
    ["代表取締役社長", "executive"],
  ])("%s → %s", (title, key) => {
    expect(keyOf(title)).toBe(key);
  });

  it("reports the pattern that matched, as written", () => {
    expect(inferPersona("VP Finance", personas)).toEqual({ key: "finance", matched: "Finance" });
    expect(inferPersona("情報システム部 部長", personas)).toEqual({ key: "it", matched: "情報システム" });
  });

  it("is case- and width-insensitive", () => {
    expect(keyOf("ｃｆｏ")).toBe("finance");
    expect(keyOf("vp FINANCE")).toBe("finance");
    expect(keyOf("ＩＴ部門マネージャー")).toBe("it");
    expect(keyOf("ｼｽﾃﾑ部 課長")).toBe("it");
  });

  it("prefers the longest matched pattern over the taxonomy order", () => {
    // "VP" (executive) and "Finance" both match; the longer one is more specific.
    expect(inferPersona("VP Finance", personas)?.key).toBe("finance");
    const reordered = personas.map((p) => ({ ...p, order: -p.order }));
    expect(inferPersona("VP Finance", reordered)?.key).toBe("finance");
    expect(inferPersona("情報システム部 部長", reordered)?.key).toBe("it");
  });

  it("breaks equal-length ties by taxonomy order, then key", () => {
    // "経理" (finance) and "部長" (executive) are both two characters.
    expect(keyOf("経理部長")).toBe("finance");
    const execFirst = personas.map((p) => (p.key === "executive" ? { ...p, order: 0 } : p));
    expect(inferPersona("経理部長", execFirst)?.key).toBe("executive");
    const same = [makeTerm("persona", "b", ["Ops"]), makeTerm("persona", "a", ["Ops"])];
    expect(inferPersona("Ops Lead", same)?.key).toBe("a");
  });

  it("respects word boundaries in Latin titles", () => {
    expect(keyOf("Security Analyst")).toBeNull(); // contains "it" inside a word
    expect(keyOf("Salesforce Administrator")).toBeNull();
    expect(keyOf("Chief Revenue Officer")).toBe("executive");
  });

  it("treats regex metacharacters literally", () => {
    const terms = [makeTerm("persona", "dev", ["C++", "R&D (Lead)"])];
    expect(inferPersona("Senior C++ Engineer", terms)?.key).toBe("dev");
    expect(inferPersona("R&D (Lead)", terms)?.key).toBe("dev");
    expect(inferPersona("CCC Engineer", terms)).toBeNull();
    expect(inferPersona("anything", [makeTerm("persona", "all", [".*"])])).toBeNull();
  });

  it("returns null for no match, an empty title or no personas", () => {
    expect(keyOf("Office Manager")).toBeNull();
    expect(keyOf("")).toBeNull();
    expect(keyOf("   ")).toBeNull();
    expect(inferPersona("CFO", [])).toBeNull();
  });

  it("ignores terms of other kinds", () => {
    const mixed = [makeTerm("competitor", "cfo-corp", ["CFO"]), ...personas];
    expect(inferPersona("CFO", mixed)?.key).toBe("finance");
    expect(inferPersona("CFO", [makeTerm("industry", "x", ["CFO"])])).toBeNull();
  });
});
