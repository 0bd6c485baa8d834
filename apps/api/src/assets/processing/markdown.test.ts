import { describe, expect, it } from "vitest";
import { looksLikeMarkdown, stripMarkdown } from "./markdown";

describe("looksLikeMarkdown", () => {
  it.each([
    "# Title\n\nBody",
    "Read [the guide](https://example.com/guide).",
    "This is **important**.",
    "```\ncode\n```",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "- one\n- two\n",
  ])("Markdown: %j", (text) => expect(looksLikeMarkdown(text)).toBe(true));

  it.each([
    "Plain words.\nMore plain words.",
    "Prices rose 5 * 3 times #1 in the market",
    "snake_case_names and a_b are not emphasis",
    "価格が高すぎる",
  ])("plain text: %j", (text) => expect(looksLikeMarkdown(text)).toBe(false));
});

describe("stripMarkdown", () => {
  it("keeps the words of headings, lists, links, images, emphasis, code and tables", () => {
    const markdown = [
      "Title",
      "=====",
      "## Why *we* win ##",
      "1. First **bold** step",
      "* [ ] a task with `code`",
      "![diagram of ROI](roi.png) and <https://example.com>",
      "| Plan | Price |",
      "|------|------:|",
      "| Pro  | $10   |",
      "[ref]: https://example.com",
      "snake_case_name stays, \\*escaped\\* too",
      "<b>tag</b> ~~old~~",
    ].join("\n");
    expect(stripMarkdown(markdown)).toBe(
      [
        "Title",
        "",
        "Why we win",
        "First bold step",
        "a task with code",
        "diagram of ROI and https://example.com",
        "Plan  Price",
        "",
        "Pro  $10",
        "",
        "snake_case_name stays, *escaped* too",
        "tag old",
      ].join("\n"),
    );
  });
});
