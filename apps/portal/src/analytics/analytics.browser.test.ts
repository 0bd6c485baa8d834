// @vitest-environment node
/// <reference lib="dom" />

import { readFileSync } from "node:fs";
import path from "node:path";
import { makeUser, saveCurrencySettings, seedInfluenceBook } from "@pitchside/api/testing";
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
const marketer = { email: "", password: "" };

beforeAll(async () => {
  if (skip) return;
  portal = await startPortalServer();
  const { deps } = portal.server;
  await seedInfluenceBook(deps);
  await saveCurrencySettings(deps.database.db, null, {
    reportingCurrency: "USD",
    rates: { USD: 1, JPY: 150 },
  });
  const m = await makeUser(deps.database.db, { role: "marketer", name: "Mika Marketer" });
  Object.assign(marketer, { email: m.email, password: m.password });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(artifactsDir, `analytics-${name}.png`), fullPage: true });

/** The influence table as the page shows it: header texts (without sort arrows), then each row's cells. */
const tableCells = (page: Page) =>
  page
    .getByRole("table", { name: /^Influence by / })
    .evaluate((table) => [
      [...table.querySelectorAll("th")].map((th) => (th.textContent ?? "").replace(/ [▲▼]$/, "")),
      ...[...table.querySelectorAll("tbody tr")].map((tr) =>
        [...tr.querySelectorAll("td")].map((td) => td.textContent ?? ""),
      ),
    ]);

const byName = (rows: (string | undefined)[][]) =>
  [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe("analytics home in Chromium against the real API", () => {
  it.skipIf(skip)(
    title("shows a marketer the KPIs of a hand-computed book and exports the influence table as CSV"),
    async () => {
      if (!browser || !portal) throw new Error("no browser");
      const context = await browser.newContext({
        locale: "en-US",
        viewport: { width: 1280, height: 900 },
        acceptDownloads: true,
      });
      const page = await context.newPage();
      const problems = collectConsoleErrors(page);
      await signIn(page, portal.server.url, marketer);
      await page.goto(`${portal.server.url}/analytics?from=2026-01-01&to=2026-12-31`);
      await page.getByRole("heading", { name: "Content influence" }).waitFor();

      // D1 (1,000 USD) and D2 (300,000 JPY = 2,000 USD) are the won deals touched before close
      await expect.poll(() => page.getByTestId("kpi-Influenced won revenue").textContent()).toBe("$3,000");
      expect(await page.getByTestId("kpi-Deals touched").textContent()).toBe("5");
      await page.getByRole("link", { name: "Asset C" }).waitFor();
      await shot(page, "home-en");

      const shown = await tableCells(page);
      // A, B, C: win rate, win rate without (with their intervals), lift, adjusted win rate, revenue
      expect(byName(shown.slice(1).map((row) => [row[0], row[6], row[7], row[8], row[9], row[10]]))).toEqual([
        ["Asset A", "66.7%20.8%–93.9%", "66.7%20.8%–93.9%", "Not enough deals", "66.7%", "$3,000"],
        ["Asset B", "100%34.2%–100%", "50%15%–85%", "Not enough deals", "76.2%", "$3,000"],
        ["Asset C", "50%9.5%–90.5%", "75%30.1%–95.4%", "Not enough deals", "61.9%", "$2,000"],
      ]);
      // sorted by the adjusted win rate: B (2 of 2 won) leads, C trails
      expect(shown.slice(1).map((row) => row[0])).toEqual(["Asset B", "Asset A", "Asset C"]);
      expect(await page.getByTestId("kpi-Overall win rate").textContent()).toBe("66.7%");
      expect(await page.getByTestId("kpi-Win-rate lift").textContent()).toBe("Not enough deals");
      expect(byName(shown.slice(1).map((row) => [row[0], row[10]]))).toEqual([
        ["Asset A", "$3,000"],
        ["Asset B", "$3,000"],
        ["Asset C", "$2,000"],
      ]);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Export CSV" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("influence-asset-any-2026-01-01-2026-12-31.csv");
      const csv = parseCsv(readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, ""));
      // the table's columns plus the export-only ones, the same rows in the order shown
      expect(csv[0]?.filter((header) => shown[0]?.includes(header))).toEqual(shown[0]);
      expect(csv.slice(1).map((row) => row[0])).toEqual(shown.slice(1).map((row) => row[0]));
      expect(
        byName(
          csv.slice(1).map((row) => [row[0], row[2], row[3], row[4], row[5], row[12], row[14], row[17]]),
        ),
      ).toEqual([
        ["Asset A", "4", "2", "1", "1", "1", "No", "3000"],
        ["Asset B", "2", "2", "0", "0", "2", "No", "3000"],
        ["Asset C", "2", "1", "1", "0", "0.6666666666666666", "No", "2000"],
      ]);

      // linear splits D2's 2,000 over its three assets
      await page.getByText("Linear", { exact: true }).click();
      await expect
        .poll(async () => byName((await tableCells(page)).slice(1).map((row) => [row[0], row[10]])))
        .toEqual([
          ["Asset A", "$1,167"],
          ["Asset B", "$1,167"],
          ["Asset C", "$667"],
        ]);
      await shot(page, "home-linear-en");
      expect(problems).toEqual([]);
      await context.close();
    },
    120_000,
  );
});
