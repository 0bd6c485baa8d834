// @vitest-environment node
/// <reference lib="dom" />

import path from "node:path";
import { makeLinkAsset, makeUser, type TestServer, upsertTerms } from "@pitchside/api/testing";
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
const people = {
  admin: { email: "", password: "" },
  marketer: { email: "", password: "" },
  rep: { email: "", password: "" },
};
let collectionId = "";
const itemTitles = ["Acme pricing battle card", "Globex case study", "ROI one-pager"];

beforeAll(async () => {
  if (skipBrowser) return;
  ({ server, stop } = await startPortalServer());
  const { db } = server.deps.database;
  await upsertTerms(db, server.deps.bus, null, [
    {
      kind: "stage",
      key: "discovery",
      label: { en: "Discovery", ja: "ヒアリング" },
      order: 10,
      patterns: [],
    },
    { kind: "stage", key: "proposal", label: { en: "Proposal", ja: "提案" }, order: 20, patterns: [] },
  ]);
  const admin = await makeUser(db, { role: "admin", name: "Ada Admin" });
  const marketer = await makeUser(db, { role: "marketer", name: "Mika Marketer" });
  const rep = await makeUser(db, { role: "rep", name: "Ren Rep" });
  for (const [role, user] of Object.entries({ admin, marketer, rep }))
    people[role as keyof typeof people] = { email: user.email, password: user.password };
  const assetIds: string[] = [];
  for (const title of itemTitles)
    assetIds.push(await makeLinkAsset(db, marketer, { title, type: "one_pager" }));
  const client = server.client({ token: await tokenOf(marketer) });
  ({ id: collectionId } = await client.collections.save.mutate({ name: "Renewal plays" }));
  await client.collections.setItems.mutate({ id: collectionId, assetIds });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stop?.();
});

async function tokenOf(who: { email: string; password: string }) {
  const result = await server.client().auth.login.mutate({ ...who, client: "extension" });
  if (!("token" in result)) throw new Error("no token");
  return result.token;
}

async function open(locale = "en-US"): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  if (!browser) throw new Error("no browser");
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  return { context, page, errors: collectConsoleErrors(page) };
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });

// a whole flow in a real browser, while other test files share the two cores
describe.skipIf(skipBrowser)("portal in Chromium", { timeout: 90_000 }, () => {
  it(browserTitle("lets an admin edit a taxonomy label, and shows the admin pages"), async () => {
    const { context, page, errors } = await open();
    await signIn(page, server.url, people.admin);
    await page.goto(`${server.url}/admin/taxonomy`);
    await page.getByRole("button", { name: "Edit Proposal" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Japanese label").fill("ご提案");
    await dialog.getByRole("button", { name: "Save" }).click();
    await page.getByRole("cell", { name: "ご提案" }).waitFor();
    await shot(page, "admin-taxonomy");
    const stages = await server
      .client({ token: await tokenOf(people.admin) })
      .taxonomy.list.query({ kind: "stage" });
    expect(stages.find((s) => s.key === "proposal")?.label.ja).toBe("ご提案");

    for (const [route, name] of [
      ["/admin/users", "admin-users"],
      ["/admin/teams", "admin-teams"],
      ["/admin/crm", "admin-crm"],
      ["/admin/tokens", "admin-tokens"],
      ["/account", "account"],
    ] as const) {
      await page.goto(`${server.url}${route}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.waitForLoadState("networkidle");
      await shot(page, name);
    }
    expect(errors.join("\n")).toBe("");
    await context.close();
  });

  it(browserTitle("keeps a rep out of admin pages, in the UI and at the API"), async () => {
    const { context, page, errors } = await open();
    await signIn(page, server.url, people.rep);
    await page.goto(`${server.url}/admin/users`);
    await page.getByRole("heading", { level: 1, name: "Not allowed" }).waitFor();
    await expect(page.getByRole("navigation").getByText("Admin", { exact: true }).count()).resolves.toBe(0);
    await shot(page, "rep-not-allowed");
    // the same session asking the API directly is refused too
    const status = await page.evaluate(async () => (await fetch("/trpc/users.list")).status);
    expect(status).toBe(403);
    expect(errors.join("\n")).toBe("");
    await context.close();
  });

  it(browserTitle("shows a ja-JP browser the Japanese UI"), async () => {
    const { context, page, errors } = await open("ja-JP");
    const strings: string[] = [];
    page.on("request", (request) => {
      const chunk = /\/assets\/catalog-(en|ja)-/.exec(request.url());
      if (chunk?.[1]) strings.push(chunk[1]);
    });
    await page.goto(`${server.url}/`);
    await page.getByRole("heading", { level: 1, name: "ログイン" }).waitFor();
    // only the language shown is downloaded; the other comes when the user switches to it
    expect(strings).toEqual(["ja"]);
    await page.getByRole("radiogroup", { name: "表示言語" }).getByText("English").click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    expect(strings).toEqual(["ja", "en"]);
    await page.getByRole("radiogroup", { name: "Language" }).getByText("日本語").click();
    await page.getByRole("heading", { level: 1, name: "ログイン" }).waitFor();
    expect(strings).toEqual(["ja", "en"]);
    await shot(page, "ja-sign-in");
    await signIn(page, server.url, people.marketer);
    await page.goto(`${server.url}/requests`);
    await page.getByRole("heading", { level: 1, name: "コンテンツリクエスト" }).waitFor();
    await expect(page.getByRole("link", { name: "コレクション" }).count()).resolves.toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("ja");
    await shot(page, "ja-requests");
    expect(errors.join("\n")).toBe("");
    await context.close();
  });

  it(browserTitle("lets a rep ask for content and a marketer answer it"), async () => {
    const rep = await open();
    await signIn(rep.page, server.url, people.rep);
    await rep.page.goto(`${server.url}/requests?new=1&q=${encodeURIComponent("pricing objection")}`);
    const form = rep.page.getByRole("dialog", { name: "Request content" });
    await expect(form.getByLabel("What do you need?").inputValue()).resolves.toBe("pricing objection");
    await shot(rep.page, "request-form");
    await form.getByRole("button", { name: "Send request" }).click();
    await rep.page.getByText("Open", { exact: true }).waitFor();

    const marketer = await open();
    await signIn(marketer.page, server.url, people.marketer);
    await marketer.page.goto(`${server.url}/requests`);
    await marketer.page.getByRole("button", { name: "Answer pricing objection" }).click();
    const dialog = marketer.page.getByRole("dialog");
    await dialog.getByRole("searchbox").fill("Acme");
    const pick = dialog.getByRole("button", { name: "Answer with Acme pricing battle card" });
    await pick.waitFor();
    await shot(marketer.page, "request-answer");
    await pick.click();
    await dialog.waitFor({ state: "detached" });
    await marketer.page.locator("label", { hasText: "Answered" }).click();
    await marketer.page.getByRole("link", { name: "Acme pricing battle card" }).waitFor();
    await shot(marketer.page, "requests-queue");

    await rep.page.reload();
    await rep.page.getByText("Answered", { exact: true }).waitFor();
    await rep.page.getByRole("link", { name: "Acme pricing battle card" }).waitFor();
    await shot(rep.page, "requests-mine");
    expect([...rep.errors, ...marketer.errors]).toEqual([]);
    await rep.context.close();
    await marketer.context.close();
  });

  it(browserTitle("reorders a collection from the keyboard"), async () => {
    const { context, page, errors } = await open();
    await signIn(page, server.url, people.marketer);
    await page.goto(`${server.url}/collections/${collectionId}`);
    const handle = page.getByRole("button", { name: `Move ${itemTitles[0]}`, exact: true });
    await handle.focus();
    // dnd-kit measures the list between key presses, as it would for a person
    for (const key of ["Space", "ArrowDown", "Space"]) {
      await page.keyboard.press(key);
      await page.waitForTimeout(250);
    }
    const client = server.client({ token: await tokenOf(people.marketer) });
    await expect
      .poll(async () => (await client.collections.get.query({ id: collectionId })).items.map((i) => i.title))
      .toEqual([itemTitles[1], itemTitles[0], itemTitles[2]]);
    await shot(page, "collection");
    await page.goto(`${server.url}/collections`);
    await page.getByRole("link", { name: "Renewal plays" }).waitFor();
    await shot(page, "collections");
    expect(errors.join("\n")).toBe("");
    await context.close();
  });
});
