import { randomUUID } from "node:crypto";
import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiAs, apiUrl, asAdmin, newUser, publishedAsset, unique } from "../../test/api";
import { captureDownloads } from "../../test/downloads";
import { renderApp } from "../../test/render-app";
import { parseCsv } from "./csv";

afterEach(() => vi.restoreAllMocks());

/** A link inserted in Gmail, as the extension records it (naming the link it made, if any). */
async function insertLink(reps: ReturnType<typeof apiAs>, assetId: string, dealId: string, shareId?: string) {
  await reps.events.track.mutate({
    events: [
      {
        id: randomUUID(),
        type: "link_inserted",
        assetId,
        dealId,
        surface: "gmail",
        ...(shareId ? { shareId } : {}),
      },
    ],
  });
}

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
  await insertLink(reps, assetId, deal.id);
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

  it("shows a deal's timeline in Japanese: one entry per insert, stage and surface names, dates by day", async () => {
    const marketer = await newUser("marketer");
    const rep = await newUser("rep");
    const title = unique("Timeline case study");
    const assetId = await publishedAsset(marketer.token, title);
    await asAdmin().taxonomy.upsert.mutate({
      terms: [
        { kind: "stage", key: "timeline_discovery", label: { en: "Discovery", ja: "ヒアリング" } },
        { kind: "stage", key: "timeline_negotiation", label: { en: "Negotiation", ja: "価格交渉" } },
      ],
    });
    const reps = apiAs(rep.token);
    const deal = await reps.deals.create.mutate({
      name: unique("Timeline deal"),
      stage: "timeline_discovery",
    });
    await reps.deals.update.mutate({ id: deal.id, patch: { stage: "timeline_negotiation" } });
    // the extension's insert: a link made for it, then the insert naming it
    const link = await reps.shares.create.mutate({
      assetId,
      dealId: deal.id,
      surface: "gmail",
      trackedByCaller: true,
    });
    await insertLink(reps, assetId, deal.id, link.id);
    renderApp({ token: marketer.token, path: `/analytics/deals/${deal.id}`, language: "ja" });

    expect(await screen.findByText(`リンク挿入: ${title}`, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.queryByText(`共有: ${title}`)).toBeNull();
    expect(screen.getByText("ステージ: ヒアリング → 価格交渉")).toBeInTheDocument();
    expect(screen.getByText("Gmail")).toBeInTheDocument();
    // grouped under today's date, as Japanese writes it
    const today = new Intl.DateTimeFormat("ja", { dateStyle: "medium" }).format(new Date());
    expect(screen.getByRole("region", { name: today })).toBeInTheDocument();
    const text = document.body.textContent ?? "";
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text).not.toMatch(/timeline_|link_inserted|gmail|negotiation/);
  });

  it("shows prospect engagement per asset and per link in Japanese", async () => {
    const marketer = await newUser("marketer");
    const rep = await newUser("rep");
    const title = unique("Engagement one-pager");
    const assetId = await publishedAsset(marketer.token, title);
    const link = await apiAs(rep.token).shares.create.mutate({ assetId, name: "CFO" });
    // three browsers (their own user agents): two with visitor ids who read the page, one without that only opens
    const chrome = (n: number) =>
      `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/13${n}.0.0.0 Safari/537.36`;
    const beacon = async (n: number, body: unknown) => {
      const res = await fetch(`${apiUrl()}/api/v/${link.token}/events`, {
        method: "POST",
        headers: { "content-type": "text/plain;charset=UTF-8", "user-agent": chrome(n) },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(204);
    };
    for (const [n, activeMs] of [
      [1, 2000],
      [2, 3000],
    ] as const) {
      const visitorId = `portal-visitor-${n}`;
      await beacon(n, { type: "open", visitorId });
      await beacon(n, { id: randomUUID(), type: "page", page: 1, activeMs, visitorId });
    }
    await beacon(3, { type: "open" });
    const { user } = renderApp({ token: marketer.token, path: "/analytics/usage", language: "ja" });

    const table = await screen.findByRole(
      "table",
      { name: "アセットごとの見込み客エンゲージメント" },
      { timeout: 10_000 },
    );
    const cellsOf = (row: HTMLElement) =>
      within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent);
    const row = (await within(table).findByText(title)).closest("tr") as HTMLElement;
    // opens, visitors, return visitors, seconds, pages read of the one page, completion (2 of 3 visitors read it)
    expect(cellsOf(row).slice(0, 7)).toEqual([title, "3", "3", "0", "5", "1 ページ中 1", "66.7%"]);

    await user.click(screen.getByText("リンクごと"));
    const links = await screen.findByRole("table", { name: "リンクごとの見込み客エンゲージメント" });
    const linkRow = (await within(links).findByText("CFO")).closest("tr") as HTMLElement;
    expect(cellsOf(linkRow)).toEqual(expect.arrayContaining([title, "CFO", "3", "5", "66.7%"]));
  });

  it("sends a rep to their own usage", async () => {
    const { rep } = await seedWonDeal();
    renderApp({ token: rep.token, path: "/analytics" });
    expect(await screen.findByRole("heading", { name: "My usage" }, { timeout: 10_000 })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("cell", { name: "1" })).toBeInTheDocument());
  });
});
