import { describe, expect, it } from "vitest";
import { inferPersona, signatureTitle } from "./persona";
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

describe("inferPersona: seniority words", () => {
  const terms = [
    makeTerm("persona", "finance", ["Finance", "CFO"], { en: "Finance", ja: "財務" }, 1),
    makeTerm("persona", "it", ["IT", "Chief Information Officer"], { en: "IT", ja: "IT" }, 2),
    makeTerm("persona", "executive", ["President", "CEO"], { en: "Executive", ja: "経営層" }, 3),
  ];
  it.each([
    ["Vice President, Finance", "finance"],
    ["Senior Vice-President of IT", "it"],
    ["President", "executive"],
    ["President & CEO", "executive"],
    ["Chief Information Officer", "it"],
  ])("%s → %s", (title, key) => {
    expect(inferPersona(title, terms)?.key).toBe(key);
  });

  it("matches a taxonomy pattern written as 'Vice President'", () => {
    const vp = [makeTerm("persona", "vp", ["Vice President"])];
    expect(inferPersona("VP Marketing", vp)?.key).toBe("vp");
    expect(inferPersona("Vice President Marketing", vp)?.key).toBe("vp");
  });
});

describe("signatureTitle", () => {
  it("reads the title line of a long reply's signature, not the quoted sender's", () => {
    const reply = [
      "Thanks, the numbers help. Our IT team still has questions.",
      "",
      "Best regards,",
      "Dana Whitfield",
      "VP Finance",
      "Global Freight Partners",
      "",
      "On Tue, Mar 3, 2026 at 9:12 AM Ken <ken@northwind.example> wrote:",
      "> Ken Sato",
      "> Chief Information Officer",
    ].join("\n");
    expect(signatureTitle(reply, personas)).toBe("VP Finance");
  });

  it("reads a Japanese ruled 署名", () => {
    const ja = [
      "ご提案ありがとうございます。社内で検討いたします。",
      "",
      "━━━━━━━━━━━━━━━━",
      "株式会社ミナミ製作所",
      "情報システム部 課長",
      "高橋 真理子",
      "TEL: 03-1234-5678",
      "━━━━━━━━━━━━━━━━",
    ].join("\n");
    expect(signatureTitle(ja, personas)).toBe("情報システム部 課長");
  });

  it("reads the headline of a LinkedIn message's 'Name · Headline' line", () => {
    const linkedin =
      "Dana Whitfield · CFO at Lumen Apparel\n2:14 PM\n\nHi Sam, worth a chat about board reporting?";
    expect(signatureTitle(linkedin, personas)).toBe("CFO at Lumen Apparel");
  });

  it("finds nothing in a body that only mentions a title", () => {
    expect(signatureTitle("Our CFO will join the call on Friday to discuss it.", personas)).toBe("");
  });
});
