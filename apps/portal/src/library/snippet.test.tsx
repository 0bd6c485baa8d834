import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Snippet, snippetParts } from "./snippet";

describe("search snippets", () => {
  it("splits the escaped snippet into text and highlights", () => {
    expect(snippetParts("Price &amp; <mark>価格</mark> talk")).toEqual([
      { text: "Price & ", marked: false },
      { text: "価格", marked: true },
      { text: " talk", marked: false },
    ]);
  });

  it("renders markup inside a document's text as text, never as elements", () => {
    const { container } = render(
      <Snippet html={"&lt;img src=x onerror=alert(1)&gt; <mark>&lt;script&gt;</mark>"} />,
    );
    expect(container.querySelector("img, script")).toBeNull();
    expect(container.querySelectorAll("mark")).toHaveLength(1);
    expect(container.textContent).toBe("<img src=x onerror=alert(1)> <script>");
  });
});
