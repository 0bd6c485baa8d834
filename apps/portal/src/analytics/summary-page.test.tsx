import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { newUser } from "../../test/api";
import { renderApp } from "../../test/render-app";

describe("weekly summary page", () => {
  it("shows a week's summary to a marketer in Japanese, with week days and no raw keys or ISO dates", async () => {
    const marketer = await newUser("marketer");
    renderApp({ token: marketer.token, path: "/analytics/summary?week=2026-W46", language: "ja" });
    expect(
      await screen.findByRole("heading", { name: "週次サマリー" }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    // 9–15 November 2026, Monday to Sunday (UTC)
    expect(screen.getByText("2026/11/09～2026/11/15")).toBeInTheDocument();
    // a fresh book: every section is there, empty
    expect(await screen.findByText("影響した売上の多いコンテンツ")).toBeInTheDocument();
    expect(screen.getByText("結果のなかった検索（今週新たに）")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "前の週" })).toBeInTheDocument();
    const text = document.body.textContent ?? "";
    expect(text).not.toMatch(/summary\.|\d{4}-\d{2}-\d{2}/);
  }, 60_000);

  it("is not for reps", async () => {
    const rep = await newUser("rep");
    renderApp({ token: rep.token, path: "/analytics/summary" });
    expect(
      await screen.findByRole("heading", { name: "Not allowed" }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.queryByText("Weekly summary", { selector: "h1, h2" })).toBeNull();
  }, 60_000);
});
