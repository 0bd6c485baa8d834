/// <reference lib="dom" />
import { loginToken, makeLinkAsset } from "@pitchside/api/testing";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserTitle, type ExtensionHarness, skipBrowser, startExtensionHarness } from "./extension-harness";
import type { RecordedRequest } from "./recording-proxy";
import { CONTACT, seedGlobexDeal } from "./seed-globex";

const SUBJECT = "Quarterly kickoff for Project Bluefinch";
// Initech twice: keywords are the eight most frequent, and the fixture's draft already has its own
const GMAIL_TYPED =
  " Priya Raman and 佐藤 asked whether Project Bluefinch can start before Initech renews; Initech wants an answer.";
const LINKEDIN_TYPED =
  "Priya Raman と佐藤さんから Project Bluefinch の件で連絡がありました。イニテックとの比較をお願いします。";
/**
 * What the rep typed or the page shows that is not the library's: a code name, people's names, the
 * subject's words, the LinkedIn contact's name and headline. None may reach the server in any form.
 */
const PRIVATE = ["bluefinch", "priya", "raman", "佐藤", "quarterly", "kickoff", "田中", "株式会社サンプル"];

let harness: ExtensionHarness;
let context: BrowserContext | undefined;
const seeded = { email: "", password: "", initechGuideId: "" };

beforeAll(async () => {
  if (skipBrowser) return;
  harness = await startExtensionHarness(async (server) => {
    const { db, marketer, rep } = await seedGlobexDeal(server);
    Object.assign(seeded, { email: rep.email, password: rep.password });
    seeded.initechGuideId = await makeLinkAsset(db, marketer, {
      title: "Moving off Initech in six weeks",
      summary: "Migration plan for teams leaving Initech's appliance.",
      type: "one_pager",
      competitors: ["initech"],
    });
    await makeLinkAsset(db, marketer, {
      title: "Security overview for IT",
      type: "whitepaper",
      personas: ["it"],
    });
  });
  ({ context } = harness);
});

afterAll(async () => {
  await harness?.close();
});

/** A request as every form it could leak in: the URL raw and decoded, the headers, the body raw and parsed. */
function everything(request: RecordedRequest): string {
  let parsed = "";
  try {
    parsed = JSON.stringify(JSON.parse(request.body));
  } catch {
    // not JSON: the raw body is checked as it is
  }
  let url = request.url;
  try {
    url += `\n${decodeURIComponent(request.url.replaceAll("+", " "))}`;
  } catch {
    // a malformed escape: the raw URL is checked as it is
  }
  return [url, JSON.stringify(request.headers), request.body, parsed].join("\n").toLowerCase();
}

const suggestInputs = () =>
  harness.proxy.requests
    .filter((r) => r.url === "/trpc/suggest.forContext")
    .map((r) => JSON.parse(r.body) as { signals?: { competitors?: string[]; keywords?: string[] } });

/** The first suggest input whose keywords hold `term`, waiting for the panel to send it. */
async function suggestInputWithKeyword(term: string) {
  const withTerm = () => suggestInputs().find((input) => input.signals?.keywords?.includes(term));
  await expect.poll(() => withTerm() !== undefined, { timeout: 15_000 }).toBe(true);
  return withTerm();
}

/** Waits for the Initech guide among a page's suggestions. */
const initechGuideShown = (page: Page) =>
  page
    .locator(`[data-testid="ps-suggestion"][data-asset-id="${seeded.initechGuideId}"]`)
    .waitFor({ timeout: 30_000 });

describe("what the extension sends about a page", () => {
  it.skipIf(skipBrowser)(
    browserTitle(
      "sends only library words, a persona key and addresses, in POST bodies: no code name, person's name, subject word or headline leaves Gmail or LinkedIn",
    ),
    async () => {
      if (!context) throw new Error("no browser");
      // the test's private words are not the library's (else sending them would be right)
      const token = await loginToken(harness.server, seeded.email, seeded.password);
      const vocabulary = await harness.server.client({ token }).suggest.vocabulary.query({});
      if (!vocabulary.changed) throw new Error("the vocabulary came without terms");
      for (const word of PRIVATE) expect(vocabulary.terms).not.toContain(word);
      expect(vocabulary.terms).toEqual(expect.arrayContaining(["initech", "イニテック"]));

      await harness.signIn(seeded.email, seeded.password);
      // the worker downloads the vocabulary on sign-in
      await expect
        .poll(() => harness.proxy.requests.some((r) => r.url === "/trpc/suggest.vocabulary"), {
          timeout: 15_000,
        })
        .toBe(true);

      const gmail = await context.newPage();
      await gmail.goto("https://mail.google.com/mail/u/0/#inbox?compose=new");
      await gmail.fill('input[name="subjectbox"]', SUBJECT);
      const body = gmail.locator('[role="dialog"] [g_editable="true"]');
      // at the end of the rep's last line of text (Ctrl+End would be inside the signature)
      await body.getByText("Here is how teams like yours").click();
      await gmail.keyboard.press("End");
      await gmail.keyboard.type(GMAIL_TYPED);
      const panel = gmail.getByTestId("ps-panel");
      await panel.getByTestId("ps-toggle").click();
      await initechGuideShown(gmail);
      // the competitor alias typed in the message went, as a signal and as a library keyword
      const fromGmail = await suggestInputWithKeyword("initech");
      expect(fromGmail?.signals?.competitors).toEqual(expect.arrayContaining(["acme", "initech"]));
      expect(fromGmail).toMatchObject({ recipientEmails: [CONTACT] });
      await gmail.close();

      const linkedin = await context.newPage();
      await linkedin.goto("https://www.linkedin.com/messaging/thread/2-JJA/?fixture=linkedin-messaging-ja");
      const box = linkedin.locator('.msg-form [role="textbox"]');
      await box.click();
      await linkedin.keyboard.type(LINKEDIN_TYPED);
      await initechGuideShown(linkedin);
      const fromLinkedIn = await suggestInputWithKeyword("イニテック");
      // the headline "株式会社サンプル 情報システム部 部長" went as its persona key only
      expect(fromLinkedIn).toMatchObject({ persona: "it", signals: { competitors: ["initech"] } });
      expect(fromLinkedIn).not.toHaveProperty("title");
      await linkedin.close();

      const requests = harness.proxy.requests;
      expect(requests.length).toBeGreaterThan(0);
      for (const request of requests) {
        const sent = everything(request);
        for (const word of PRIVATE) expect(sent, `${request.method} ${request.url}`).not.toContain(word);
        // no URL carries an input: every call is a POST with its input in the body
        expect(request.url, request.method).not.toContain("?");
        if (request.url.startsWith("/trpc/")) expect(request.method, request.url).toBe("POST");
      }
      const suggests = requests.filter((r) => r.url === "/trpc/suggest.forContext");
      expect(suggests.length).toBeGreaterThan(1);
      for (const input of suggestInputs()) {
        expect(Object.keys(input).sort()).not.toContain("text");
        expect(Object.keys(input).sort()).not.toContain("title");
      }
      // the fixture hosts only served the pages the test opened
      const pageRequests = harness.fixtures.requests.filter((r) => !r.endsWith("/favicon.ico"));
      expect(pageRequests.length).toBeGreaterThan(0);
      for (const request of pageRequests) {
        expect(request).toMatch(/^(mail\.google\.com \/mail\/u\/0\/|www\.linkedin\.com \/messaging\/)/);
        for (const word of PRIVATE) expect(request.toLowerCase()).not.toContain(word);
      }
    },
    180_000,
  );
});
