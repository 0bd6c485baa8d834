// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { fixtureTaxonomy, fixtureVocabulary, loadFixture } from "../../test/fixtures";
import { outgoingContext } from "../panel/page-signals";
import { findGmailTargets, readCompose } from "./gmail";

describe("Gmail adapter on saved pages", () => {
  it("finds the compose window of the English UI and reads recipients, subject and the draft", () => {
    const doc = loadFixture("gmail-compose-en.html");
    const targets = findGmailTargets(doc);
    expect(targets).toHaveLength(1);
    const [compose] = targets;
    expect(compose?.editor?.getAttribute("role")).toBe("textbox");
    expect(compose?.anchor.getAttribute("role")).toBe("dialog");
    const page = compose?.read();
    expect(page?.recipients).toEqual(["dana.scully@globex-industries.test"]);
    expect(page?.subject).toBe("Rollout timeline and pricing");
    expect(page?.text).toContain("Acme quoted you a lower price");
    expect(page?.missing).toEqual([]);
    const out = outgoingContext(
      page ?? { recipients: [], subject: "", text: "", title: "", missing: [] },
      fixtureTaxonomy,
      fixtureVocabulary,
    );
    expect(out.competitors).toEqual(["acme"]);
    expect(out.objections).toEqual(["price"]);
    expect(out.language).toBe("en");
    // of the subject and draft, only the library's words go: "timeline", "dana", "quarter" stay here
    expect(out.keywords).toEqual(["rollout", "pricing", "acme", "price", "budget", "total", "cost"]);
  });

  it("handles two compose windows at once in the Japanese UI, each with its own recipients", () => {
    const doc = loadFixture("gmail-compose-ja.html");
    const targets = findGmailTargets(doc);
    expect(targets.map((t) => t.anchor.id)).toEqual(["compose-1", "compose-2"]);
    const [first, second] = targets.map((t) => t.read());
    expect(first?.recipients).toEqual(["yamada@tokyo-trading.test", "suzuki@tokyo-trading.test"]);
    expect(first?.subject).toBe("お見積もりについて");
    // the second window shows its recipient as an [email] chip: the next hook in the list finds it
    expect(second?.recipients).toEqual(["kimura@osaka-foods.test"]);
    const signals = first && outgoingContext(first, fixtureTaxonomy, fixtureVocabulary);
    expect(signals?.competitors).toEqual(["acme"]);
    expect(signals?.objections).toEqual(["price"]);
    expect(signals?.language).toBe("ja");
  });

  it("reads an open thread's newest message without its quoted history, and a reply inside it", () => {
    const doc = loadFixture("gmail-thread-en.html");
    const targets = findGmailTargets(doc);
    expect(targets).toHaveLength(2);
    const reply = targets.find((t) => t.editor !== null);
    const thread = targets.find((t) => t.editor === null);
    const threadPage = thread?.read();
    expect(threadPage?.subject).toBe("Re: Security review");
    expect(threadPage?.recipients).toEqual(
      expect.arrayContaining(["priya.shah@northwind.test", "tom.lee@northwind.test"]),
    );
    expect(threadPage?.text).toContain("We are also evaluating Globex.");
    expect(threadPage?.text).not.toContain("Acme pricing comparison");

    const replyPage = reply?.read();
    expect(replyPage?.recipients).toEqual(["priya.shah@northwind.test", "tom.lee@northwind.test"]);
    expect(replyPage?.subject).toBe("Re: Security review");
    const signals = replyPage && outgoingContext(replyPage, fixtureTaxonomy, fixtureVocabulary);
    expect(signals?.competitors).toEqual(["globex"]);
    expect(signals?.objections).toEqual(["security"]);
  });

  it("reads the Japanese thread's newest message and drops the quoted one", () => {
    const doc = loadFixture("gmail-thread-ja.html");
    const [thread] = findGmailTargets(doc);
    const page = thread?.read();
    expect(page?.subject).toBe("Re: 導入スケジュール");
    expect(page?.recipients).toContain("yamada@tokyo-trading.test");
    const signals = page && outgoingContext(page, fixtureTaxonomy, fixtureVocabulary);
    expect(signals?.competitors).toEqual(["globex"]);
    expect(signals?.objections).toEqual(["price"]);
    expect(signals?.language).toBe("ja");
  });

  it("falls back to the next selector when Gmail drops an attribute, and reports missing recipients", () => {
    const doc = new DOMParser().parseFromString(
      `<div role="dialog"><input name="subjectbox" value="Hello">
        <div contenteditable="true" role="textbox" aria-multiline="true"><div>Acme?</div></div></div>`,
      "text/html",
    );
    const [compose] = findGmailTargets(doc);
    expect(compose).toBeDefined();
    const page = compose?.editor ? readCompose(compose.editor, doc) : null;
    expect(page?.subject).toBe("Hello");
    expect(page?.recipients).toEqual([]);
    expect(page?.missing).toEqual(["gmail.recipients"]);
  });

  it("does not call an empty To field of a new compose window a miss", () => {
    const doc = new DOMParser().parseFromString(
      `<div role="dialog"><input name="subjectbox" value="">
        <input aria-label="宛先" role="combobox" peoplekit-id="BbVjBd">
        <div contenteditable="true" role="textbox" g_editable="true"></div></div>`,
      "text/html",
    );
    const [compose] = findGmailTargets(doc);
    expect(compose?.read()).toMatchObject({ recipients: [], missing: [] });
  });

  it("reads a reply popped out of the thread with its thread, never the rep's own signature or colleagues", () => {
    const doc = loadFixture("gmail-docked-en.html");
    const targets = findGmailTargets(doc);
    const popped = targets.find((t) => t.anchor.id === "compose-3")?.read();
    expect(popped?.text).toContain("We are also evaluating Globex.");
    expect(popped?.text).not.toContain("Account Executive");
    const out = popped && outgoingContext(popped, fixtureTaxonomy, fixtureVocabulary, "rep@pitchside.test");
    // the colleague on copy is not the buyer; the buyer's title comes from her signature
    expect(out?.recipients).toEqual(["priya.shah@northwind.test", "tom.lee@northwind.test"]);
    expect(out?.persona).toBe("finance");
    expect(out?.competitors).toEqual(["globex"]);
    // a new message to someone else reads only its own draft
    const fresh = targets.find((t) => t.anchor.id === "compose-1")?.read();
    expect(fresh?.text).toBe("Hi Dana,\n\nAcme quoted a lower price; here is how the totals compare.");
  });

  it("puts the thread's panel in the thread's right-hand column", () => {
    const doc = loadFixture("gmail-docked-en.html");
    const thread = findGmailTargets(doc).find((t) => t.editor === null);
    expect(thread?.placement).toBe("rail");
    expect(thread?.anchor.matches("td.y3")).toBe(true);
    expect(thread?.insertPosition).toBe("afterbegin");
  });

  it("reads the Japanese buyer's persona from the title in the signature of their latest message", () => {
    const doc = loadFixture("gmail-thread-ja.html");
    const page = findGmailTargets(doc)
      .find((t) => t.editor === null)
      ?.read();
    const out = page && outgoingContext(page, fixtureTaxonomy, fixtureVocabulary, "rep@pitchside.test");
    expect(out?.persona).toBe("finance");
    expect(out?.recipients).not.toContain("rep@pitchside.test");
  });
});
