// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { fixtureTaxonomy, fixtureVocabulary, loadFixture } from "../../test/fixtures";
import { pageLanguage } from "../i18n/translate";
import { outgoingContext } from "../panel/page-signals";
import { findOutlookTargets, readCompose } from "./outlook";

const CONTACT = "dana.scully@globex-industries.test";
/** The text's lines without the blank ones between blocks. */
const lines = (text: string | undefined) => text?.replace(/\n+/g, "\n");
const parse = (html: string) => new DOMParser().parseFromString(html, "text/html");

describe("Outlook adapter on saved pages", () => {
  it("finds the inline reply and the open conversation in the reading pane", () => {
    const doc = loadFixture("outlook-reading-en.html");
    const targets = findOutlookTargets(doc);
    expect(targets).toHaveLength(2);
    const reply = targets.find((t) => t.editor !== null);
    const thread = targets.find((t) => t.editor === null);
    expect(reply?.editor?.parentElement?.id).toBe("editorParent_1");
    expect(reply?.anchor.getAttribute("data-testid")).toBe("inline-reply");
    expect(thread?.anchor.getAttribute("role")).toBe("heading");
    expect(thread?.insertPosition).toBe("afterend");

    const page = reply?.read();
    // the chip's tooltip holds the address; the header's persona of the same person is not the reply's
    expect(page?.recipients).toEqual([CONTACT]);
    expect(page?.subject).toBe("Re: Rollout timeline and pricing");
    expect(page?.missing).toEqual([]);
    // the draft without its signature and quoted history, then the conversation's newest message
    expect(page?.text).toContain("Thanks for walking me through the rollout plan yesterday.");
    expect(page?.text).not.toContain("Account Executive");
    expect(page?.text).not.toContain("From:");
    expect(page?.text).toContain("Can you send something our CFO can read before Friday?");
    // the newest message's own quoted history (ids prefixed x_ in received mail) is dropped
    expect(page?.text).not.toContain("Globex migration notes");
    const out = page && outgoingContext(page, fixtureTaxonomy, fixtureVocabulary);
    expect(out?.competitors).toEqual(["acme"]);
    expect(out?.objections).toEqual(["price"]);
    expect(out?.language).toBe("en");
  });

  it("reads the conversation's participants from the message headers, not the reply's chips", () => {
    const doc = loadFixture("outlook-reading-en.html");
    const thread = findOutlookTargets(doc).find((t) => t.editor === null);
    const page = thread?.read();
    expect(page?.recipients).toEqual([CONTACT]);
    expect(page?.subject).toBe("Re: Rollout timeline and pricing");
    expect(lines(page?.text)).toBe(
      "Thanks Riley. Acme quoted us a lower price and our budget is tight this quarter.\n" +
        "Can you send something our CFO can read before Friday?\nDana",
    );
  });

  it("reads a popped-out new message: subject field, a chip whose label holds the address", () => {
    const doc = loadFixture("outlook-compose-en.html");
    const targets = findOutlookTargets(doc);
    expect(targets).toHaveLength(1);
    const page = targets[0]?.read();
    expect(page).toMatchObject({
      recipients: [CONTACT],
      subject: "Rollout timeline and pricing",
      missing: [],
    });
    expect(lines(page?.text)).toBe(
      "Hi Dana,\nGood to meet you at the summit. Acme may pitch a lower price, so I put together how teams compare our total cost.",
    );
    expect(targets[0]?.anchor.getAttribute("role")).toBe("main");
  });

  it("works in the Japanese UI, where the chip of an external address shows the address", () => {
    const doc = loadFixture("outlook-reading-ja.html");
    expect(pageLanguage(doc)).toBe("ja");
    const targets = findOutlookTargets(doc);
    expect(targets).toHaveLength(2);
    const reply = targets.find((t) => t.editor !== null)?.read();
    expect(reply?.recipients).toEqual([CONTACT]);
    expect(reply?.subject).toBe("RE: 導入スケジュールとお見積もり");
    expect(reply?.text).not.toContain("Pitchside 営業部");
    expect(reply?.text).not.toContain("グローベックス");
    const signals = reply && outgoingContext(reply, fixtureTaxonomy, fixtureVocabulary);
    expect(signals?.competitors).toEqual(["acme"]);
    expect(signals?.objections).toEqual(["price"]);
    expect(signals?.language).toBe("ja");
    const thread = targets.find((t) => t.editor === null)?.read();
    expect(thread?.recipients).toEqual([CONTACT]);
  });

  it("takes the last message as the newest when the reply sits below the conversation", () => {
    const doc = parse(`<div id="ReadingPaneContainerId" role="main">
      <div role="heading" aria-level="2">Budget</div>
      <div id="UniqueMessageBody_1" role="document"><div>Older: the budget is fine.</div></div>
      <div id="UniqueMessageBody_2" role="document"><div>Newer: Globex is cheaper.</div></div>
      <div><div role="textbox" contenteditable="true" aria-label="To"></div>
        <div id="editorParent_1"><div contenteditable="true" role="textbox" aria-multiline="true">Noted.</div></div></div>
    </div>`);
    const reply = findOutlookTargets(doc).find((t) => t.editor !== null);
    expect(lines(reply?.read().text)).toBe("Noted.\nNewer: Globex is cheaper.");
  });

  it("falls back past a missing editorParent id, and reports a compose without any recipient well", () => {
    const doc = parse(`<div role="dialog"><input aria-label="件名を追加" value="ご提案">
      <div contenteditable="true" role="textbox" aria-multiline="true"><div>アクメ?</div></div></div>`);
    const [compose] = findOutlookTargets(doc);
    const page = compose?.editor ? readCompose(compose.editor, doc) : null;
    expect(page?.subject).toBe("ご提案");
    expect(page?.recipients).toEqual([]);
    expect(page?.missing).toEqual(["outlook.recipientWell"]);
  });

  it("does not call an empty To well of a new message a miss", () => {
    const doc = parse(`<div><div role="textbox" contenteditable="true" aria-label="宛先"></div>
      <div id="editorParent_1"><div contenteditable="true" role="textbox" aria-multiline="true"></div></div></div>`);
    const [compose] = findOutlookTargets(doc);
    expect(compose?.read()).toMatchObject({ recipients: [], missing: [] });
  });
});
