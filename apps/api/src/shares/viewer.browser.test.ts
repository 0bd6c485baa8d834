/// <reference lib="dom" />
import { existsSync } from "node:fs";
import { eq } from "drizzle-orm";
import { PDFDocument, rgb, StandardFonts } from "pdf-lib";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath, testChromiumArgs } from "../../testing/chromium";
import { BROWSER_UA, makeAsset, makeDeal } from "../../testing/deal-factories";
import { makeUser, uploadFile } from "../../testing/factories";
import { loginToken, startTestServer, type TestServer } from "../../testing/server";
import { libreOffice } from "../../testing/system-tools";
import { makePptx } from "../../testing/test-files";
import { assetDealTouches, events } from "../db/schema";

const executablePath = chromiumPath;
const hasBrowser = existsSync(executablePath);
// under CI a missing browser must fail the run, not skip it
const skip = !hasBrowser && process.env.CI !== "true";
const title = (name: string) =>
  skip ? `${name} (skipped: no Chromium at ${executablePath}; set CHROMIUM_PATH)` : name;

let server: TestServer;
let browser: Browser | undefined;

async function makePdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let i = 1; i <= pages; i += 1) {
    const page = doc.addPage([600, 800]);
    page.drawRectangle({
      x: 40,
      y: 40,
      width: 520,
      height: 720,
      borderColor: rgb(0.2, 0.3, 0.8),
      borderWidth: 6,
    });
    page.drawText(`Page ${i} of ${pages}`, { x: 80, y: 600, size: 48, font, color: rgb(0.1, 0.1, 0.1) });
  }
  return Buffer.from(await doc.save());
}

beforeAll(async () => {
  if (skip) return;
  // LibreOffice when the machine has it, for the Office deck below
  server = await startTestServer(libreOffice.skip ? {} : { SOFFICE_PATH: libreOffice.path });
  browser = await chromium.launch({
    executablePath,
    args: testChromiumArgs,
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("public viewer in Chromium", () => {
  it.skipIf(skip)(
    title(
      "renders a multi-page PDF with pdf.js under the strict CSP and reports opens and per-page active time",
    ),
    async () => {
      const { db } = server.deps.database;
      const user = await makeUser(db, { role: "rep", name: "Browser Rep" });
      const token = await loginToken(server, user.email, user.password);
      const asset = await makeAsset(db, server.deps.storage, {
        title: "Three page deck",
        file: { data: await makePdf(3), kind: "pdf", fileName: "deck.pdf", pageCount: 3 },
      });
      const deal = await makeDeal(db, { ownerId: user.id });
      const share = await server
        .client({ token })
        .shares.create.mutate({ assetId: asset.assetId, dealId: deal.id });

      if (!browser) throw new Error("no browser");
      const context = await browser.newContext({
        userAgent: BROWSER_UA,
        viewport: { width: 1000, height: 800 },
      });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(m.text());
      });
      page.on("pageerror", (e) => problems.push(e.message));
      page.on("response", (r) => {
        if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
      });
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) =>
          console.error(`CSP: ${e.violatedDirective} ${e.blockedURI}`),
        );
      });

      const { pathname } = new URL(share.url);
      const started = Date.now();
      await page.goto(`${server.url}${pathname}?flush=300`);
      await page.waitForSelector('body[data-pages="3"]', { timeout: 20_000 });
      await page.waitForSelector('.page[data-page="1"][data-rendered="true"]', { timeout: 20_000 });
      // the canvas really holds the drawn page, not a blank
      const inked = await page.evaluate(() => {
        const canvas = document.querySelector<HTMLCanvasElement>('.page[data-page="1"] canvas');
        const ctx = canvas?.getContext("2d");
        if (!canvas || !ctx) return 0;
        const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) dark += 1;
        return dark;
      });
      expect(inked).toBeGreaterThan(1000);
      expect(await page.textContent("#page-count")).toBe("3");

      const read = async (ms: number) => {
        const until = Date.now() + ms;
        let x = 100;
        while (Date.now() < until) {
          x = x === 100 ? 300 : 100;
          await page.mouse.move(x, 300);
          await page.waitForTimeout(100);
        }
      };
      await read(1500);
      await page.evaluate(() =>
        document.querySelector('[data-page="3"]')?.scrollIntoView({ block: "start" }),
      );
      await page.waitForFunction(() => document.getElementById("page-now")?.textContent === "3");
      await read(1500);

      const pageTime = async () => {
        const rows = await db.select().from(events).where(eq(events.shareId, share.id));
        const perPage = new Map<number, number>();
        for (const e of rows.filter((r) => r.type === "prospect_page")) {
          const n = Number(e.props.page);
          perPage.set(n, (perPage.get(n) ?? 0) + Number(e.props.activeMs));
        }
        return { rows, perPage };
      };
      await expect
        .poll(
          async () => {
            const { perPage } = await pageTime();
            return (perPage.get(1) ?? 0) > 500 && (perPage.get(3) ?? 0) > 500;
          },
          { timeout: 10_000 },
        )
        .toBe(true);
      const { rows, perPage } = await pageTime();
      expect(rows.filter((r) => r.type === "prospect_opened")).toHaveLength(1);
      expect([...perPage.keys()].every((n) => n >= 1 && n <= 3)).toBe(true);
      // never more than the wall-clock time the page was open
      expect([...perPage.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(Date.now() - started);
      for (const r of rows.filter((e) => e.surface === "viewer")) {
        expect(r).toMatchObject({ assetId: asset.assetId, dealId: deal.id, userId: null });
      }
      const [touch] = await db.select().from(assetDealTouches).where(eq(assetDealTouches.dealId, deal.id));
      expect(touch?.count).toBe(rows.length);
      const notes = await server.client({ token }).notifications.list.query();
      expect(notes.items.map((n) => n.payload.assetTitle)).toEqual(["Three page deck"]);

      // leaving the tab flushes what is pending
      const before = (await pageTime()).rows.length;
      await read(600);
      await page.close({ runBeforeUnload: true });
      await expect
        .poll(async () => (await pageTime()).rows.length, { timeout: 5000 })
        .toBeGreaterThan(before);
      expect(problems).toEqual([]);
      await context.close();
    },
    60_000,
  );

  it.skipIf(skip)(
    title("stops counting when the reader is idle and starts again on input"),
    async () => {
      const { db } = server.deps.database;
      const user = await makeUser(db, { role: "rep" });
      const token = await loginToken(server, user.email, user.password);
      const asset = await makeAsset(db, server.deps.storage, {
        title: "Idle deck",
        file: { data: await makePdf(1), kind: "pdf", fileName: "idle.pdf", pageCount: 1 },
      });
      const share = await server.client({ token }).shares.create.mutate({ assetId: asset.assetId });
      if (!browser) throw new Error("no browser");
      const context = await browser.newContext({ userAgent: BROWSER_UA });
      const page = await context.newPage();
      const activeMs = async () => {
        const rows = await db.select().from(events).where(eq(events.shareId, share.id));
        return rows
          .filter((r) => r.type === "prospect_page")
          .reduce((sum, r) => sum + Number(r.props.activeMs), 0);
      };
      // idle after 1 s without input; flush every 200 ms
      await page.goto(`${server.url}${new URL(share.url).pathname}?flush=200&idle=1000`);
      await page.waitForSelector('.page[data-rendered="true"]', { timeout: 20_000 });
      await page.waitForTimeout(2500);
      const idle = await activeMs();
      expect(idle).toBeGreaterThan(0);
      expect(idle).toBeLessThanOrEqual(1600);
      await page.waitForTimeout(1000);
      expect(await activeMs()).toBe(idle);
      for (let i = 0; i < 10; i += 1) {
        await page.mouse.move(50 + i * 20, 200);
        await page.waitForTimeout(100);
      }
      await expect.poll(activeMs, { timeout: 5000 }).toBeGreaterThan(idle + 500);
      await context.close();
    },
    60_000,
  );
  it.skipIf(skip || libreOffice.skip)(
    libreOffice.skip
      ? libreOffice.title("a shared PPTX reads as pages on a phone")
      : title(
          "a shared PPTX reads as pages on a phone: the title wraps, page 2's time counts, and no request returns the original",
        ),
    async () => {
      const { db } = server.deps.database;
      const marketer = await makeUser(db, { role: "marketer" });
      const marketerToken = await loginToken(server, marketer.email, marketer.password);
      const rep = await makeUser(db, { role: "rep" });
      const repToken = await loginToken(server, rep.email, rep.password);
      const title =
        "Northwind Analytics: the executive business case for a governed metrics layer, FY2027 edition";
      const up = await uploadFile(
        server.url,
        { token: marketerToken },
        {
          name: "business-case.pptx",
          data: await makePptx([
            { text: "Why now" },
            { text: "What changes in the first ninety days", notes: "Do not promise the March date" },
            { text: "What it costs" },
            { text: "Who has done it" },
            { text: "Risks" },
            { text: "Next steps" },
          ]),
          meta: { title },
        },
      );
      await server.settle();
      const assetId = up.body.assetId ?? "";
      await server
        .client({ token: marketerToken })
        .assets.setStatus.mutate({ id: assetId, status: "published" });
      const share = await server.client({ token: repToken }).shares.create.mutate({ assetId });

      if (!browser) throw new Error("no browser");
      const context = await browser.newContext({
        userAgent: BROWSER_UA,
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      });
      const page = await context.newPage();
      const served: string[] = [];
      page.on("response", async (r) => {
        const type = r.headers()["content-type"] ?? "";
        const body = await r.body().catch(() => Buffer.alloc(0));
        // an Office original is a zip: PK\x03\x04
        if (
          /officedocument|msword|ms-powerpoint/.test(type) ||
          body.subarray(0, 4).toString("latin1") === "PK\x03\x04"
        ) {
          served.push(`${r.url()} ${type}`);
        }
      });
      await page.goto(`${server.url}/s/${share.token}?flush=300`);
      await page.waitForSelector('body[data-pages="6"]', { timeout: 20_000 });
      await page.waitForSelector('.page[data-page="1"][data-rendered="true"]', { timeout: 20_000 });
      const layout = await page.evaluate(() => {
        const h1 = document.querySelector("h1");
        return {
          scrollWidth: document.documentElement.scrollWidth,
          titleLines: h1
            ? Math.round(
                h1.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(h1).lineHeight),
              )
            : 0,
          titleOverflows: h1 ? h1.scrollWidth > h1.clientWidth : true,
        };
      });
      expect(layout.scrollWidth).toBeLessThanOrEqual(390);
      expect(layout.titleOverflows).toBe(false);
      expect(layout.titleLines).toBeGreaterThan(1);

      // a reader starts on the cover, even with several slides on the screen
      expect(await page.textContent("#page-now")).toBe("1");
      expect(await page.textContent("#pager")).toMatch(/^Slide 1 of 6/);
      // the reader flicks down a little at a time until slide 2 is the one being read
      for (let step = 0; step < 30 && (await page.textContent("#page-now")) !== "2"; step += 1) {
        await page.mouse.wheel(0, 40);
        await page.waitForTimeout(50);
      }
      expect(await page.textContent("#page-now")).toBe("2");
      for (let i = 0; i < 15; i += 1) {
        await page.touchscreen.tap(200, 400 + (i % 2) * 10);
        await page.waitForTimeout(100);
      }
      await expect
        .poll(
          async () => {
            const rows = await db.select().from(events).where(eq(events.shareId, share.id));
            return rows
              .filter((r) => r.type === "prospect_page" && Number(r.props.page) === 2)
              .reduce((sum, r) => sum + Number(r.props.activeMs), 0);
          },
          { timeout: 10_000 },
        )
        .toBeGreaterThan(500);
      expect((await fetch(`${server.url}/s/${share.token}/file?download=1`)).status).toBe(403);
      expect(served).toEqual([]);
      await context.close();
    },
    90_000,
  );
});
