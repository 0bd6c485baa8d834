import { randomUUID } from "node:crypto";
import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiAs, asAdmin, newUser, publishedAsset, unique } from "../test/api";
import { captureDownloads } from "../test/downloads";
import { renderApp } from "../test/render-app";
import { parseCsv } from "./csv";

afterEach(() => vi.restoreAllMocks());

/** A won deal of 1,000 USD that a rep used the asset on two days before it closed yesterday. */
async function seedWonDeal() {
  const marketer = await newUser("marketer");
  const rep = await newUser("rep");
  const title = unique("Influence case study");
  const assetId = await publishedAsset(marketer.token, title);
  await asAdmin().taxonomy.upsert.mutate({
    terms: [{ kind: "stage", key: "analytics_proposal", label: { en: "Proposal", ja: "提案" } }],
  });
  const reps = apiAs(rep.token);
  const deal = await reps.deals.create.mutate({
    name: unique("Won deal"),
    stage: "analytics_proposal",
    amount: 1000,
  });
  await reps.events.track.mutate({
    events: [
      {
        id: randomUUID(),
        type: "link_inserted",
        assetId,
        dealId: deal.id,
        surface: "gmail",
      },
    ],
  });
  // won now, after the use (a client may not date a use before the deal existed)
  await reps.deals.update.mutate({ id: deal.id, patch: { status: "won" } });
  return { marketer, rep, title };
}

describe("analytics pages", () => {
  it("shows the influence table to a marketer and exports exactly its rows as CSV", async () => {
    const { marketer, title } = await seedWonDeal();
    const readCsv = captureDownloads();
    const { user } = renderApp({ token: marketer.token, path: "/analytics" });

    const table = await screen.findByRole("table", { name: "Influence by Asset" }, { timeout: 10_000 });
    const row = (await within(table).findByRole("link", { name: title })).closest("tr") as HTMLElement;
    const cells = within(row)
      .getAllByRole("cell")
      .map((c) => c.textContent);
    // one won deal: 100 % with its Wilson interval (1 of 1: 20.7 %–100 %), too few deals for a lift
    expect(cells).toEqual([
      title,
      "Case study",
      "1",
      "1",
      "0",
      "0",
      "100%20.7%–100%",
      // the other closed deals of the shared test server, if any
      expect.any(String),
      "Not enough deals",
      expect.stringMatching(/%$/),
      "$1,000",
      // used and won the same day
      "0",
    ]);
    expect(screen.getByText("Influenced won revenue")).toBeInTheDocument();
    expect(screen.getByText(/Amounts are converted to USD/)).toBeInTheDocument();
    expect(screen.getByTestId("kpi-Overall win rate").textContent).toMatch(/%$/);
    expect(screen.getByText(/Tables are sorted by the adjusted win rate/)).toBeInTheDocument();
    await user.hover(within(row).getByText("Not enough deals"));
    expect(
      await screen.findByText(/Fewer than 5 closed deals with or without this content/),
    ).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Export CSV" }));
    const csv = parseCsv(await readCsv());
    const headers = within(table)
      .getAllByRole("columnheader")
      .map((h) => (h.textContent ?? "").replace(/ [▲▼]$/, ""));
    // the table's columns, and the bounds, points, sample flag and baseline only the file holds
    expect(csv[0]).toEqual([
      "Asset",
      "Type",
      "Deals touched",
      "Won",
      "Lost",
      "Open",
      "Win rate",
      "Win rate 95% low",
      "Win rate 95% high",
      "Win rate without",
      "Win rate without 95% low",
      "Win rate without 95% high",
      "Lift",
      "Lift (points)",
      "Enough deals",
      "Lift compared with",
      "Adjusted win rate",
      "Influenced revenue (USD)",
      "Avg. days to close",
    ]);
    expect(csv[0]?.filter((h) => headers.includes(h))).toEqual(headers);
    const names = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((r) => within(r).getAllByRole("cell")[0]?.textContent);
    expect(csv.slice(1).map((r) => r[0])).toEqual(names);
    const exported = csv.find((r) => r[0] === title);
    expect(exported?.slice(0, 9)).toEqual([title, "Case study", "1", "1", "0", "0", "1", "0.206549", "1"]);
    expect(exported?.slice(14, 16)).toEqual(["No", "Closed deals in the period not touched by this content"]);
    expect(Number(exported?.[17])).toBe(1000);
    expect(Number(exported?.[18])).toBe(0);
  });

  it("says in Japanese when there are not enough deals for a lift", async () => {
    const { marketer, title } = await seedWonDeal();
    renderApp({ token: marketer.token, path: "/analytics", language: "ja" });
    const link = await screen.findByRole("link", { name: title }, { timeout: 10_000 });
    const row = link.closest("tr") as HTMLElement;
    expect(within(row).getByText("商談数が不足")).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "非利用時の勝率" })).toBeInTheDocument();
    expect(screen.getByText("全体の勝率")).toBeInTheDocument();
  });

  it("sends a rep to their own usage", async () => {
    const { rep } = await seedWonDeal();
    renderApp({ token: rep.token, path: "/analytics" });
    expect(await screen.findByRole("heading", { name: "My usage" }, { timeout: 10_000 })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("cell", { name: "1" })).toBeInTheDocument());
  });
});
