// @vitest-environment node
/// <reference lib="dom" />
import path from "node:path";
import { loginToken, makeUser, type TestServer, uploadFile } from "@pitchside/api/testing";
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
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

const GUIDE = "Pricing guide";
const CARD = "Beat Globex battle card";

let server: TestServer;
let stop: () => Promise<void>;
let browser: Browser | undefined;
type Person = { email: string; password: string; token: string };
const people: Record<"admin" | "marketer" | "reviewer" | "rep", Person> = {
  admin: { email: "", password: "", token: "" },
  marketer: { email: "", password: "", token: "" },
  reviewer: { email: "", password: "", token: "" },
  rep: { email: "", password: "", token: "" },
};
const ids = { guide: "", card: "" };

/** A PDF whose page n reads lines[n-1]. */
async function pdfOf(lines: string[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.HelveticaBold);
  for (const line of lines) doc.addPage([595, 842]).drawText(line, { x: 60, y: 700, size: 28, font });
  return Buffer.from(await doc.save());
}

/** A new version through POST /api/uploads, as the edit page sends it (with its change note). */
async function uploadVersion(token: string, assetId: string, data: Buffer, changeNote: string) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(data)]), "pricing.pdf");
  form.append("assetId", assetId);
  form.append("changeNote", changeNote);
  const res = await fetch(`${server.url}/api/uploads`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { versionId: string; awaitingReview: boolean };
}

beforeAll(async () => {
  if (skipBrowser) return;
  ({ server, stop } = await startPortalServer());
  const { db } = server.deps.database;
  for (const role of ["admin", "marketer", "reviewer", "rep"] as const) {
    const made = await makeUser(db, { role: role === "reviewer" ? "marketer" : role });
    people[role] = {
      email: made.email,
      password: made.password,
      token: await loginToken(server, made.email, made.password),
    };
  }
  await server.client({ token: people.admin.token }).taxonomy.upsert.mutate({
    terms: [
      { kind: "stage", key: "discovery", label: { en: "Discovery", ja: "ヒアリング" }, order: 1 },
      { kind: "stage", key: "proposal", label: { en: "Proposal", ja: "提案" }, order: 2 },
    ],
  });
  const marketer = server.client({ token: people.marketer.token });
  const guide = await uploadFile(
    server.url,
    { token: people.marketer.token },
    {
      name: "pricing.pdf",
      data: await pdfOf(["Pricing overview", "Plan A costs 100"]),
      meta: { title: GUIDE, type: "one_pager" },
    },
  );
  ids.guide = guide.body.assetId ?? "";
  await marketer.assets.setStatus.mutate({ id: ids.guide, status: "published" });
  // a battle card is internal unless someone says otherwise
  const card = await marketer.assets.createLink.mutate({
    url: "https://example.com/globex",
    meta: { title: CARD, type: "battle_card" },
  });
  ids.card = card.assetId;
  await marketer.assets.setStatus.mutate({ id: ids.card, status: "published" });
  // deals named the way CRMs name them: the account is already in the name
  const rep = server.client({ token: people.rep.token });
  await rep.deals.create.mutate({ name: "Acme renewal", accountName: "Acme", stage: "proposal" });
  const won = await rep.deals.create.mutate({
    name: "Umbrella rollout",
    accountName: "Umbrella",
    stage: "proposal",
  });
  await rep.deals.update.mutate({ id: won.id, patch: { stage: "closed_won", status: "won" } });
  await server.settle();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stop?.();
});

async function newPage(locale: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  if (!browser) throw new Error("no browser");
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  return { context, page, errors: collectConsoleErrors(page) };
}

/** Opens a Mantine Select and picks the option whose text starts with `option`. */
async function pick(page: Page, field: Locator, option: string | RegExp) {
  await field.click();
  await page.getByRole("option", { name: option }).click();
}

interface LinkControls {
  texts: {
    open: string;
    deal: string;
    newDeal: string;
    dealName: string;
    account: string;
    stage: string;
    createDeal: string;
    recipient: string;
    name: string;
    expiry: string;
    download: RegExp;
    requireEmail: RegExp;
    note: string;
    passcode: string;
    pinned: RegExp;
    create: string;
    link: string;
    done: string;
  };
  deal: { name: string; account: string; stage: string; shown: string; details: string };
  recipient: string;
  linkName: string;
  passcode: string;
  allowDownload: boolean;
  screenshot: string;
}

/** Fills every control of the share dialog, creating its deal inline, and returns the link. */
async function shareWithEveryControl(page: Page, c: LinkControls): Promise<string> {
  const { texts } = c;
  const dialog = page.getByRole("dialog");
  if (!(await dialog.isVisible())) await page.getByRole("button", { name: texts.open }).click();
  await dialog.getByRole("button", { name: texts.newDeal }).click();
  const newDeal = dialog.getByRole("group");
  await newDeal.getByLabel(texts.dealName).fill(c.deal.name);
  await newDeal.getByLabel(texts.account).fill(c.deal.account);
  await pick(page, newDeal.getByRole("combobox", { name: texts.stage }), c.deal.stage);
  await newDeal.getByRole("button", { name: texts.createDeal }).click();
  const deal = dialog.getByRole("combobox", { name: texts.deal, exact: true });
  await expect.poll(() => deal.inputValue()).toBe(c.deal.shown);
  expect(await dialog.getByTestId("deal-details").textContent()).toBe(c.deal.details);

  await dialog.getByLabel(texts.recipient).fill(c.recipient);
  await dialog.getByLabel(texts.name, { exact: true }).fill(c.linkName);
  await dialog.getByLabel(texts.expiry).fill("2099-12-31");
  const download = dialog.getByRole("switch", { name: texts.download });
  expect(await download.isChecked()).toBe(false);
  if (c.allowDownload) await download.check({ force: true });
  await dialog.getByRole("switch", { name: texts.requireEmail }).check({ force: true });
  await dialog.getByText(texts.note, { exact: true }).waitFor();
  await dialog.getByLabel(texts.passcode, { exact: true }).fill(c.passcode);
  await dialog.getByRole("radio", { name: texts.pinned }).check({ force: true });
  await page.screenshot({ path: path.join(artifactsDir, c.screenshot) });
  await dialog.getByRole("button", { name: texts.create }).click();
  const link = dialog.getByRole("textbox", { name: texts.link });
  await link.waitFor();
  const url = await link.inputValue();
  expect(url).toMatch(/\/s\/[A-Za-z0-9_-]+$/);
  await dialog.getByRole("button", { name: texts.done }).click();
  return url;
}

/** The prospect's side: the gate asks for an email and the passcode, then the document shows. */
async function unlock(
  page: Page,
  url: string,
  labels: { email: string; passcode: string },
  passcode: string,
) {
  // links are made on the configured public address; the test server listens on its own port
  await page.goto(`${server.url}${new URL(url).pathname}`);
  await page.getByLabel(labels.email).fill("buyer@example.com");
  await page.getByLabel(labels.passcode).fill(passcode);
  await page.locator("form.gate button[type=submit]").click();
  await page.locator("#pages canvas").first().waitFor({ timeout: 30_000 });
  return (await page.locator("#page-count").textContent()) ?? "";
}

describe.skipIf(skipBrowser)("sharing in Chromium", { timeout: 150_000 }, () => {
  it(
    browserTitle("a rep sets every link control in English and Japanese, and the buyer unlocks the document"),
    async () => {
      const { context, page, errors } = await newPage("en-US");
      await signIn(page, server.url, people.rep);

      // the internal battle card: readable, never sendable
      await page.goto(`${server.url}/library/assets/${ids.card}`);
      await page.getByRole("heading", { level: 1, name: CARD }).waitFor();
      await page.getByText("Internal — not for sending", { exact: true }).waitFor();
      expect(await page.getByRole("button", { name: "Create share link" }).count()).toBe(0);

      await page.goto(`${server.url}/library/assets/${ids.guide}`);
      await page.getByRole("heading", { level: 1, name: GUIDE }).waitFor();
      // the deal picker: each name once, open deals first, stage and status beside each
      await page.getByRole("button", { name: "Create share link" }).click();
      const dealField = page.getByRole("dialog").getByRole("combobox", { name: "Deal", exact: true });
      await dealField.click();
      const options = page.getByRole("option");
      await options.first().waitFor();
      expect(await options.allTextContents()).toEqual(["Acme renewalProposal · Open", "Umbrella rolloutWon"]);
      await page.screenshot({ path: path.join(artifactsDir, "share-deal-picker-en.png") });
      await page.keyboard.press("Escape");

      const english = await shareWithEveryControl(page, {
        texts: {
          open: "Create share link",
          deal: "Deal",
          newDeal: "New deal…",
          dealName: "Deal name",
          account: "Account",
          stage: "Stage",
          createDeal: "Create deal",
          recipient: "Recipient email",
          name: "Link name",
          expiry: "Expires after",
          download: /^Allow download/,
          requireEmail: /^Require email before viewing/,
          note: "The address is not verified",
          passcode: "Passcode",
          pinned: /^This version only \(v1\)/,
          create: "Create link",
          link: "Share link",
          done: "Done",
        },
        deal: {
          name: "Globex pilot",
          account: "Globex",
          stage: "Discovery",
          shown: "Globex pilot",
          details: "Discovery · Open",
        },
        recipient: "cfo@globex.test",
        linkName: "Globex pricing",
        passcode: "globex-2099",
        allowDownload: true,
        screenshot: "share-dialog-en.png",
      });

      // the same portal in Japanese: the language switch, then the same controls
      await page.getByRole("radiogroup", { name: "Language" }).getByText("日本語").click();
      await page.getByRole("button", { name: "共有リンクを作成" }).waitFor();
      const japanese = await shareWithEveryControl(page, {
        texts: {
          open: "共有リンクを作成",
          deal: "商談",
          newDeal: "新しい商談…",
          dealName: "商談名",
          account: "取引先",
          stage: "ステージ",
          createDeal: "商談を作成",
          recipient: "送信先メールアドレス",
          name: "リンク名",
          expiry: "有効期限",
          download: /^ダウンロードを許可/,
          requireEmail: /^閲覧前にメールアドレスを入力してもらう/,
          note: "メールアドレスは確認されません",
          passcode: "パスコード",
          pinned: /^このバージョンのみ（v1）/,
          create: "リンクを作成",
          link: "共有リンク",
          done: "完了",
        },
        deal: {
          name: "Initech 導入",
          account: "イニテック",
          stage: "ヒアリング",
          shown: "Initech 導入 — イニテック",
          details: "ヒアリング · 進行中",
        },
        recipient: "buyer@initech.test",
        linkName: "Initech 向け",
        passcode: "initech",
        allowDownload: false,
        screenshot: "share-dialog-ja.png",
      });
      await page.goto(`${server.url}/library/assets/${ids.card}`);
      await page.getByText("社内用 — 送付不可", { exact: true }).waitFor();
      expect(await page.getByRole("button", { name: "共有リンクを作成" }).count()).toBe(0);

      // both links carry what was set
      const links = await server
        .client({ token: people.rep.token })
        .shares.list.query({ assetId: ids.guide });
      const byUrl = new Map(links.map((l) => [l.url, l]));
      expect(byUrl.get(english)).toMatchObject({
        name: "Globex pricing",
        dealName: "Globex pilot",
        recipientEmail: "cfo@globex.test",
        allowDownload: true,
        requireEmail: true,
        hasPasscode: true,
        pinned: true,
      });
      expect(byUrl.get(japanese)).toMatchObject({
        name: "Initech 向け",
        dealName: "Initech 導入",
        recipientEmail: "buyer@initech.test",
        allowDownload: false,
        requireEmail: true,
        hasPasscode: true,
        pinned: true,
      });
      expect(new Date(byUrl.get(english)?.expiresAt ?? 0).getFullYear()).toBeGreaterThanOrEqual(2099);

      // the buyer, in the same browser: the gate, then the document, with its download
      const viewer = await context.newPage();
      expect(
        await unlock(viewer, english, { email: "Your email", passcode: "Passcode" }, "globex-2099"),
      ).toBe("2");
      expect(await viewer.locator("#download").count()).toBe(1);
      await viewer.screenshot({ path: path.join(artifactsDir, "share-viewer-en.png") });

      // a buyer in Japan reads the Japanese gate; no download on this link
      const jaBuyer = await newPage("ja-JP");
      expect(
        await unlock(jaBuyer.page, japanese, { email: "メールアドレス", passcode: "パスコード" }, "initech"),
      ).toBe("2");
      expect(await jaBuyer.page.locator("#download").count()).toBe(0);
      await jaBuyer.context.close();

      // pinned: a newer version goes live, and the link still shows the version it was made from
      await uploadVersion(
        people.marketer.token,
        ids.guide,
        await pdfOf(["Pricing overview", "Plan A costs 100", "Plan B costs 200"]),
        "Added plan B",
      );
      await server.settle();
      await viewer.reload();
      await viewer.locator("#pages canvas").first().waitFor({ timeout: 30_000 });
      expect(await viewer.locator("#page-count").textContent()).toBe("2");
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it(
    browserTitle(
      "with review required, a new version waits; its uploader cannot approve it, another marketer can",
    ),
    async () => {
      // the admin turns review on in Admin → Workspace
      const admin = await newPage("en-US");
      await signIn(admin.page, server.url, people.admin);
      await admin.page.goto(`${server.url}/admin/workspace`);
      const review = admin.page.getByRole("switch", {
        name: /^Require review for new versions of published assets/,
      });
      expect(await review.isChecked()).toBe(false);
      await review.check({ force: true });
      await admin.page.getByRole("button", { name: "Save settings" }).click();
      await admin.page.getByRole("status").getByText("Saved").waitFor();
      expect(
        (await server.client({ token: people.admin.token }).admin.workspace.query()).reviewNewVersions,
      ).toBe(true);
      await admin.context.close();

      const marketerApi = server.client({ token: people.marketer.token });
      const before = await marketerApi.assets.get.query({ id: ids.guide });
      const liveNumber = before.versions.find((v) => v.id === before.currentVersionId)?.number;
      const nextNumber = (before.versions[0]?.number ?? 0) + 1;
      const pending = await uploadVersion(
        people.marketer.token,
        ids.guide,
        await pdfOf(["Pricing overview", "Plan A costs 90", "Plan B costs 200"]),
        "Plan A is now 90",
      );
      expect(pending.awaitingReview).toBe(true);
      await server.settle();

      // the marketer who uploaded it sees it waiting, and is told someone else must approve
      const author = await newPage("en-US");
      await signIn(author.page, server.url, people.marketer);
      await author.page.goto(`${server.url}/library/assets/${ids.guide}`);
      const waiting = author.page.getByTestId("pending-review");
      await waiting.getByText("What changed: Plan A is now 90").waitFor();
      await waiting
        .getByText(
          `Version ${nextNumber} waits for approval; buyers and reps keep seeing version ${liveNumber} until then.`,
        )
        .waitFor();
      await author.page.getByText("Awaiting review", { exact: true }).first().waitFor();
      await waiting.getByRole("button", { name: "Approve and make live" }).click();
      await waiting
        .getByRole("alert")
        .getByText("You made this change: another marketer must review and approve it")
        .waitFor();
      await author.context.close();

      // a second marketer approves; the versions list says what changed
      const second = await newPage("en-US");
      await signIn(second.page, server.url, people.reviewer);
      await second.page.goto(`${server.url}/library/assets/${ids.guide}`);
      await second.page
        .getByTestId("pending-review")
        .getByRole("button", { name: "Approve and make live" })
        .click();
      await second.page.getByTestId("pending-review").waitFor({ state: "detached" });
      const newest = second.page.getByTestId("version").first();
      await newest.getByText("Current").waitFor();
      expect(await newest.getByText("What changed: Plan A is now 90").count()).toBe(1);
      expect(await newest.getByTestId("what-changed").textContent()).toContain("Text changed on page 2");
      const live = await server.client({ token: people.rep.token }).assets.get.query({ id: ids.guide });
      expect(live.currentVersionId).toBe(pending.versionId);
      await second.page.screenshot({ path: path.join(artifactsDir, "share-review-en.png"), fullPage: true });
      expect(second.errors).toEqual([]);
      await second.context.close();
    },
  );
});
