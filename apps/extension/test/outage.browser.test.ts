/// <reference lib="dom" />
import { loginToken, makeLinkAsset, type TestServer } from "@pitchside/api/testing";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  browserTitle,
  type ExtensionHarness,
  skipBrowser,
  startExtensionHarness,
  submitSignIn,
} from "./extension-harness";
import type { RecordingProxy } from "./recording-proxy";
import { CONTACT, seedGlobexDeal } from "./seed-globex";

const COMPOSE = "https://mail.google.com/mail/u/0/#inbox?compose=new";

let harness: ExtensionHarness;
let server: TestServer;
let proxy: RecordingProxy;
let context: BrowserContext | undefined;
const seeded = { rep: { email: "", password: "" }, cardId: "", securityId: "", dealId: "" };

beforeAll(async () => {
  if (skipBrowser) return;
  harness = await startExtensionHarness(async (started) => {
    const { db, marketer, rep, cardId, dealId } = await seedGlobexDeal(started);
    seeded.rep = { email: rep.email, password: rep.password };
    seeded.cardId = cardId;
    seeded.dealId = dealId;
    seeded.securityId = await makeLinkAsset(db, marketer, {
      title: "Security overview",
      type: "whitepaper",
      objections: ["security"],
    });
  });
  ({ server, proxy, context } = harness);
  await harness.signIn(seeded.rep.email, seeded.rep.password);
});

afterAll(async () => {
  await harness?.close();
});

const suggestion = (page: Page, assetId: string) =>
  page.locator(`[data-testid="ps-suggestion"][data-asset-id="${assetId}"]`);

/** A Gmail compose page; the page keeps a mark so a reload would show. */
async function openCompose(n: string): Promise<Page> {
  if (!context) throw new Error("no browser");
  const page = await context.newPage();
  await page.goto(`${COMPOSE}&n=${n}`);
  await page.evaluate(() => {
    document.body.dataset.sameDocument = "yes";
  });
  return page;
}

const unreachable = () =>
  `Can't reach Pitchside at ${proxy.url}. Check that the server is running or change the address in the extension's options.`;

describe("the extension through an outage of the API and a revoked sign-in", () => {
  it.skipIf(skipBrowser)(
    browserTitle(
      "shows Reconnecting… and names the server when the API goes down, then brings the suggestions back by itself",
    ),
    async () => {
      const gmail = await openCompose("a");
      const panel = gmail.getByTestId("ps-panel");
      await expect.poll(() => panel.count(), { timeout: 15_000 }).toBe(1);
      // opened, the compose panel stays open for the next pages of this test file
      await panel.getByTestId("ps-toggle").click();
      await suggestion(gmail, seeded.cardId).waitFor({ timeout: 20_000 });

      proxy.down();
      // the rep writes on: the new signal is asked for, and the server cannot be reached
      const body = gmail.locator('[role="dialog"] [g_editable="true"]');
      await body.getByText("Here is how teams like yours").click();
      await gmail.keyboard.press("End");
      await gmail.keyboard.type(" Our SOC 2 report is attached.");
      const reconnecting = panel.getByTestId("ps-reconnecting");
      await expect.poll(() => reconnecting.textContent(), { timeout: 20_000 }).toBe("Reconnecting…");
      await expect.poll(() => panel.locator(".ps-error").textContent()).toBe(unreachable());
      expect(await panel.textContent()).not.toContain("Failed to fetch");
      const security = suggestion(gmail, seeded.securityId);
      expect(await security.locator(".ps-reason").allTextContents()).not.toContain("Objection: Security");

      proxy.up();
      // no reload: the request that failed is made again, and answered
      await expect
        .poll(() => security.locator(".ps-reason").allTextContents(), { timeout: 20_000 })
        .toContain("Objection: Security");
      await expect.poll(() => reconnecting.count()).toBe(0);
      expect(await panel.locator(".ps-error").count()).toBe(0);
      expect(await gmail.evaluate(() => document.body.dataset.sameDocument)).toBe("yes");
      await gmail.close();
    },
    90_000,
  );

  it.skipIf(skipBrowser)(
    browserTitle("a Gmail page opened while the API is down says Reconnecting… and fills in once it is back"),
    async () => {
      proxy.down();
      const gmail = await openCompose("b");
      const panel = gmail.getByTestId("ps-panel");
      await expect
        .poll(() => panel.getByTestId("ps-reconnecting").textContent(), { timeout: 20_000 })
        .toBe("Reconnecting…");
      await expect.poll(() => panel.locator(".ps-error").textContent()).toBe(unreachable());
      expect(await gmail.getByTestId("ps-suggestion").count()).toBe(0);

      proxy.up();
      await suggestion(gmail, seeded.cardId).waitFor({ timeout: 30_000 });
      await expect.poll(() => panel.getByTestId("ps-reconnecting").count()).toBe(0);
      // the deal list loaded again too: the matched deal is offered
      await expect
        .poll(() => gmail.getByTestId("ps-deal").locator("option").first().textContent())
        .toContain("Globex Industries rollout");
      expect(await gmail.evaluate(() => document.body.dataset.sameDocument)).toBe("yes");
      await gmail.close();
    },
    90_000,
  );

  it.skipIf(skipBrowser)(
    browserTitle(
      "an Insert that finds the token revoked asks for a new sign-in and inserts the link once after it",
    ),
    async () => {
      const gmail = await openCompose("c");
      const panel = gmail.getByTestId("ps-panel");
      const card = suggestion(gmail, seeded.cardId);
      await card.waitFor({ timeout: 20_000 });

      // the extension's token is revoked on the server (an admin, or the rep from the portal)
      const token = await loginToken(server, seeded.rep.email, seeded.rep.password);
      const client = server.client({ token });
      // newest first: the first is the one just issued to this test
      const [, ...earlier] = await client.tokens.list.query({ all: false });
      const extensionTokens = earlier.filter((t) => t.name === "Chrome extension" && !t.revokedAt);
      expect(extensionTokens).toHaveLength(1);
      for (const t of extensionTokens) await client.tokens.revoke.mutate({ id: t.id });

      await card.getByTestId("ps-insert").click();
      await expect
        .poll(() => panel.getByTestId("ps-resume").textContent(), { timeout: 15_000 })
        .toBe("Sign in again to finish: Insert link — Beating Acme on total cost");
      const body = gmail.locator('[role="dialog"] [g_editable="true"]');
      const links = body.locator('a[href*="/s/"]');
      expect(await links.count()).toBe(0);

      await harness.signIn(seeded.rep.email, seeded.rep.password);
      await expect.poll(() => links.count(), { timeout: 15_000 }).toBe(1);
      await expect
        .poll(() => panel.getByTestId("ps-notice").textContent())
        .toBe("Signed in again. Link inserted");
      expect(await panel.getByTestId("ps-resume").count()).toBe(0);
      expect(await links.textContent()).toBe("Beating Acme on total cost");
      // once: nothing more arrives after a while
      await gmail.waitForTimeout(2_000);
      expect(await links.count()).toBe(1);

      const shares = await client.shares.list.query({ dealId: seeded.dealId });
      expect(shares.map((s) => [s.assetId, s.recipientEmail])).toEqual([[seeded.cardId, CONTACT]]);
      expect(await links.getAttribute("href")).toBe(shares[0]?.url);
      await gmail.close();
    },
    90_000,
  );

  it.skipIf(skipBrowser)(
    browserTitle("the popup's sign-in names the server it cannot reach"),
    async () => {
      proxy.down();
      try {
        const popup = await harness.openPopup();
        // signing out works offline: the token is forgotten here even if the server cannot hear of it
        await popup.getByRole("button", { name: "Sign out" }).click();
        await submitSignIn(popup, seeded.rep.email, seeded.rep.password);
        await expect
          .poll(() => popup.locator(".error").textContent(), { timeout: 15_000 })
          .toBe(`Sign-in failed: ${unreachable()}`);
        await popup.close();
      } finally {
        proxy.up();
      }
    },
    60_000,
  );
});
