// @vitest-environment node
/// <reference lib="dom" />
import path from "node:path";
import { loginToken, makeUser, type TestServer } from "@pitchside/api/testing";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  artifactsDir,
  browserTitle,
  collectConsoleErrors,
  launchChromium,
  signIn,
  skipBrowser,
  startPortalServer,
} from "../../test/portal-browser";

let server: TestServer;
let stop: () => Promise<void>;
let browser: Browser | undefined;
const rep = { email: "", password: "" };

/** One word in every title, so the library's other content never counts. */
const WORD = "Heronsgate";
const library = [
  { title: `${WORD} case study, proposal`, type: "case_study", stages: ["proposal"] },
  { title: `${WORD} case study, discovery`, type: "case_study", stages: ["discovery"] },
  { title: `${WORD} battle card`, type: "battle_card", stages: ["proposal"] },
  { title: `${WORD} objection guide`, type: "objection_guide", stages: ["proposal"] },
  { title: `${WORD} one-pager`, type: "one_pager", stages: ["discovery"] },
] as const;

beforeAll(async () => {
  if (skipBrowser) return;
  ({ server, stop } = await startPortalServer());
  const { db } = server.deps.database;
  const marketer = await makeUser(db, { role: "marketer" });
  const r = await makeUser(db, { role: "rep" });
  Object.assign(rep, { email: r.email, password: r.password });
  const api = server.client({ token: await loginToken(server, marketer.email, marketer.password) });
  await api.taxonomy.upsert.mutate({
    terms: [
      { kind: "stage", key: "discovery", label: { en: "Discovery", ja: "ヒアリング" } },
      { kind: "stage", key: "proposal", label: { en: "Proposal", ja: "提案" } },
    ],
  });
  for (const [i, { title, type, stages }] of library.entries()) {
    const { assetId } = await api.assets.createLink.mutate({
      url: `https://example.com/heronsgate/${i}`,
      meta: { title, type, stages: [...stages], language: "en" },
    });
    await api.assets.setStatus.mutate({ id: assetId, status: "published" });
  }
  await server.settle();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stop?.();
});

async function open(
  locale: "en-US" | "ja-JP",
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  if (!browser) throw new Error("no browser");
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = collectConsoleErrors(page);
  await signIn(page, server.url, rep);
  return { context, page, problems };
}

const SEARCH = /\/trpc\/[^?]*search\.query/;

/** Holds every search answer until the returned function is called: what shows meanwhile came from the click alone. */
async function holdSearches(page: Page): Promise<() => Promise<void>> {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(SEARCH, async (route) => {
    await gate;
    // a search the page gave up on (a later click replaced it) is no longer there to continue
    await route.continue().catch(() => undefined);
  });
  return async () => {
    release();
    await page.unroute(SEARCH);
  };
}

/** A facet value's checkbox, named by its label and its count. */
const box = (page: Page, label: string, count: number | string = "\\d+") =>
  page.getByRole("checkbox", { name: new RegExp(`^${label}\\s*${count}$`) });
const chips = (page: Page) => page.getByRole("group", { name: "Active filters" }).getByRole("button");
const titles = async (page: Page) =>
  (await page.locator("article").getByRole("link").allTextContents()).sort();
const shownTypes = (page: Page) => new URL(page.url()).searchParams.getAll("type");

describe("faceted filters in Chromium against the real API", () => {
  it.skipIf(skipBrowser)(
    browserTitle("several values per facet with counts, chips, clear all, and a search with no results"),
    async () => {
      const { page, context, problems } = await open("en-US");
      await page.goto(`${server.url}/library?q=${WORD}`);
      await page.getByText("5 results", { exact: true }).waitFor({ timeout: 15_000 });

      // the tick shows while the search is still held back
      const release = await holdSearches(page);
      await box(page, "Case study", 2).click();
      expect(await box(page, "Case study", 2).isChecked()).toBe(true);
      expect(await chips(page).allTextContents()).toEqual(["Case study×", "Clear all"]);
      await release();
      await page.getByText("2 results", { exact: true }).waitFor();

      // the other types stay on offer with their counts; a second one is added from the keyboard
      await box(page, "Battle card", 1).focus();
      await page.keyboard.press("Space");
      await page.getByText("3 results", { exact: true }).waitFor();
      expect(await titles(page)).toEqual([library[0].title, library[1].title, library[2].title].sort());
      expect(await box(page, "Case study", 2).isChecked()).toBe(true);
      expect(await box(page, "Battle card", 1).isChecked()).toBe(true);
      expect(await box(page, "Objection guide", 1).isChecked()).toBe(false);
      expect(shownTypes(page)).toEqual(["case_study", "battle_card"]);

      // across facets: AND; each facet counted with the other's filters
      await box(page, "Proposal").click();
      await page.getByText("2 results", { exact: true }).waitFor();
      expect(await titles(page)).toEqual([library[0].title, library[2].title].sort());
      await box(page, "Objection guide", 1).waitFor();
      await box(page, "Discovery", 1).waitFor();
      expect(
        await chips(page).evaluateAll((buttons) => buttons.map((b) => b.getAttribute("aria-label"))),
      ).toEqual([
        "Remove filter Type: Case study",
        "Remove filter Type: Battle card",
        "Remove filter Deal stage: Proposal",
        null,
      ]);
      await page.screenshot({ path: path.join(artifactsDir, "library-facets-en.png"), fullPage: true });

      // a chip's × takes its value off, from the keyboard too
      await page.getByRole("button", { name: "Remove filter Type: Case study" }).focus();
      await page.keyboard.press("Enter");
      await page.getByText("1 result", { exact: true }).waitFor();
      expect(await titles(page)).toEqual([library[2].title]);
      expect(await box(page, "Case study").isChecked()).toBe(false);
      expect(shownTypes(page)).toEqual(["battle_card"]);

      // no results: the panel stays, the ticked values with it so they can be unticked
      await page.getByRole("searchbox").fill("nothing-matches-this-query");
      await page.getByText("0 results", { exact: true }).waitFor({ timeout: 15_000 });
      await page.getByRole("link", { name: "Request this content" }).waitFor();
      expect(await box(page, "Battle card", 0).isChecked()).toBe(true);
      expect(await box(page, "Proposal", 0).isChecked()).toBe(true);
      expect(await box(page, "Case study", 0).isChecked()).toBe(false);
      await page.screenshot({ path: path.join(artifactsDir, "library-facets-empty-en.png"), fullPage: true });

      await page.getByRole("button", { name: "Clear all" }).click();
      await expect.poll(() => chips(page).count()).toBe(0);
      expect(await box(page, "Battle card", 0).isChecked()).toBe(false);
      expect(await box(page, "Proposal", 0).isChecked()).toBe(false);
      await expect.poll(() => new URL(page.url()).search).toBe("?q=nothing-matches-this-query");

      expect(problems).toEqual([]);
      await context.close();
    },
    120_000,
  );

  it.skipIf(skipBrowser)(
    browserTitle("a link to a search with no results, opened afresh, shows every facet's values at 0"),
    async () => {
      const { page, context, problems } = await open("en-US");
      await page.goto(`${server.url}/library?q=zzqxwv&type=battle_card`);
      await page.getByText("0 results", { exact: true }).waitFor({ timeout: 15_000 });
      // the ticked value to untick, the other values to tick instead
      await box(page, "Battle card", 0).waitFor();
      expect(await box(page, "Battle card", 0).isChecked()).toBe(true);
      expect(await box(page, "Case study", 0).isChecked()).toBe(false);
      for (const label of ["Discovery", "Proposal", "English", "Japanese"])
        await box(page, label, 0).waitFor();
      await box(page, "Battle card", 0).click();
      await expect.poll(() => shownTypes(page)).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    },
    60_000,
  );

  it.skipIf(skipBrowser)(
    browserTitle("a ja-JP browser names the chips from the taxonomy in Japanese"),
    async () => {
      const { page, context, problems } = await open("ja-JP");
      await page.goto(`${server.url}/library?q=${WORD}&stages=proposal&type=battle_card`);
      const group = page.getByRole("group", { name: "適用中の絞り込み" });
      await group
        .getByRole("button", { name: "絞り込みを解除: 商談ステージ「提案」" })
        .waitFor({ timeout: 15_000 });
      expect(await group.getByRole("button").allTextContents()).toEqual([
        "バトルカード×",
        "提案×",
        "すべて解除",
      ]);
      await page.screenshot({ path: path.join(artifactsDir, "library-facets-ja.png"), fullPage: true });
      expect(problems).toEqual([]);
      await context.close();
    },
    60_000,
  );
});
