import { MantineProvider } from "@mantine/core";
import { render } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { createBundledI18n } from "../../test/bundled-i18n";
import { MarkdownView } from "./markdown-view";

const view = (source: string, language: "en" | "ja" = "en") =>
  render(
    <I18nextProvider i18n={createBundledI18n(language)}>
      <MantineProvider>
        <MarkdownView source={source} />
      </MantineProvider>
    </I18nextProvider>,
  );

describe("Markdown cards", () => {
  it("shows the portal's own images and turns other hosts' into links, so a card cannot track its readers", () => {
    const { container } = view(
      `![chart](/api/files/00000000-0000-0000-0000-000000000000/thumbnail)\n\n![pixel](https://tracker.example/p.gif?u=rep)`,
    );
    const images = [...container.querySelectorAll("img")].map((img) => img.getAttribute("src"));
    expect(images).toEqual(["/api/files/00000000-0000-0000-0000-000000000000/thumbnail"]);
    const link = container.querySelector("a[data-external-image]");
    expect(link?.getAttribute("href")).toBe("https://tracker.example/p.gif?u=rep");
    expect(link?.textContent).toBe("External image not shown (tracker.example): open it");
  });

  it("says so in Japanese", () => {
    const { container } = view("![x](http://img.example/a.png)", "ja");
    expect(container.querySelector("a[data-external-image]")?.textContent).toBe(
      "外部の画像は表示しません（img.example）：開く",
    );
  });
});
