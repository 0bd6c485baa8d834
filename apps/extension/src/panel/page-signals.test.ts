import { EMPTY_VOCABULARY } from "@pitchside/shared";
import { describe, expect, it } from "vitest";
import { fixtureTaxonomy, fixtureVocabulary } from "../../test/fixtures";
import type { PageContext } from "../adapters/page-context";
import { outgoingContext } from "./page-signals";

const page: PageContext = {
  recipients: ["priya.raman@northwind.test"],
  subject: "Project Bluefinch: quarterly kickoff",
  text: [
    "Hi Priya Raman,",
    "Project Bluefinch is moving. Acme pitched their pricing again and 佐藤さん asked about セキュリティ.",
    "Could we go over the pricing on Thursday?",
  ].join("\n"),
  title: "VP Finance, Bluefinch programme",
  missing: [],
};

/** Every word of the page that is not a library term; none may appear in what is sent. */
const PRIVATE = ["bluefinch", "priya", "raman", "佐藤", "quarterly", "kickoff", "programme", "moving"];

describe("outgoingContext", () => {
  it("sends the library's words and the persona key, never other words of the subject, draft or title", () => {
    const out = outgoingContext(page, fixtureTaxonomy, fixtureVocabulary);
    expect(out).toEqual({
      recipients: ["priya.raman@northwind.test"],
      persona: "finance",
      competitors: ["acme"],
      objections: ["security"],
      keywords: ["pricing", "acme", "セキュリティ"],
      language: "en",
    });
    const sent = JSON.stringify({ ...out, recipients: [] }).toLowerCase();
    for (const word of PRIVATE) expect(sent).not.toContain(word);
    for (const keyword of out.keywords) expect(fixtureVocabulary.terms.has(keyword)).toBe(true);
  });

  it("sends no keywords before the vocabulary has been downloaded, signals still", () => {
    const out = outgoingContext(page, fixtureTaxonomy, EMPTY_VOCABULARY);
    expect(out.keywords).toEqual([]);
    expect(out.competitors).toEqual(["acme"]);
    expect(out.persona).toBe("finance");
  });

  it("sends no persona when the title names none", () => {
    const out = outgoingContext({ ...page, title: "Bluefinch lead" }, fixtureTaxonomy, fixtureVocabulary);
    expect(out.persona).toBeNull();
  });
});
