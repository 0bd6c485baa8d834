// @vitest-environment node
/// <reference lib="dom" />
import path from "node:path";
import {
  BROWSER_UA,
  loginToken,
  makeAsset,
  makeDeal,
  makeUser,
  type TestServer,
} from "@pitchside/api/testing";
import type { Browser, Page, Response } from "playwright-core";
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
let marketerToken = "";
/** Beacons and the bell's count arrive over the network: give them a moment. */
const POLL = { timeout: 10_000, interval: 200 };

/** What each run types and reads, in its language; the searched word is each title's last. */
const runs = {
  en: {
    locale: "en-US",
    deal: { name: "Harbor Steel renewal", account: "Harbor Steel" },
    titles: ["Harbor story Alder", "Harbor story Birch", "Harbor story Cedar"],
    room: "Harbor pack",
    note: "Kim, the three stories we discussed.",
    ui: {
      myLinks: "My links",
      empty: "You haven't shared anything yet",
      newRoom: "New deal room",
      assets: "Assets",
      add: (title: string) => `Add ${title} to the deal room`,
      dealLabel: "Deal",
      recipient: "Recipient email",
      name: "Name",
      note: "Personal note",
      create: "Create deal room",
      link: "Deal room link",
      done: "Done",
      bell: /^Notifications, (\d+) unread$/,
      opened: (title: string) => `kim@harbor.example opened “${title}”`,
      roomsTable: "Deal rooms",
      twoOfThree: "2 of 3 assets",
      revoke: (name: string) => `Revoke the link to ${name}`,
      confirmTitle: "Revoke this deal room?",
      confirm: "Revoke",
      revoked: "Revoked",
    },
  },
  ja: {
    locale: "ja-JP",
    deal: { name: "北斗物産 更新", account: "北斗物産" },
    titles: ["導入事例 カエデ", "導入事例 サクラ", "導入事例 ケヤキ"],
    room: "北斗物産 提案資料",
    note: "先日お話しした 3 つの事例です。",
    ui: {
      myLinks: "共有リンク",
      empty: "まだ何も共有していません",
      newRoom: "新しいディールルーム",
      assets: "コンテンツ",
      add: (title: string) => `${title} をディールルームに追加`,
      dealLabel: "商談",
      recipient: "送信先メールアドレス",
      name: "名前",
      note: "メッセージ",
      create: "ディールルームを作成",
      link: "ディールルームのリンク",
      done: "完了",
      bell: /^通知、未読 (\d+) 件$/,
      opened: (title: string) => `kim@harbor.example が「${title}」を開きました`,
      roomsTable: "ディールルーム",
      twoOfThree: "3 件中 2 件",
      revoke: (name: string) => `${name} へのリンクを取り消す`,
      confirmTitle: "このディールルームを取り消しますか?",
      confirm: "取り消す",
      revoked: "取り消し済み",
    },
  },
} as const;
type Lang = keyof typeof runs;

const reps: Record<Lang, { id: string; email: string; password: string; token: string }> = {
  en: { id: "", email: "", password: "", token: "" },
  ja: { id: "", email: "", password: "", token: "" },
};
const dealIds: Record<Lang, string> = { en: "", ja: "" };

beforeAll(async () => {
  if (skipBrowser) return;
  ({ server, stop } = await startPortalServer());
  const { db } = server.deps.database;
  const marketer = await makeUser(db, { role: "marketer" });
  marketerToken = await loginToken(server, marketer.email, marketer.password);
  for (const lang of Object.keys(runs) as Lang[]) {
    const run = runs[lang];
    const rep = await makeUser(db, { role: "rep" });
    reps[lang] = { ...rep, token: await loginToken(server, rep.email, rep.password) };
    dealIds[lang] = (
      await makeDeal(db, { ownerId: rep.id, name: run.deal.name, accountName: run.deal.account })
    ).id;
    // published, for buyers, readable in the viewer (Markdown)
    for (const title of run.titles) {
      await makeAsset(db, server.deps.storage, {
        title,
        file: { data: `# ${title}\n\nHow it went.\n`, kind: "markdown", fileName: "story.md" },
      });
    }
  }
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stop?.();
});

/**
 * Resolves once `count` beacons of the link at `href` (/s/<token>) were answered. The viewer flushes
 * reading time every 5 s; a flush from a page being left (pagehide) never reached the server in
 * headless Chromium, so the test waits for a timed one.
 */
function beaconsAnswered(page: Page, href: string, count: number): Promise<void> {
  const url = `/api/v/${href.replace(/^\/s\//, "")}/events`;
  return new Promise((resolve) => {
    let seen = 0;
    const onResponse = (response: Response) => {
      if (!response.url().endsWith(url) || response.status() !== 204) return;
      seen += 1;
      if (seen < count) return;
      page.off("response", onResponse);
      resolve();
    };
    page.on("response", onResponse);
  });
}

/** The number in the bell's accessible name ("Notifications, 3 unread"), 0 when it names none. */
async function unreadInBell(page: Page, pattern: RegExp): Promise<number> {
  const bell = page.locator("header").getByRole("button", { name: pattern });
  if ((await bell.count()) === 0) return 0;
  return Number(pattern.exec((await bell.getAttribute("aria-label")) ?? "")?.[1] ?? 0);
}

describe.skipIf(skipBrowser)("the rep's follow-up loop in Chromium", { timeout: 120_000 }, () => {
  it.each(Object.keys(runs) as Lang[])(
    browserTitle(
      "a deal room goes out, a prospect reads two of its assets, the rep is told and sees it (%s)",
    ),
    async (lang) => {
      if (!browser) throw new Error("no browser");
      const run = runs[lang];
      const ui = run.ui;
      const rep = reps[lang];

      // the rep makes a deal room of three assets for the deal, from My links
      const repContext = await browser.newContext({
        locale: run.locale,
        viewport: { width: 1280, height: 900 },
      });
      const page = await repContext.newPage();
      const errors = collectConsoleErrors(page);
      await signIn(page, server.url, rep);
      await page.getByRole("navigation").getByRole("link", { name: ui.myLinks }).click();
      await page.getByText(ui.empty).waitFor();
      await page.getByRole("button", { name: ui.newRoom }).first().click(); // the header's (the empty state offers one too)
      const dialog = page.getByRole("dialog", { name: ui.newRoom });
      for (const title of run.titles) {
        await dialog.getByRole("searchbox", { name: ui.assets }).fill(title.split(" ").pop() ?? "");
        await dialog.getByRole("button", { name: ui.add(title) }).click();
      }
      await dialog.getByLabel(ui.dealLabel, { exact: true }).fill(run.deal.name);
      await page.getByRole("option", { name: new RegExp(run.deal.name) }).click();
      await dialog.getByLabel(ui.recipient).fill("kim@harbor.example");
      await dialog.getByLabel(ui.name, { exact: true }).fill(run.room);
      await dialog.getByLabel(ui.note).fill(run.note);
      await dialog.getByRole("button", { name: ui.create }).click();
      const roomUrl = await dialog.getByRole("textbox", { name: ui.link }).inputValue();
      const token = /\/s\/([A-Za-z0-9_-]{22,})$/.exec(roomUrl)?.[1] ?? "";
      expect(token).not.toBe("");
      await dialog.getByRole("button", { name: ui.done }).click();
      const api = server.client({ token: rep.token });
      const [made] = await api.rooms.list.query({ mine: true });
      expect(made).toMatchObject({ name: run.room, note: run.note, dealId: dealIds[lang], state: "active" });
      expect(made?.items.map((i) => i.assetTitle)).toEqual(run.titles);

      // a prospect, in a browser of their own, opens the room and reads two of its assets
      const prospectContext = await browser.newContext({ locale: run.locale, userAgent: BROWSER_UA });
      const prospect = await prospectContext.newPage();
      const roomPage = `${server.url}/s/${token}`;
      expect((await prospect.goto(roomPage))?.status()).toBe(200);
      await prospect.getByRole("heading", { name: run.room }).waitFor();
      await prospect.getByText(run.note).waitFor();
      expect(await prospect.locator("li.item").count()).toBe(3);
      for (const title of run.titles.slice(0, 2)) {
        const link = prospect.locator("li.item").filter({ hasText: title }).getByRole("link");
        const beacons = beaconsAnswered(prospect, (await link.getAttribute("href")) ?? "", 2);
        await link.click();
        await prospect.locator("article.doc").getByRole("heading", { name: title }).waitFor();
        await prospect.mouse.move(200, 300); // a reader, not an idle tab
        await beacons; // the open, then the first flush of reading time
        await prospect.locator("a.back").click();
        await prospect.getByRole("heading", { name: run.room }).waitFor();
      }
      await expect
        .poll(async () => {
          const [room] = await api.rooms.list.query({ mine: true });
          return room && { opened: room.assetsOpened, opens: room.opens, read: room.activeMs > 0 };
        }, POLL)
        .toEqual({ opened: 2, opens: 2, read: true });

      // the rep's bell counts the news and lists the open; My links shows the room's reading
      await page.goto(`${server.url}/links`);
      await expect.poll(() => unreadInBell(page, ui.bell), POLL).toBeGreaterThanOrEqual(3);
      const rooms = page.getByRole("table", { name: ui.roomsTable });
      const row = rooms.getByTestId("room-row").filter({ hasText: run.room });
      expect(await row.getByTestId("room-opened").textContent()).toBe(ui.twoOfThree);
      expect(await row.getByTestId("room-opens").textContent()).toBe("2");
      expect(await row.textContent()).toContain(run.deal.name);
      expect(await row.textContent()).toContain("kim@harbor.example");
      await page.screenshot({ path: path.join(artifactsDir, `rep-loop-links-${lang}.png`) });
      const before = await unreadInBell(page, ui.bell);
      await page.locator("header").getByRole("button", { name: ui.bell }).click();
      const news = page.getByRole("menuitem").filter({ hasText: ui.opened(run.titles[0] ?? "") });
      await news.waitFor();
      // the menu fades in: the picture shows it settled
      await page.screenshot({
        path: path.join(artifactsDir, `rep-loop-bell-${lang}.png`),
        animations: "disabled",
      });
      // opening it marks it read and leads to the room, with each asset's opens
      await news.click();
      await page.waitForURL(`**/links/rooms/${made?.id}`);
      await page.getByRole("heading", { level: 1, name: run.room }).waitFor();
      await expect.poll(() => unreadInBell(page, ui.bell), POLL).toBe(before - 1);
      expect(await page.getByTestId("item-opens").allTextContents()).toEqual(["1", "1", "0"]);
      await page.screenshot({ path: path.join(artifactsDir, `rep-loop-room-${lang}.png`) });

      // the opens are touches on the deal, as single links' are
      const timeline = await server.client({ token: marketerToken }).analytics.dealTimeline.query({
        dealId: dealIds[lang],
      });
      const opened = timeline.entries.filter((e) => e.type === "prospect_opened").map((e) => e.assetTitle);
      expect(opened.sort()).toEqual(run.titles.slice(0, 2).sort());

      // revoking ends the room for the prospect at once
      await page.getByRole("button", { name: ui.revoke(run.room) }).click();
      await page
        .getByRole("dialog", { name: ui.confirmTitle })
        .getByRole("button", { name: ui.confirm })
        .click();
      await page.getByText(ui.revoked, { exact: true }).waitFor();
      expect((await prospect.goto(roomPage))?.status()).toBe(410);
      expect(errors).toEqual([]);
      await prospectContext.close();
      await repContext.close();
    },
  );
});
