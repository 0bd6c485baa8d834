/// <reference lib="dom" />

import { mkdirSync } from "node:fs";
import path from "node:path";
import { events, loginToken, makeLinkAsset } from "@pitchside/api/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  artifacts,
  browserTitle,
  type ExtensionHarness,
  skipBrowser,
  startExtensionHarness,
} from "./extension-harness";
import { CONTACT, seedGlobexDeal } from "./seed-globex";

const CARD_TITLE = "Beating Acme on total cost";
/** Outlook's message body in the fixtures. */
const BODY = '[id^="editorParent"] > [role="textbox"]';
/** Sentences of the Outlook fixtures' drafts and messages, and of what the test types: none may leave. */
const PAGE_SENTENCES = [
  "walking me through the rollout plan",
  "came in with a lower price",
  "Can you send something our CFO can read",
  "Globex migration notes",
  "Good to meet you at the summit",
  "Ask me about the bundle discount",
  "総保有コストの比較資料",
  "お打ち合わせのお時間",
  "より安い価格の提案",
  "財務部長向けの資料",
];

let harness: ExtensionHarness;
const seeded = { rep: { email: "", password: "" }, cardId: "", dealId: "" };

beforeAll(async () => {
  if (skipBrowser) return;
  harness = await startExtensionHarness(async (started) => {
    const { db, marketer, rep, cardId, dealId } = await seedGlobexDeal(started);
    Object.assign(seeded, { rep: { email: rep.email, password: rep.password }, cardId, dealId });
    await makeLinkAsset(db, marketer, {
      title: "Security overview",
      type: "whitepaper",
      objections: ["security"],
    });
  });
  await harness.signIn(seeded.rep.email, seeded.rep.password);
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

/** Outlook's Send button and every panel button whose centre is not the button itself, by name. */
function covered(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const centre = (el: Element) => {
      el.scrollIntoView({ block: "center", inline: "center" });
      const r = el.getBoundingClientRect();
      return [r.left + r.width / 2, r.top + r.height / 2] as const;
    };
    for (const send of document.querySelectorAll('[data-testid="ComposeSendButton"]')) {
      const [x, y] = centre(send);
      const hit = document.elementFromPoint(x, y);
      if (!hit || !send.contains(hit)) out.push(`Send under ${hit?.tagName}`);
    }
    for (const host of document.querySelectorAll("pitchside-panel")) {
      for (const button of host.shadowRoot?.querySelectorAll("button") ?? []) {
        const [x, y] = centre(button);
        const top = document.elementFromPoint(x, y);
        const inner = host.shadowRoot?.elementFromPoint(x, y);
        if (top !== host || !inner || !button.contains(inner))
          out.push(
            `panel button "${button.textContent}" under ${top === host ? inner?.tagName : top?.tagName}`,
          );
      }
    }
    return out;
  });
}

/** Whether the inserted link comes before the body's signature and its quoted reply, outside both. */
function linkAboveSignatureAndQuote(page: Page, bodySelector: string): Promise<string> {
  return page.evaluate((selector) => {
    const body = document.querySelector(selector);
    const links = body?.querySelectorAll('a[href*="/s/"]') ?? [];
    if (links.length !== 1) return `${links.length} links`;
    const link = links[0] as Element;
    for (const marker of body?.querySelectorAll("#Signature, #appendonsend, #divRplyFwdMsg") ?? []) {
      if (marker.contains(link)) return `inside #${marker.id}`;
      if (!(link.compareDocumentPosition(marker) & Node.DOCUMENT_POSITION_FOLLOWING))
        return `after #${marker.id}`;
    }
    return "above";
  }, bodySelector);
}

/** Every request the extension made: the page's sentences never, nor any "text" field. */
function expectNoPageText() {
  expect(harness.proxy.requests.length).toBeGreaterThan(0);
  for (const request of harness.proxy.requests) {
    const sent = decodeURIComponent(`${request.url}\n${request.body}`);
    for (const sentence of PAGE_SENTENCES) expect(sent).not.toContain(sentence);
    expect(sent).not.toMatch(/"text"\s*:/);
  }
}

async function eventsOfCard(): Promise<string[]> {
  const { db } = harness.server.deps.database;
  const rows = await db
    .select({ type: events.type, surface: events.surface, dealId: events.dealId, assetId: events.assetId })
    .from(events);
  return rows
    .filter((e) => e.dealId === seeded.dealId && e.assetId === seeded.cardId)
    .map((e) => `${e.type}:${e.surface}`);
}

describe("the built extension in Outlook on the web fixture pages", () => {
  it.skipIf(skipBrowser)(
    browserTitle(
      "in the reading pane: panels for the inline reply and the conversation, matched to the deal, the link above the signature and quoted reply, Send and panel buttons uncovered, no message text sent",
    ),
    async () => {
      const outlook = await harness.openWithPanels(
        "https://outlook.office.com/mail/inbox/id/AAQkAGI2TG93AAA%3D",
        2,
      );
      await outlook.setViewportSize({ width: 1280, height: 720 });

      const reply = outlook.locator('[data-testid="inline-reply"]');
      const panel = reply.getByTestId("ps-panel");
      expect(await panel.getAttribute("data-surface")).toBe("outlook");
      expect(await panel.getAttribute("lang")).toBe("en");
      const bar = panel.getByTestId("ps-bar");
      await expect.poll(() => bar.textContent(), { timeout: 20_000 }).toContain(CARD_TITLE);
      expect(await bar.textContent()).toContain("Globex Industries rollout · Proposal");

      // the conversation's panel reads the people in its headers: the same deal
      const thread = outlook.locator('[data-testid="ps-panel"][data-kind="thread"]');
      await expect
        .poll(() => thread.getByTestId("ps-deal").locator("option").first().textContent(), {
          timeout: 20_000,
        })
        .toContain("Globex Industries rollout");
      await thread.getByTestId("ps-suggestion").first().waitFor({ timeout: 20_000 });

      expect(await covered(outlook)).toEqual([]);
      mkdirSync(artifacts, { recursive: true });
      await outlook.screenshot({ path: path.join(artifacts, "outlook-reading-1280.png") });

      // no caret in the reply yet: the link goes after the rep's text, above signature and quote
      await bar.getByTestId("ps-bar-insert").click();
      await expect
        .poll(() => panel.getByTestId("ps-notice").textContent(), { timeout: 15_000 })
        .toBe("Link inserted");
      expect(await linkAboveSignatureAndQuote(outlook, `[data-testid="inline-reply"] ${BODY}`)).toBe("above");
      const link = reply.locator('[role="textbox"] a[href*="/s/"]');
      expect(await link.textContent()).toBe(CARD_TITLE);
      expect(await reply.locator("#Signature").textContent()).toBe("Riley RepAccount Executive, Pitchside");

      const token = await loginToken(harness.server, seeded.rep.email, seeded.rep.password);
      const shares = await harness.server.client({ token }).shares.list.query({ dealId: seeded.dealId });
      expect(shares.map((s) => [s.assetId, s.recipientEmail])).toEqual([[seeded.cardId, CONTACT]]);
      expect(await link.getAttribute("href")).toBe(shares[0]?.url);
      await expect
        .poll(eventsOfCard, { timeout: 10_000 })
        // one event per insert: the link the insert made records no "shared" of its own
        .toSatisfy(
          (types: string[]) =>
            types.includes("link_inserted:outlook") &&
            types.includes("suggestion_shown:outlook") &&
            !types.includes("shared:outlook"),
        );

      expectNoPageText();
      const suggest = harness.proxy.requests.filter((r) => r.url.startsWith("/trpc/suggest.forContext"));
      // context travels in the POST body, never in the URL
      const input = JSON.parse(suggest.at(-1)?.body || "{}");
      expect(input.surface).toBe("outlook");
      expect(input.signals.competitors).toContain("acme");
      expect(input.recipientEmails).toEqual([CONTACT]);
      await outlook.close();
    },
    120_000,
  );

  it.skipIf(skipBrowser)(
    browserTitle(
      "in a popped-out new message: one panel, the link at the rep's caret above the signature, Send uncovered at 1280×720 and 1920×1080",
    ),
    async () => {
      const outlook = await harness.openWithPanels(
        "https://outlook.office365.com/mail/deeplink/compose?popoutv2=1",
        1,
      );
      const bar = outlook.getByTestId("ps-bar");
      await expect.poll(() => bar.textContent(), { timeout: 20_000 }).toContain(CARD_TITLE);
      expect(await bar.textContent()).toContain("Globex Industries rollout");
      for (const [width, height] of [
        [1280, 720],
        [1920, 1080],
      ] as const) {
        await outlook.setViewportSize({ width, height });
        expect(await covered(outlook), `${width}×${height}`).toEqual([]);
      }

      // the rep writes at the end of their own paragraph; the link goes where the caret is
      const paragraph = outlook.getByText("Good to meet you at the summit", { exact: false });
      await paragraph.click();
      await outlook.keyboard.press("End");
      await outlook.keyboard.type(" Ask me about the bundle discount.");
      await bar.getByTestId("ps-bar-insert").click();
      await expect
        .poll(() => outlook.getByTestId("ps-notice").textContent(), { timeout: 15_000 })
        .toBe("Link inserted");
      expect(await linkAboveSignatureAndQuote(outlook, BODY)).toBe("above");
      // inside the paragraph the rep was writing, right after what they typed
      expect(await paragraph.locator('a[href*="/s/"]').count()).toBe(1);
      expect(await paragraph.textContent()).toContain(`bundle discount.${CARD_TITLE}`);
      expectNoPageText();
      await outlook.close();
    },
    90_000,
  );

  it.skipIf(skipBrowser)(
    browserTitle(
      "in Outlook's Japanese UI (an English Chrome): the panels speak Japanese, match the deal from an address-only chip, and insert above the signature",
    ),
    async () => {
      const outlook = await harness.openWithPanels(
        "https://outlook.live.com/mail/0/inbox/id/AAQkAGI2TG95AAA%3D",
        2,
      );
      const compose = outlook.locator('[data-kind="compose"]');
      expect(await compose.getAttribute("lang")).toBe("ja");
      const bar = compose.getByTestId("ps-bar");
      await expect.poll(() => bar.textContent(), { timeout: 20_000 }).toContain(CARD_TITLE);
      // the stage's Japanese label, and the panel's own words in Japanese
      expect(await bar.textContent()).toContain("Globex Industries rollout · 提案");
      expect(await compose.getByTestId("ps-bar-insert").textContent()).toBe("リンクを挿入");
      const thread = outlook.locator('[data-testid="ps-panel"][data-kind="thread"]');
      await expect
        .poll(() => thread.getByTestId("ps-deal").locator("option").first().textContent(), {
          timeout: 20_000,
        })
        .toBe("自動: Globex Industries rollout");
      expect(await covered(outlook)).toEqual([]);

      await compose.getByTestId("ps-bar-insert").click();
      await expect
        .poll(() => compose.getByTestId("ps-notice").textContent(), { timeout: 15_000 })
        .toBe("リンクを挿入しました");
      expect(await linkAboveSignatureAndQuote(outlook, BODY)).toBe("above");
      expectNoPageText();
      await outlook.close();
    },
    90_000,
  );
});
