import { screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiAs, asAdmin, newUser, unique } from "../../test/api";
import { captureDownloads } from "../../test/downloads";
import { renderApp } from "../../test/render-app";
import { parseCsv } from "./csv";

afterEach(() => vi.restoreAllMocks());

/**
 * A competitor of its own (the API is shared by the test files) that a rep's email named twice on a deal
 * at the Proposal stage, which was then won; the library has nothing on it.
 */
async function seedSignal() {
  const marketer = await newUser("marketer");
  const rep = await newUser("rep");
  const suffix = Math.random().toString(36).slice(2, 7);
  const key = `fs_${suffix}`;
  const label = { en: `Zyntrix ${suffix}`, ja: `ジントリクス ${suffix}` };
  await asAdmin().taxonomy.upsert.mutate({
    terms: [
      { kind: "stage", key: "analytics_proposal", label: { en: "Proposal", ja: "提案" } },
      { kind: "competitor", key, label },
    ],
  });
  const reps = apiAs(rep.token);
  const deal = await reps.deals.create.mutate({ name: unique("Signals deal"), stage: "analytics_proposal" });
  for (let i = 0; i < 2; i++) {
    const answer = await reps.suggest.forContext.query({
      surface: "gmail",
      dealId: deal.id,
      signals: { competitors: [key], keywords: ["secret-plan"] },
    });
    expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
  }
  await reps.deals.update.mutate({ id: deal.id, patch: { status: "won" } });
  // the requests are recorded just behind their answers
  await vi.waitFor(
    async () => {
      const report = await apiAs(marketer.token).analytics.fieldSignals.query({});
      expect(report.rows.find((r) => r.key === key)?.mentions).toBe(2);
    },
    { timeout: 10_000, interval: 100 },
  );
  return { marketer, label };
}

describe("Field signals page", () => {
  it("shows a marketer how often a competitor came up, says when there are too few deals, and exports CSV", async () => {
    const { marketer, label } = await seedSignal();
    const readCsv = captureDownloads();
    const { user } = renderApp({ token: marketer.token, path: "/analytics/signals" });

    const table = await screen.findByRole(
      "table",
      { name: "Signals heard in the period" },
      { timeout: 10_000 },
    );
    const row = within(table).getByRole("cell", { name: label.en }).closest("tr") as HTMLElement;
    const cells = within(row)
      .getAllByRole("cell")
      .map((c) => c.textContent);
    // signal, kind, mentions, previous, change, deals, reps, won with, lost with, rates, coverage, weeks
    expect(cells.slice(0, 13)).toEqual([
      label.en,
      "Competitor",
      "2",
      "0",
      "–",
      "1",
      "1",
      "1",
      "0",
      "Not enough deals",
      "Not enough deals",
      "0",
      "0",
    ]);

    // the first table's export
    await user.click(screen.getAllByRole("button", { name: "Export CSV" })[0] as HTMLElement);
    const csv = parseCsv(await readCsv());
    const exported = csv.find((r) => r[0] === label.en);
    // the CSV keeps the win rate the page holds back: 1 won of 1
    expect(exported?.slice(0, 10)).toEqual([label.en, "Competitor", "2", "0", "", "1", "1", "1", "0", "1"]);

    const coverage = screen.getByRole("table", { name: "Library coverage per signal and stage" });
    const proposal = within(coverage)
      .getAllByRole("row")
      .find((r) => r.textContent?.includes(label.en) && r.textContent.includes("Proposal")) as HTMLElement;
    expect(within(proposal).getByText("Nothing")).toBeInTheDocument();
    await user.click(within(proposal).getByRole("link", { name: "Request content" }));
    const dialog = await screen.findByRole("dialog", { name: "Request content" });
    expect(within(dialog).getByLabelText(/What do you need/)).toHaveValue(
      `Content for ${label.en} at Proposal`,
    );
    expect((within(dialog).getByLabelText(/Details/) as HTMLTextAreaElement).value).toContain(
      `reps met ${label.en} 2 times`,
    );
  });

  it("reads in Japanese without raw keys or ISO dates", async () => {
    const { marketer, label } = await seedSignal();
    renderApp({ token: marketer.token, path: "/analytics/signals?by=week", language: "ja" });
    const table = await screen.findByRole("table", { name: "期間中に聞かれたシグナル" }, { timeout: 10_000 });
    expect(within(table).getByRole("cell", { name: label.ja })).toBeInTheDocument();
    expect(within(table).getAllByRole("cell", { name: "競合" }).length).toBeGreaterThan(0);
    expect(within(table).getAllByText("商談数が不足").length).toBeGreaterThan(0);
    const byWeek = screen.getByRole("table", { name: "週別の言及数" });
    const text = document.body.textContent ?? "";
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text).not.toMatch(/\b(signals|analytics)\.[a-z]/);
    expect(text).not.toContain("competitor");
    expect(text).not.toContain("analytics_proposal");
    expect(within(byWeek).getAllByRole("cell", { name: label.ja }).length).toBeGreaterThan(0);
  });
});
