// @vitest-environment node
/// <reference lib="dom" />

import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import {
  demoTaxonomy,
  findJapaneseFont,
  loginToken,
  makeUser,
  startServerOnOwnMeili,
  type TestServer,
  upsertTerms,
} from "@pitchside/api/testing";
import { PDFDocument, rgb, StandardFonts } from "pdf-lib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  artifactsDir,
  collectConsoleErrors,
  ensurePortalBuilt,
  launchChromium,
  portalDir,
  signIn as signInPage,
  skipBrowser as skip,
  browserTitle as title,
} from "../../test/portal-browser";

/** A word found nowhere else, and a Japanese sentence, both only inside the PDF's text. */
const WORD = "Zephyrantha";
const JA_SENTENCE = "価格交渉で勝つための導入事例";
const JA_QUERY = "価格交渉";
/** The title in the PDF's own properties, which the upload form suggests. */
const PDF_TITLE = "Northwind: onboarding in half the time";

let server: TestServer;
let stopServer: (() => Promise<void>) | undefined;
let workDir: string;
let browser: Browser | undefined;
let japaneseFont: Uint8Array | null = null;
const people = { marketer: { email: "", password: "" }, rep: { email: "", password: "" } };

async function makePdf(font: Uint8Array | null): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(PDF_TITLE);
  const page = doc.addPage([600, 800]);
  const latin = await doc.embedFont(StandardFonts.HelveticaBold);
  page.drawRectangle({
    x: 40,
    y: 40,
    width: 520,
    height: 720,
    borderColor: rgb(0.2, 0.3, 0.8),
    borderWidth: 6,
  });
  page.drawText("Northwind case study", { x: 80, y: 680, size: 32, font: latin });
  page.drawText(`How ${WORD} cut onboarding time in half`, { x: 80, y: 620, size: 18, font: latin });
  if (font) {
    doc.registerFontkit(fontkit);
    const ja = await doc.embedFont(font, { subset: true });
    page.drawText(JA_SENTENCE, { x: 80, y: 560, size: 22, font: ja });
  }
  return Buffer.from(await doc.save());
}

/** A copy of the built portal, so a rebuild elsewhere during the run cannot pull pages from under it. */
async function snapshotPortal(into: string) {
  await ensurePortalBuilt();
  cpSync(path.join(portalDir, "dist"), into, { recursive: true });
}

beforeAll(async () => {
  if (skip) return;
  workDir = mkdtempSync(path.join(tmpdir(), "pitchside-library-browser-"));
  await snapshotPortal(path.join(workDir, "portal"));
  ({ server, close: stopServer } = await startServerOnOwnMeili("library-browser-api", {
    PORTAL_DIR: path.join(workDir, "portal"),
  }));
  const { db } = server.deps.database;
  await upsertTerms(db, server.deps.bus, null, demoTaxonomy);
  const marketer = await makeUser(db, { role: "marketer", name: "Mika Marketer" });
  const rep = await makeUser(db, { role: "rep", name: "Ren Rep" });
  people.marketer = { email: marketer.email, password: marketer.password };
  people.rep = { email: rep.email, password: rep.password };
  japaneseFont = await findJapaneseFont();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stopServer?.();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

interface Session {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

async function signIn(who: keyof typeof people, locale: "en-US" | "ja-JP"): Promise<Session> {
  if (!browser) throw new Error("no browser");
  const context = await browser.newContext({
    locale,
    viewport: { width: 1280, height: 900 },
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const page = await context.newPage();
  const problems = collectConsoleErrors(page);
  await signInPage(page, server.url, people[who]);
  return { context, page, problems };
}

const shot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage });

/** Picks an option of a Mantine Select or MultiSelect by its label. */
async function pick(page: Page, label: string, option: string) {
  await page.getByRole("combobox", { name: label, exact: true }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
  await page.keyboard.press("Escape");
}

/** How many dark pixels the first PDF canvas holds: a painted page has thousands. */
const inkOnFirstPage = (page: Page) =>
  page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="pdf-preview"] canvas');
    const ctx = canvas?.getContext("2d");
    if (!canvas || !ctx || canvas.width === 0) return 0;
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) dark += 1;
    return dark;
  });

async function expectPaintedPdf(page: Page) {
  await page.waitForSelector('[data-testid="pdf-preview"] canvas', { timeout: 30_000 });
  await expect.poll(() => inkOnFirstPage(page), { timeout: 20_000 }).toBeGreaterThan(1000);
}

describe("library in Chromium against the real API", () => {
  let assetUrl = "";
  const assetTitle = "Northwind onboarding case study";

  it.skipIf(skip)(
    title("a marketer uploads a PDF with progress, tags it and publishes it"),
    async () => {
      const { page, context, problems } = await signIn("marketer", "en-US");
      await page.goto(`${server.url}/library/upload`);
      await page.getByRole("heading", { name: "Upload content" }).waitFor();
      await page.locator('input[type="file"]').setInputFiles({
        name: "northwind.pdf",
        mimeType: "application/pdf",
        buffer: await makePdf(japaneseFont),
      });
      await page.getByText("Uploaded", { exact: true }).waitFor({ timeout: 20_000 });
      expect(await page.getByRole("progressbar").first().getAttribute("aria-valuenow")).toBe("100");

      // once the text is read, the form suggests the type the PDF calls itself and its own title
      await server.settle();
      const titleInput = page.getByLabel("Title for northwind.pdf");
      await page.getByText("Suggested from the file's properties").waitFor({ timeout: 15_000 });
      expect(await titleInput.inputValue()).toBe(PDF_TITLE);
      await page.getByText("Suggested from the file", { exact: true }).waitFor();
      expect(await page.getByRole("combobox", { name: "Type", exact: true }).inputValue()).toBe("Case study");
      await titleInput.fill(assetTitle);
      expect(await page.getByText("Suggested from the file's properties").count()).toBe(0);
      await pick(page, "Type", "Case study");
      await pick(page, "Deal stages", "Proposal");
      await pick(page, "Personas", "Finance");
      await shot(page, "upload-en");
      await page.getByRole("button", { name: "Approve and publish" }).click();
      await page.waitForURL(/\/library\/assets\/[0-9a-f-]{36}$/);
      assetUrl = new URL(page.url()).pathname;

      // the test server runs jobs when told: extract the text, thumbnail, then index
      await server.settle();
      await page.getByRole("heading", { name: assetTitle }).waitFor();
      await expectPaintedPdf(page);
      await page.getByText(/Published by Mika Marketer/).waitFor();
      await shot(page, "asset-marketer-en");
      expect(problems).toEqual([]);
      await context.close();
    },
    180_000,
  );

  it.skipIf(skip)(
    title("a marketer writes a battle card in Markdown with a live preview that runs no script"),
    async () => {
      const { page, context, problems } = await signIn("marketer", "en-US");
      let dialogs = 0;
      page.on("dialog", (d) => {
        dialogs += 1;
        void d.dismiss();
      });
      await page.goto(`${server.url}/library/new/markdown`);
      await page.getByRole("textbox", { name: /^Title/ }).fill("Acme battle card");
      await page
        .getByRole("textbox", { name: "Markdown" })
        .fill(
          "# Beat Acme\n\n**Lead with** onboarding time.\n\n<img src=x onerror=alert(1)>\n\n[tricky](javascript:alert(2))",
        );
      const preview = page.getByTestId("markdown-preview");
      await preview.getByRole("heading", { name: "Beat Acme" }).waitFor();
      expect(await preview.locator("img, script").count()).toBe(0);
      expect(await preview.locator('a[href^="javascript"]').count()).toBe(0);
      await shot(page, "markdown-en");
      await page.getByRole("button", { name: "Create" }).click();
      await page.waitForURL(/\/library\/assets\/[0-9a-f-]{36}$/);
      await server.settle();
      await page.getByRole("heading", { name: "Beat Acme" }).waitFor({ timeout: 15_000 });
      expect(dialogs).toBe(0);
      expect(problems).toEqual([]);
      await context.close();
    },
    120_000,
  );

  it.skipIf(skip)(
    title("a rep finds it by a word inside the PDF and by a Japanese query, previews it and shares it"),
    async () => {
      expect(assetUrl, "the upload test ran first").not.toBe("");
      const { page, context, problems } = await signIn("rep", "en-US");
      await page.goto(`${server.url}/library`);
      const search = page.getByRole("searchbox");
      await search.fill(WORD.toLowerCase());
      const card = page.getByRole("link", { name: assetTitle });
      await card.waitFor({ timeout: 15_000 });
      // the query reached the URL, so the search can be shared
      await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(WORD.toLowerCase());
      await expect
        .poll(() => page.locator("article mark").first().textContent())
        .toMatch(new RegExp(WORD, "i"));
      await shot(page, "library-en");

      if (japaneseFont) {
        await search.fill(JA_QUERY);
        await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(JA_QUERY);
        await card.waitFor({ timeout: 15_000 });
      }

      await search.fill("nothing-matches-this-query");
      await page.getByRole("link", { name: "Request this content" }).waitFor();
      expect(await page.getByRole("link", { name: "Request this content" }).getAttribute("href")).toBe(
        "/requests?new=1&q=nothing-matches-this-query",
      );

      await page.goto(`${server.url}/library/find`);
      await page
        .getByLabel("Email or message")
        .fill(`Hi, our CFO asked how ${WORD} handled pricing. Can you send something?`);
      await pick(page, "Deal stage", "Proposal");
      await pick(page, "Persona", "Finance");
      await page.getByRole("button", { name: "Find content" }).click();
      await page.getByRole("link", { name: assetTitle }).waitFor({ timeout: 15_000 });
      await page.getByText("Stage: Proposal").waitFor();
      await page.locator("button[type=submit]:not([data-loading])").waitFor();
      await shot(page, "find-en");

      await page.goto(`${server.url}${assetUrl}`);
      await expectPaintedPdf(page);
      await page.getByRole("button", { name: "Create share link" }).click();
      await page.getByRole("button", { name: "Create link" }).click();
      const link = page.getByRole("textbox", { name: "Share link" });
      await link.waitFor();
      expect(await link.inputValue()).toMatch(/\/s\/[A-Za-z0-9_-]+$/);
      await page.getByRole("button", { name: "Done" }).click();

      // Mantine's rating keeps its radios off-screen; each star is the radio's label
      const fourStars = await page.getByRole("radio", { name: "4" }).first().getAttribute("id");
      await page.locator(`label[for="${fourStars}"]`).click();
      await page.getByText(/4 from 1 rating/).waitFor();
      await page.getByLabel("Add a comment").fill("Worked well with a CFO");
      await page.getByRole("button", { name: "Post comment" }).click();
      await page.getByText("Worked well with a CFO").waitFor();
      await shot(page, "asset-en");
      expect(problems).toEqual([]);
      await context.close();
    },
    180_000,
  );

  it.skipIf(skip)(
    title(
      "a rep reaches every result past the first page, and a phone gives an asset's title the full width",
    ),
    async () => {
      const word = "Quillmere";
      const titles = Array.from({ length: 31 }, (_, i) => `${word} reference ${i + 1}`);
      // one more than a page of published links, seeded while the rep signs in
      const seed = async () => {
        const api = server.client({
          token: await loginToken(server, people.marketer.email, people.marketer.password),
        });
        await Promise.all(
          titles.map(async (assetTitle, i) => {
            const { assetId } = await api.assets.createLink.mutate({
              url: `https://example.com/references/${i}`,
              meta: { title: assetTitle, type: "case_study", language: "en" },
            });
            await api.assets.setStatus.mutate({ id: assetId, status: "published" });
          }),
        );
        await server.settle();
      };
      const [{ page, context, problems }] = await Promise.all([signIn("rep", "en-US"), seed()]);
      await page.goto(`${server.url}/library?q=${word}`);
      const cards = page.locator("article");
      await page.getByText("Showing 30 of 31").waitFor({ timeout: 15_000 });
      expect(await cards.count()).toBe(30);
      await page.getByRole("button", { name: "Show more" }).scrollIntoViewIfNeeded();
      await shot(page, "library-more-en", false);
      await page.getByRole("button", { name: "Show more" }).click();
      await expect.poll(() => cards.count()).toBe(31);
      expect((await cards.getByRole("link").allTextContents()).sort()).toEqual([...titles].sort());
      expect(await page.getByRole("button", { name: "Show more" }).count()).toBe(0);
      // the facets still count every result, and the URL still holds only the search
      await page.getByRole("checkbox", { name: /Case study\s*31/ }).waitFor();
      expect(new URL(page.url()).search).toBe(`?q=${word}`);
      // a drawn 4:3 card is shown whole, not cropped to a portrait frame
      const thumbnail = await cards
        .first()
        .locator("img")
        .evaluate((img) => ({
          fit: getComputedStyle(img).objectFit,
          ratio: img.clientWidth / img.clientHeight,
        }));
      expect(thumbnail.fit).toBe("contain");
      expect(thumbnail.ratio).toBeCloseTo(4 / 3, 1);

      await page.setViewportSize({ width: 390, height: 844 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, "library-phone-en", false);
      const first = cards.first().getByRole("link");
      const firstTitle = (await first.textContent()) ?? "";
      await first.click();
      const heading = page.getByRole("heading", { level: 1, name: firstTitle });
      await heading.waitFor();
      const share = page.getByRole("button", { name: "Create share link" });
      const [titleBox, shareBox] = [await heading.boundingBox(), await share.boundingBox()];
      expect(titleBox?.width).toBeGreaterThan(300);
      expect(shareBox?.y).toBeGreaterThan((titleBox?.y ?? 0) + (titleBox?.height ?? 0) - 1);
      await shot(page, "asset-phone-en", false);
      expect(problems).toEqual([]);
      await context.close();
    },
    120_000,
  );

  it.skipIf(skip)(
    title("a ja-JP browser gets the library, asset and upload pages in Japanese"),
    async () => {
      expect(assetUrl, "the upload test ran first").not.toBe("");
      const rep = await signIn("rep", "ja-JP");
      await rep.page.goto(`${server.url}/library?q=${encodeURIComponent(JA_QUERY)}`);
      await rep.page.getByRole("heading", { name: "ライブラリ" }).waitFor();
      if (japaneseFont) await rep.page.getByRole("link", { name: assetTitle }).waitFor({ timeout: 15_000 });
      await shot(rep.page, "library-ja");
      await rep.page.goto(`${server.url}${assetUrl}`);
      await rep.page.getByRole("button", { name: "共有リンクを作成" }).waitFor();
      await expectPaintedPdf(rep.page);
      await shot(rep.page, "asset-ja");
      await rep.page.goto(`${server.url}/library/find`);
      await rep.page.getByRole("heading", { name: "メールに合うコンテンツを探す" }).waitFor();
      await rep.page.getByLabel("メールまたはメッセージ").fill("価格交渉について資料はありますか？");
      await rep.page.getByRole("button", { name: "コンテンツを探す" }).click();
      if (japaneseFont) await rep.page.getByRole("link", { name: assetTitle }).waitFor({ timeout: 15_000 });
      await rep.page.locator("button[type=submit]:not([data-loading])").waitFor();
      await shot(rep.page, "find-ja");
      expect(rep.problems).toEqual([]);
      await rep.context.close();

      const marketer = await signIn("marketer", "ja-JP");
      await marketer.page.goto(`${server.url}/library/upload`);
      await marketer.page.getByRole("heading", { name: "コンテンツのアップロード" }).waitFor();
      await shot(marketer.page, "upload-ja");
      expect(marketer.problems).toEqual([]);
      await marketer.context.close();
    },
    120_000,
  );
});
