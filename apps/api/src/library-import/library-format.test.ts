import { describe, expect, it } from "vitest";
import { LibraryFormatError, parseLibrary, staysInside } from "./library-format";

const label = { en: "Discovery", ja: "ヒアリング" };
const asset = (over: Record<string, unknown> = {}) => ({
  externalId: "bc-acme",
  title: "Acme battle card",
  type: "battle_card",
  file: "files/bc-acme.md",
  ...over,
});

describe("library.json format", () => {
  it("maps titlePatterns, aliases and phrases to the terms' patterns and numbers missing orders", () => {
    const { taxonomy, entries } = parseLibrary({
      taxonomy: {
        stages: [
          { key: "discovery", label, order: 2 },
          { key: "demo", label: { en: "Demo", ja: "デモ" } },
        ],
        personas: [{ key: "finance", label: { en: "Finance", ja: "財務" }, titlePatterns: ["CFO", "財務"] }],
        competitors: [{ key: "acme", label: { en: "Acme", ja: "アクメ" }, aliases: ["Acme", "アクメ"] }],
        objections: [
          { key: "price", label: { en: "Price", ja: "価格" }, phrases: ["too expensive", "高い"] },
        ],
      },
      assets: [asset()],
    });
    expect(taxonomy).toEqual([
      { kind: "stage", key: "discovery", label, order: 2, patterns: [] },
      { kind: "stage", key: "demo", label: { en: "Demo", ja: "デモ" }, order: 2, patterns: [] },
      {
        kind: "persona",
        key: "finance",
        label: { en: "Finance", ja: "財務" },
        order: 1,
        patterns: ["CFO", "財務"],
      },
      {
        kind: "competitor",
        key: "acme",
        label: { en: "Acme", ja: "アクメ" },
        order: 1,
        patterns: ["Acme", "アクメ"],
      },
      {
        kind: "objection",
        key: "price",
        label: { en: "Price", ja: "価格" },
        order: 1,
        patterns: ["too expensive", "高い"],
      },
    ]);
    expect(entries).toEqual([
      {
        index: 0,
        externalId: "bc-acme",
        ok: true,
        asset: expect.objectContaining({ status: "published", stages: [], tags: [], expiresAt: null }),
      },
    ]);
  });

  it("refuses the whole file for a bad taxonomy, naming the JSON path", () => {
    const bad = (taxonomy: unknown) => () => parseLibrary({ taxonomy, assets: [] });
    expect(bad({ personas: [{ key: "finance", label: { en: "Finance" } }] })).toThrow(
      /^taxonomy\.personas\[0\]\.label\.ja: /,
    );
    expect(bad({ competitors: [{ key: "acme", label, alias: ["A"] }] })).toThrow(
      /^taxonomy\.competitors\[0\]: .*alias/,
    );
    expect(bad({ stages: [{ key: "Bad Key", label }] })).toThrow(/^taxonomy\.stages\[0\]\.key: /);
    expect(
      bad({
        stages: [
          { key: "a", label },
          { key: "a", label },
        ],
      }),
    ).toThrow('taxonomy.stages[1].key: "a" is already defined at taxonomy.stages[0]');
    expect(() => parseLibrary({ assets: "nope" })).toThrow(LibraryFormatError);
    expect(() => parseLibrary({ assets: "nope" })).toThrow(/^assets: /);
  });

  it("refuses a bad asset on its own, with its path and reason, and keeps the others", () => {
    const { entries } = parseLibrary({
      assets: [
        asset(),
        asset({ externalId: "x1", type: "poster" }),
        asset({ externalId: "x2", file: undefined }),
        asset({ externalId: "x3", url: "https://example.com/v" }),
        asset({ externalId: "x4", file: "../secrets.txt" }),
        asset({ externalId: "x5", file: "/etc/passwd" }),
        asset({ externalId: "x6", file: "files/../../x.md" }),
        asset({ externalId: "bc-acme" }),
        { title: "no id", file: "a.md" },
        asset({ externalId: "x7", stage: ["discovery"] }),
        asset({ externalId: "x8", file: undefined, url: "javascript:alert(1)" }),
        asset({ externalId: "x9", status: "live" }),
      ],
    });
    const failed = entries.filter((e) => !e.ok).map((e) => [e.externalId, e.ok ? "" : e.reason]);
    expect(entries[0]?.ok).toBe(true);
    expect(failed).toEqual([
      ["x1", expect.stringMatching(/^assets\[1\]\.type: Invalid option/)],
      ["x2", "assets[2]: give exactly one of `file` (an upload) or `url` (a link asset)"],
      ["x3", "assets[3].url: give exactly one of `file` (an upload) or `url` (a link asset)"],
      ["x4", expect.stringMatching(/^assets\[4\]\.file: must be a relative path inside the library folder/)],
      ["x5", expect.stringMatching(/^assets\[5\]\.file: must be a relative path/)],
      ["x6", expect.stringMatching(/^assets\[6\]\.file: must be a relative path/)],
      ["bc-acme", 'assets[7].externalId: "bc-acme" is already used by assets[0]'],
      ["assets[8]", expect.stringMatching(/^assets\[8\]\.externalId: /)],
      ["x7", expect.stringMatching(/^assets\[9\]: Unrecognized key: "stage"/)],
      ["x8", expect.stringMatching(/^assets\[10\]\.url: must be an http\(s\) URL/)],
      ["x9", expect.stringMatching(/^assets\[11\]\.status: /)],
    ]);
  });

  it.each([
    ["files/a.pdf", true],
    ["a.pdf", true],
    ["files/../a.pdf", true],
    ["./files/a.pdf", true],
    ["../a.pdf", false],
    ["files/../../a.pdf", false],
    ["/etc/passwd", false],
    ["C:\\Windows\\win.ini", false],
    ["files\\..\\..\\a.pdf", false],
    [".", false],
  ])("staysInside(%s) is %s", (p, expected) => {
    expect(staysInside(p)).toBe(expected);
  });
});
