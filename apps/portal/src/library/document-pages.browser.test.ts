// @vitest-environment node
/// <reference lib="dom" />

import path from "node:path";
import { loginToken, makeUser, type TestServer, uploadFile } from "@pitchside/api/testing";
import { PDFDocument, rgb, StandardFonts } from "pdf-lib";
import type { Browser } from "playwright-core";
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

/** A word only on page 3 of the deck, so the search hit is that page. */
const WORD = "Quetzalcoatlus";
const DECK = "Three-page pricing deck";
const CARD = "Imported Acme battle card";

let server: TestServer;
let stop: () => Promise<void>;
let browser: Browser | undefined;
const rep = { email: "", password: "" };
const ids = { deck: "", card: "" };

async function threePagePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.HelveticaBold);
  const lines = ["Why teams switch", "What it costs", `${WORD} saved 40% on licences`];
  for (const [index, line] of lines.entries()) {
    const page = doc.addPage([842, 595]); // landscape, as slides are
    page.drawRectangle({
      x: 30,
      y: 30,
      width: 782,
      height: 535,
      borderColor: rgb(0.2, 0.3, 0.8),
      borderWidth: 6,
    });
    page.drawText(`${index + 1}. ${line}`, { x: 80, y: 300, size: 32, font });
  }
  return Buffer.from(await doc.save());
}

beforeAll(async () => {
  if (skipBrowser) return;
  ({ server, stop } = await startPortalServer());
  const { db } = server.deps.database;
  const marketer = await makeUser(db, { role: "marketer" });
  const reader = await makeUser(db, { role: "rep" });
  Object.assign(rep, { email: reader.email, password: reader.password });
  const token = await loginToken(server, marketer.email, marketer.password);
  const deck = await uploadFile(
    server.url,
    { token },
    { name: "deck.pdf", data: await threePagePdf(), meta: { title: DECK } },
  );
  // an imported Markdown file is stored as text/markdown with a charset, unlike an authored one
  const card = await uploadFile(
    server.url,
    { token },
    {
      name: "acme.md",
      data: "# Beat Acme on onboarding\n\n- Lead with **time to value**\n",
      meta: { title: CARD },
    },
  );
  ids.deck = deck.body.assetId ?? "";
  ids.card = card.body.assetId ?? "";
  const api = server.client({ token });
  for (const id of Object.values(ids)) await api.assets.setStatus.mutate({ id, status: "published" });
  await server.settle(); // text, pages and their pictures, then the index
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stop?.();
});

describe.skipIf(skipBrowser)("document pages in Chromium", { timeout: 90_000 }, () => {
  it(browserTitle("opens a search hit at its page, with the page strip following"), async () => {
    if (!browser) throw new Error("no browser");
    const context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    await signIn(page, server.url, rep);

    await page.goto(`${server.url}/library?q=${WORD}`);
    const hit = page.getByRole("link", { name: DECK });
    await hit.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("hit-page").textContent()).toBe("p. 3");
    expect(await hit.getAttribute("href")).toBe(`/library/assets/${ids.deck}?page=3`);
    await hit.click();

    // page 3 is drawn, in view in the viewer, and marked in the strip
    const viewer = page.getByRole("region", { name: "Document pages" });
    await page.locator('[data-page="3"] canvas').waitFor({ timeout: 30_000 });
    const inView = async (n: number) => {
      const [box, slot] = await Promise.all([
        viewer.boundingBox(),
        page.locator(`[data-page="${n}"]`).boundingBox(),
      ]);
      return !!box && !!slot && slot.y >= box.y - 1 && slot.y < box.y + box.height / 2;
    };
    expect(await inView(3)).toBe(true);
    const thumb = (n: number) => page.getByRole("button", { name: `Go to page ${n}` });
    expect(await thumb(3).getAttribute("aria-current")).toBe("page");
    await expect
      .poll(() =>
        thumb(1)
          .locator("img")
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBe(240);
    await page.screenshot({ path: path.join(artifactsDir, "asset-pages-en.png") });

    // a click, then the keyboard, move the viewer and the mark
    await thumb(1).click();
    await expect.poll(() => inView(1)).toBe(true);
    expect(await thumb(1).getAttribute("aria-current")).toBe("page");
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => inView(2)).toBe(true);
    expect(await thumb(2).getAttribute("aria-current")).toBe("page");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      "Go to page 2",
    );

    // reps read imported Markdown too
    await page.goto(`${server.url}/library/assets/${ids.card}`);
    await page.getByRole("heading", { name: "Beat Acme on onboarding" }).waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
    await context.close();
  });
});
