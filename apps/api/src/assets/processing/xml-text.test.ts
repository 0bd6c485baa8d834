import { describe, expect, it } from "vitest";
import { joinBlocks, xmlElements, xmlOutermostElements, xmlText } from "./xml-text";

describe("xmlOutermostElements", () => {
  it("gives each outermost element's attributes and content, empty ones included", () => {
    const xml =
      '<r><d:page d:name="a"><x/><d:page>inner</d:page></d:page><d:page d:name="b"/><d:page-thumbnail/></r>';
    expect(xmlOutermostElements(xml, "page")).toEqual([
      { attributes: { "d:name": "a" }, content: "<x/><d:page>inner</d:page>" },
      { attributes: { "d:name": "b" }, content: "" },
    ]);
  });
});

describe("xmlElements", () => {
  it("matches the whole local name, not a longer one that starts with it", () => {
    const xml = '<t:table t:name="Prices"><t:table-row/><t:table-column/></t:table>';
    expect(xmlElements(xml, "table")).toEqual([{ "t:name": "Prices" }]);
  });
});

describe("xmlText", () => {
  it("caps the spaces one hostile text:s may stand for", () => {
    const spec = { text: ["p"], block: ["p"], space: ["s"] };
    expect(xmlText('<p>a<s c="1000000000"/>b</p>', spec)).toBe(`a${" ".repeat(100)}b`);
  });
});

describe("joinBlocks", () => {
  it("puts a blank line between non-empty pieces only", () => {
    expect(joinBlocks(["One", "", "Two\n"])).toBe("One\n\nTwo");
  });
});
