import { describe, expect, it } from "vitest";
import { detectSignals } from "./signals";
import { competitorsAndObjections, personas } from "./test-taxonomy";
import {
  EMPTY_VOCABULARY,
  libraryVocabulary,
  vocabularyKeywords,
  vocabularyOf,
  vocabularyTermsOf,
} from "./vocabulary";

const taxonomy = [...personas, ...competitorsAndObjections];
const assets = [
  { title: "Beating Acme on total cost", summary: "Rollout time and pricing compared.", tags: ["pricing"] },
  { title: "価格交渉の進め方", summary: "導入事例と反論対応", tags: ["値引き"] },
  { title: "Pricing calculator", summary: "", tags: [] },
];
const vocabulary = vocabularyOf(libraryVocabulary(taxonomy, assets));

describe("libraryVocabulary", () => {
  it("holds the taxonomy's keys, labels and patterns and the assets' title, summary and tag words", () => {
    const terms = libraryVocabulary(taxonomy, assets);
    for (const term of ["acme", "corp", "expensive", "budget", "cfo", "財務", "グローベックス", "価格"])
      expect(terms).toContain(term);
    for (const term of ["beating", "rollout", "pricing", "calculator", "値引"]) expect(terms).toContain(term);
    // stopwords are never terms: they are never keywords either
    expect(terms).not.toContain("the");
    expect(terms).toEqual([...terms].sort());
  });

  it("adds the dictionary words inside a Japanese run, so a shorter word in a message matches", () => {
    expect(vocabularyTermsOf("価格交渉の進め方")).toEqual(
      expect.arrayContaining(["価格交渉", "価格", "交渉"]),
    );
    expect(vocabularyTermsOf("導入事例と反論対応")).toEqual(
      expect.arrayContaining(["導入事例", "導入", "事例", "反論対応", "反論", "対応"]),
    );
  });

  it("keeps every taxonomy term and the most widely used asset words when capped", () => {
    const capped = libraryVocabulary(taxonomy, assets, 1);
    expect(capped).toContain("acme");
    expect(capped).not.toContain("calculator");
    const room = libraryVocabulary(taxonomy, []).length + 1;
    // "pricing" is in two assets, every other asset word in one
    expect(libraryVocabulary(taxonomy, assets, room).filter((t) => !capped.includes(t))).toEqual(["pricing"]);
  });
});

describe("vocabularyKeywords", () => {
  it("lets only vocabulary terms out of a message: no code name, no person's name", () => {
    const text =
      "Hi Priya Raman, Project Bluefinch is on track. Acme pricing came up again; the pricing calculator may help.";
    expect(vocabularyKeywords(text, vocabulary)).toEqual(["pricing", "acme", "calculator"]);
  });

  it("finds vocabulary words inside a Japanese run and nothing else of it", () => {
    // "佐藤価格表" is one kanji run: the name and "表" stay, the term "価格" goes
    expect(vocabularyKeywords("佐藤価格表について、佐藤様と交渉します。", vocabulary)).toEqual([
      "価格",
      "交渉",
    ]);
    expect(vocabularyKeywords("アクメ社の件", vocabulary)).toEqual(["アクメ"]);
    expect(vocabularyKeywords("佐藤さんとブルーフィンチ計画", vocabulary)).toEqual([]);
  });

  it("matches across width and case, as the rest of signal detection does", () => {
    expect(vocabularyKeywords("ＰＲＩＣＩＮＧ and ｱｸﾒ", vocabulary)).toEqual(["pricing", "アクメ"]);
  });

  it("returns nothing with an empty vocabulary", () => {
    expect(vocabularyKeywords("Acme pricing", EMPTY_VOCABULARY)).toEqual([]);
  });
});

describe("detectSignals with a vocabulary", () => {
  it("keeps the competitor and objection keys and limits keywords to the vocabulary", () => {
    const text =
      "Subject: Bluefinch renewal\nPriya says Acme is too expensive; can we share the pricing calculator?";
    const open = detectSignals(text, taxonomy);
    expect(open.keywords).toEqual(expect.arrayContaining(["bluefinch", "priya"]));
    const limited = detectSignals(text, taxonomy, { vocabulary });
    expect(limited).toEqual({ ...open, keywords: ["acme", "expensive", "pricing", "calculator"] });
    expect(detectSignals(text, taxonomy, { vocabulary: EMPTY_VOCABULARY }).keywords).toEqual([]);
  });
});
