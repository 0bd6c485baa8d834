// @vitest-environment node
/// <reference lib="dom" />
import path from "node:path";
import { demoTaxonomy, loginToken, makeDeal, makeUser, type TestServer } from "@pitchside/api/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  artifactsDir,
  browserTitle,
  launchChromium,
  signedInPage,
  skipBrowser,
  startPortalServer,
} from "../../test/portal-browser";

const DEAL = "Globex renewal";
const BUYER = "dana.whitfield@globex.example";
const GUIDE = "It's too expensive: answering price";
const CARD = "Beating Acme";
const ROI = "Negotiation playbook for finance";

/** What reps paste: a reply on top, a signature, and the thread quoted below it. */
const EMAIL = `Hi Ren,

Thanks for the proposal. Honestly, the team feels it is too expensive compared with what Acme quoted us last week,
and I need to justify the price to our CFO before we go any further.

Could you send something that helps me make the case internally?

Best regards,
Dana Whitfield
VP Finance
Globex Corporation
+1 555 0100

On Mon, Ren Rep wrote:
> Hi Dana, please find our proposal attached. Happy to walk you through the onboarding plan.
> Ren`;

let server: TestServer;
let stop: () => Promise<void>;
let browser: Browser | undefined;
const rep = { email: "", password: "" };

beforeAll(async () => {
  if (skipBrowser) return;
  ({ server, stop } = await startPortalServer());
  const { db } = server.deps.database;
  const admin = await makeUser(db, { role: "admin" });
  const marketer = await makeUser(db, { role: "marketer" });
  const seller = await makeUser(db, { role: "rep", name: "Ren Rep" });
  Object.assign(rep, { email: seller.email, password: seller.password });
  const adminApi = server.client({ token: await loginToken(server, admin.email, admin.password) });
  await adminApi.taxonomy.upsert.mutate({ terms: demoTaxonomy });
  await makeDeal(db, {
    name: DEAL,
    accountName: "Globex",
    accountDomain: "globex.example",
    stage: "proposal",
    ownerId: seller.id,
    contacts: [{ email: BUYER, name: "Dana Whitfield", title: "VP Finance" }],
  });
  const curator = server.client({ token: await loginToken(server, marketer.email, marketer.password) });
  const publish = async (title: string, meta: Record<string, unknown>) => {
    const { assetId } = await curator.assets.createLink.mutate({
      url: `https://example.com/${encodeURIComponent(title)}`,
      meta: { title, language: "en", ...meta },
    });
    await curator.assets.setStatus.mutate({ id: assetId, status: "published" });
  };
  await publish(GUIDE, { type: "objection_guide", audience: "external", objections: ["price"] });
  await publish(CARD, { type: "battle_card", competitors: ["acme"] });
  await publish(ROI, { type: "one_pager", audience: "external", stages: ["negotiation"] });
  await server.settle();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stop?.();
});

async function newPage(locale: string) {
  if (!browser) throw new Error("no browser");
  return signedInPage(browser, server.url, rep, locale);
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });

describe("Find content in Chromium against the real API", () => {
  it.skipIf(skipBrowser)(
    browserTitle(
      "a pasted email and its recipient find the deal, the context shows and can be corrected, and a result's link is copied",
    ),
    async () => {
      const { context, page, errors } = await newPage("en-US");
      await page.goto(`${server.url}/library/find`);
      await page.getByLabel("Email or message").fill(EMAIL);
      const recipients = page.getByLabel("Recipients", { exact: true }).and(page.locator("input"));
      // typed as a rep types them: each comma makes the address a tag
      await recipients.pressSequentially(`${BUYER}, colleague@${rep.email.split("@")[1]},`);
      await page.getByTestId("matched-deal").getByText(DEAL, { exact: false }).waitFor();
      await page.getByTestId("ignored-recipients").waitFor();

      const found = page.getByTestId("find-context");
      const stage = found.getByRole("combobox", { name: "Deal stage" });
      await expect.poll(() => stage.inputValue(), { timeout: 15_000 }).toBe("Proposal");
      await found.getByText(`From deal ${DEAL}`).waitFor();
      expect(await found.getByRole("combobox", { name: "Persona" }).inputValue()).toBe("Finance");
      await found.getByText("From the title “VP Finance”").waitFor();
      // Mantine keeps a MultiSelect's picks as pills beside its input
      await found.locator(".mantine-MultiSelect-pill", { hasText: "Acme" }).waitFor();
      await found.locator(".mantine-MultiSelect-pill", { hasText: "Price" }).waitFor();
      await shot(page, "find-context-en");

      await page.getByRole("button", { name: "Find content" }).click();
      const guide = page.getByRole("article", { name: GUIDE });
      await guide.waitFor({ timeout: 15_000 });
      const card = page.getByRole("article", { name: CARD });
      await card.getByText("Internal — not for sending").waitFor();
      expect(await card.getByRole("button", { name: /Copy a tracked link/ }).count()).toBe(0);
      await expect.poll(() => page.getByText("Stage: Negotiation").count()).toBe(0);

      // the rep knows better: the deal has moved on, and ranking follows
      await stage.click();
      await page.getByRole("option", { name: "Negotiation", exact: true }).click();
      await found.getByText("Changed by you").waitFor();
      await page
        .getByRole("article", { name: ROI })
        .getByText("Stage: Negotiation")
        .waitFor({ timeout: 15_000 });

      await guide.getByRole("button", { name: `Copy a tracked link to ${GUIDE}` }).click();
      await guide.getByText(`Tracked link for ${DEAL} copied.`).waitFor();
      const url = await guide.getByRole("textbox", { name: `Tracked link to ${GUIDE}` }).inputValue();
      expect(url).toMatch(/\/s\/[A-Za-z0-9_-]+$/);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
      await shot(page, "find-results-en");

      // Share opens the asset page's dialog, already on the deal
      await guide.getByRole("button", { name: "Share", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Create a share link" });
      expect(await dialog.getByRole("combobox", { name: "Deal" }).inputValue()).toBe(DEAL);
      // and on the one buyer the email goes to
      expect(await dialog.getByLabel("Recipient email").inputValue()).toBe(BUYER);
      await dialog.getByRole("button", { name: "Cancel" }).click();

      // the link opens for the buyer (links carry the configured public address; the test server has its own)
      const viewer = await context.newPage();
      const response = await viewer.goto(`${server.url}${new URL(url).pathname}`);
      expect(response?.status()).toBe(200);
      expect(errors).toEqual([]);
      await context.close();
    },
    180_000,
  );

  it.skipIf(skipBrowser)(
    browserTitle("a ja-JP browser gets the recipients, the context and the actions in Japanese"),
    async () => {
      const { context, page, errors } = await newPage("ja-JP");
      await page.goto(`${server.url}/library/find`);
      await page.getByLabel("メールまたはメッセージ").fill(EMAIL);
      await page
        .getByLabel("宛先", { exact: true })
        .and(page.locator("input"))
        .pressSequentially(`${BUYER},`);
      await page.getByTestId("matched-deal").getByText("宛先から照合した商談").waitFor();
      const found = page.getByTestId("find-context");
      await found.getByText(`商談「${DEAL}」から`).waitFor({ timeout: 15_000 });
      await found.locator(".mantine-MultiSelect-pill", { hasText: "アクメ" }).waitFor();
      await page.getByRole("button", { name: "コンテンツを探す" }).click();
      const guide = page.getByRole("article", { name: GUIDE });
      await guide.getByRole("button", { name: `${GUIDE}の追跡リンクをコピー` }).waitFor({ timeout: 15_000 });
      await page.getByRole("article", { name: CARD }).getByText("社内用 — 送付不可").waitFor();
      await shot(page, "find-ja");
      expect(errors).toEqual([]);
      await context.close();
    },
    120_000,
  );
});
