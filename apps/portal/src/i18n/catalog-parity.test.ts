import { describe, expect, it } from "vitest";
import { catalogs } from "../../test/bundled-i18n";
import type { Catalog } from "./catalog-shape";

function flatten(catalog: Catalog, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** `namespace:key` of strings that read the same in both languages (names, codes). */
const sameOnPurpose = new Set([
  "translation:language.en",
  "translation:language.ja",
  "translation:admin.crm.webhookTitle", // "Webhook" is the word in Japanese too
  "analytics:surfaces.gmail", // product names
  "analytics:surfaces.linkedin",
  "analytics:surfaces.outlook",
  "library:languageVersions.names.ja", // 日本語, named as a Japanese reader names it in both UIs
]);

describe("UI string catalogs", () => {
  it("exist for the same namespaces in English and Japanese", () => {
    expect(Object.keys(catalogs.ja).sort()).toEqual(Object.keys(catalogs.en).sort());
  });

  describe.each(Object.keys(catalogs.en))("namespace %s", (namespace) => {
    const english = flatten(catalogs.en[namespace] ?? {});
    const japanese = flatten(catalogs.ja[namespace] ?? {});

    it("has the same keys in English and Japanese", () => {
      expect([...japanese.keys()].sort()).toEqual([...english.keys()].sort());
    });

    it("has no empty strings", () => {
      for (const [key, value] of [...english, ...japanese]) expect(value.trim(), key).not.toBe("");
    });

    it("uses the same interpolation variables in both languages", () => {
      for (const [key, value] of english)
        expect(variables(japanese.get(key) ?? ""), key).toEqual(variables(value));
    });

    it("is translated, not copied (apart from names that stay as they are)", () => {
      const copied = [...english].filter(
        ([key, value]) => !sameOnPurpose.has(`${namespace}:${key}`) && japanese.get(key) === value,
      );
      expect(copied.map(([key]) => key)).toEqual([]);
    });
  });
});
