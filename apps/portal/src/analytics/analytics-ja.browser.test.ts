// @vitest-environment node
/// <reference lib="dom" />

import { randomUUID } from "node:crypto";
import { copyFileSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  ingestEvents,
  makeUser,
  saveCurrencySettings,
  seedInfluenceBook,
  updateUser,
} from "@pitchside/api/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  artifactsDir,
  collectConsoleErrors,
  launchChromium,
  signIn,
  skipBrowser as skip,
  startPortalServer,
  browserTitle as title,
} from "../../test/portal-browser";
import { parseCsv } from "./csv";

let portal: Awaited<ReturnType<typeof startPortalServer>> | undefined;
let browser: Browser | undefined;
let book: Awaited<ReturnType<typeof seedInfluenceBook>> | undefined;
const admin = { email: "", password: "" };
const PERIOD = "from=2026-01-01&to=2026-12-31";

/**
 * Every analytics page in the Japanese UI, with the heading it waits for. A page another change adds
 * is one more line here.
 */
const pages: { name: string; path: () => string; heading: string | RegExp }[] = [
  { name: "influence", path: () => `/analytics/influence?${PERIOD}`, heading: "コンテンツの影響" },
  { name: "usage", path: () => `/analytics/usage?${PERIOD}`, heading: "利用状況とエンゲージメント" },
  { name: "gaps", path: () => `/analytics/gaps?${PERIOD}`, heading: "コンテンツの不足" },
  { name: "field signals", path: () => `/analytics/signals?${PERIOD}`, heading: "現場のシグナル" },
  {
    name: "asset drill-down",
    path: () => `/analytics/assets/${book?.assets.A}?${PERIOD}`,
    heading: /^「Asset A」/,
  },
  { name: "my usage", path: () => `/analytics/me?${PERIOD}`, heading: "自分の利用状況" },
  { name: "currency settings", path: () => "/analytics/settings", heading: "レポート通貨" },
  { name: "deal timeline", path: () => `/analytics/deals/${book?.deals.D1}`, heading: /のタイムライン$/ },
  { name: "weekly summary", path: () => "/analytics/summary", heading: "週次サマリー" },
];

beforeAll(async () => {
  if (skip) return;
  portal = await startPortalServer();
  const { deps } = portal.server;
  const { db } = deps.database;
  book = await seedInfluenceBook(deps);
  await saveCurrencySettings(db, null, { reportingCurrency: "JPY", rates: { USD: 1, JPY: 150 } });
  const a = await makeUser(db, { role: "admin", name: "管理 花子" });
  await updateUser(db, deps.bus, a.id, { locale: "ja" });
  Object.assign(admin, { email: a.email, password: a.password });
  // the admin's own use: a share and an insert on the same days, so the two lines coincide
  const use = (type: "asset_viewed" | "shared" | "link_inserted", day: string) => ({
    id: randomUUID(),
    type,
    userId: a.id,
    assetId: book?.assets.B ?? "",
    dealId: null,
    shareId: null,
    surface: "portal" as const,
    at: new Date(`${day}T09:00:00Z`),
    props: {},
  });
  await ingestEvents(db, [
    use("asset_viewed", "2026-11-03"),
    use("shared", "2026-11-03"),
    use("link_inserted", "2026-11-04"),
    use("shared", "2026-11-17"),
    use("link_inserted", "2026-11-17"),
  ]);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

/** The page's text as a reader sees it, without e-mail addresses (their dots are not keys). */
const visibleText = (page: Page) =>
  page.evaluate(() => {
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered, not the text of hidden nodes
    const shown = document.body.innerText;
    return shown.replace(/\S+@\S+/g, "");
  });

/** What in the text is a raw catalog key or an ISO date rather than words and localized dates. */
function rawLeftovers(text: string): string[] {
  const patterns = [
    /\b[a-z]+:[a-z][\w.]*/g, // namespaced key (analytics:nav.usage)
    /\b[a-z][a-zA-Z]*(?:\.[a-z][a-zA-Z]*)+\b/g, // dotted key (columns.views)
    /\b[a-z]+_[a-z_]+\b/g, // a snake_case enum value (closed_won, link_inserted)
    /\d{4}-\d{2}-\d{2}/g, // ISO date
  ];
  return patterns.flatMap((pattern) => text.match(pattern) ?? []);
}

async function settled(page: Page, heading: string | RegExp) {
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  await page.waitForLoadState("networkidle");
  await page.locator(".mantine-Loader-root").first().waitFor({ state: "detached" });
}

/** A fresh Japanese context signed in as the admin, on `path` once it has loaded. */
async function adminInJapanese(path: string, heading: string | RegExp) {
  if (!browser || !portal) throw new Error("no browser");
  const context = await browser.newContext({
    locale: "ja-JP",
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const problems = collectConsoleErrors(page);
  await signIn(page, portal.server.url, admin);
  await page.goto(`${portal.server.url}${path}`);
  await settled(page, heading);
  return { context, page, problems };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe("analytics pages in Japanese, in Chromium against the real API", () => {
  it.skipIf(skip)(
    title("show no raw keys and no ISO dates on any analytics page"),
    async () => {
      const [first, ...rest] = pages;
      if (!first) throw new Error("no pages");
      const { context, page, problems } = await adminInJapanese(first.path(), first.heading);
      const found: Record<string, string[]> = { [first.name]: rawLeftovers(await visibleText(page)) };
      for (const p of rest) {
        await page.goto(`${portal?.server.url}${p.path()}`);
        await settled(page, p.heading);
        found[p.name] = rawLeftovers(await visibleText(page));
      }
      expect(found).toEqual(Object.fromEntries(pages.map((p) => [p.name, []])));
      expect(problems).toEqual([]);
      await context.close();
    },
    180_000,
  );

  it.skipIf(skip)(
    title("downloads the usage chart as a PNG of the chart with its title, and its data as CSV"),
    async () => {
      const { context, page } = await adminInJapanese(`/analytics/me?${PERIOD}`, "自分の利用状況");
      const chartTitle = "週ごとの閲覧・共有・挿入・見込み客の開封";
      const slider = page.getByRole("slider", { name: chartTitle });
      const svg = slider.locator("svg");
      // the chart is drawn at the width its box has once laid out
      const box = await slider.evaluate((el) => el.clientWidth);
      await expect.poll(async () => Number(await svg.getAttribute("width"))).toBe(box);
      const width = Number(await svg.getAttribute("width"));
      const height = Number(await svg.getAttribute("height"));
      expect(width).toBeGreaterThan(300);
      // the tooltip of the week where shares and inserts coincide
      await svg.hover({ position: { x: 60, y: 200 } });
      await page.screenshot({ path: path.join(artifactsDir, "analytics-my-usage-ja.png"), fullPage: true });
      expect(height).toBe(300);

      const [png] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: `PNG をダウンロード: ${chartTitle}` }).click(),
      ]);
      expect(png.suggestedFilename()).toBe("my-usage-week-2026-11-02-2026-11-16.png");
      copyFileSync(await png.path(), path.join(artifactsDir, "analytics-chart-ja.png"));
      const bytes = readFileSync(await png.path());
      expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      expect(bytes.subarray(12, 16).toString("latin1")).toBe("IHDR");
      // twice the chart's size, with a 40 px band for the title above it
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([width * 2, (height + 40) * 2]);

      const [csv] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: `CSV をダウンロード: ${chartTitle}` }).click(),
      ]);
      expect(csv.suggestedFilename()).toBe("my-usage-week-2026-11-02-2026-11-16.csv");
      const text = readFileSync(await csv.path(), "utf8");
      expect(text.startsWith("\uFEFF")).toBe(true);
      // the file keeps ISO dates (a spreadsheet reads them as dates in any language); the page does not
      expect(parseCsv(text.slice(1))).toEqual([
        ["週の開始日", "閲覧", "共有", "挿入", "見込み客の開封"],
        ["2026-11-02", "1", "1", "1", "0"],
        ["2026-11-09", "0", "0", "0", "0"],
        ["2026-11-16", "0", "1", "1", "0"],
      ]);
      await context.close();
    },
    120_000,
  );

  it.skipIf(skip)(
    title("prints a report without the shell, under a header naming the report and its period"),
    async () => {
      const { context, page } = await adminInJapanese(
        `/analytics/usage?${PERIOD}`,
        "利用状況とエンゲージメント",
      );
      const header = page.getByTestId("print-header");
      await expect.poll(() => header.isVisible()).toBe(false);
      await expect.poll(() => page.getByRole("button", { name: "印刷" }).isVisible()).toBe(true);
      await page.emulateMedia({ media: "print" });
      expect(await header.isVisible()).toBe(true);
      expect(await header.textContent()).toBe(
        "Pitchside · 利用状況とエンゲージメント(2026/01/01～2026/12/31)",
      );
      expect(await page.locator("nav").first().isVisible()).toBe(false);
      expect(await page.getByRole("button", { name: "印刷" }).isVisible()).toBe(false);
      expect(await page.getByRole("button", { name: "CSV をエクスポート" }).first().isVisible()).toBe(false);
      expect(await page.getByRole("heading", { level: 1 }).isVisible()).toBe(true);
      await page.screenshot({
        path: path.join(artifactsDir, "analytics-usage-print-ja.png"),
        fullPage: true,
      });
      // the widest report's tables fit A4's printable width (186 mm at 96 dpi): no column cut off
      await page.goto(`${page.url().split("/analytics")[0]}/analytics/influence?${PERIOD}`);
      await page.getByRole("heading", { level: 1, name: "コンテンツの影響" }).waitFor();
      await page.locator("table tbody tr").first().waitFor();
      await page.setViewportSize({ width: 703, height: 1000 });
      // a table wider than a box that clips it (the page, a card, a scroll area) loses its last columns
      const overflowing = await page.evaluate(() =>
        [...document.querySelectorAll("table")]
          .filter((table) => {
            const right = table.getBoundingClientRect().right;
            if (right > document.documentElement.clientWidth + 1) return true;
            for (let box = table.parentElement; box; box = box.parentElement) {
              const clips = getComputedStyle(box).overflowX !== "visible";
              if (clips && right > box.getBoundingClientRect().right + 1) return true;
            }
            return false;
          })
          .map((table) => table.getAttribute("aria-label")),
      );
      expect(overflowing).toEqual([]);
      await page.screenshot({
        path: path.join(artifactsDir, "analytics-influence-print-ja.png"),
        fullPage: true,
      });
      await context.close();
    },
    120_000,
  );
});
