import { inferPersona, signatureTitle } from "@pitchside/shared";
import { describe, expect, it } from "vitest";
import { demoTaxonomy } from "./demo-taxonomy";

const personaOf = (title: string) => inferPersona(title, demoTaxonomy)?.key ?? null;

describe("the demo taxonomy's persona patterns", () => {
  it.each([
    ["VP Finance", "finance"],
    ["Controller", "finance"],
    ["Chief Financial Officer", "finance"],
    ["経理部長", "finance"],
    ["財務部 マネージャー", "finance"],
    ["Chief Information Officer", "it"],
    ["Chief Information Security Officer", "it"],
    ["情報システム部 課長", "it"],
    ["IT部 部長", "it"],
    ["Chief Revenue Officer", "sales_leader"],
    ["営業本部長", "sales_leader"],
    ["Chief Marketing Officer", "marketing"],
    ["Chief Executive Officer", "executive"],
    ["経営企画室 室長", "executive"],
    ["代表取締役社長", "executive"],
    ["Chief Procurement Officer", "procurement"],
    ["購買部 主任", "procurement"],
    ["CFO", "finance"],
    ["Vice President, Finance", "finance"],
    ["SVP Finance & Operations", "finance"],
    ["Financial Controller", "finance"],
    ["常務取締役 CFO", "finance"],
    ["CIO", "it"],
    ["Head of Data Engineering", "it"],
    ["DX推進室 室長", "it"],
    ["Vice President of Sales", "sales_leader"],
    ["営業部 部長", "sales_leader"],
    ["Director, Demand Generation", "marketing"],
    ["広報部 部長", "marketing"],
    ["President", "executive"],
    ["Managing Director", "executive"],
    ["専務執行役員", "executive"],
  ])("%s → %s", (title, key) => {
    expect(personaOf(title)).toBe(key);
  });

  it("reads the sender's title from a signature in either language, not from the body", () => {
    const en =
      "Thanks, the pricing works for our IT team.\n\nBest regards,\nDana Scully\nVP Finance\nGlobex Industries";
    expect(signatureTitle(en, demoTaxonomy)).toBe("VP Finance");
    const ja =
      "ご提案ありがとうございます。\n\nよろしくお願いいたします。\n佐藤 花子\n株式会社グローベックス\n情報システム部 課長";
    expect(signatureTitle(ja, demoTaxonomy)).toBe("情報システム部 課長");
    expect(signatureTitle("Can IT join the call on Friday?", demoTaxonomy)).toBe("");
  });
});
