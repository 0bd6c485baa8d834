import { describe, expect, it } from "vitest";
import { suggestMetadata } from "./metadata-suggestions";
import { competitorsAndObjections, makeTerm, personas } from "./test-taxonomy";

const taxonomy = [
  ...personas,
  ...competitorsAndObjections,
  makeTerm("stage", "discovery", [], { en: "Discovery", ja: "ヒアリング" }, 1),
  makeTerm("industry", "manufacturing", [], { en: "Manufacturing", ja: "製造業" }, 1),
];

describe("suggestMetadata", () => {
  it("reads competitors, objections, personas, stages, industry and language from an English document", () => {
    const s = suggestMetadata(
      "Proposal for the CFO: why teams leave Acme. If it feels too expensive, show the Finance case. Manufacturing customers saw payback in a quarter.",
      taxonomy,
    );
    expect(s).toEqual({
      type: null,
      stages: ["proposal"],
      personas: ["finance"],
      industries: ["manufacturing"],
      competitors: ["acme"],
      objections: ["price"],
      language: "en",
    });
  });

  it("takes an acronym only in capitals: 'it' is a pronoun, IT is a persona, also next to Japanese", () => {
    expect(suggestMetadata("Make it simple, and it works.", taxonomy).personas).toEqual([]);
    expect(suggestMetadata("IT部門の責任者向け資料", taxonomy).personas).toEqual(["it"]);
  });

  it("reads Japanese in any width and script, ranks by how often a term is mentioned", () => {
    const s = suggestMetadata(
      "ｱｸﾒとの比較。経理部長への提案。価格が高いという声。財務の観点で提案を整理。",
      taxonomy,
    );
    expect(s.competitors).toEqual(["acme"]);
    expect(s.objections).toEqual(["price"]);
    expect(s.personas[0]).toBe("finance");
    expect(s.stages).toEqual(["proposal"]);
    expect(s.language).toBe("ja");
  });

  it("suggests nothing, and no language, for an empty text", () => {
    expect(suggestMetadata("  ", taxonomy)).toEqual({
      type: null,
      stages: [],
      personas: [],
      industries: [],
      competitors: [],
      objections: [],
      language: null,
    });
  });

  it("suggests a type from what the document calls itself near its start, else from its shape", () => {
    expect(suggestMetadata("Customer story: how Harbor Steel cut reporting time", taxonomy).type).toBe(
      "case_study",
    );
    expect(suggestMetadata("競合比較：アクメとの違い", taxonomy).type).toBe("battle_card");
    expect(suggestMetadata("Quarterly kickoff", taxonomy, "presentation").type).toBe("deck");
    expect(suggestMetadata("Product tour", taxonomy, "video").type).toBe("video");
    const late = `Roadmap ${"and more words ".repeat(400)} see the case study`;
    expect(suggestMetadata(late, taxonomy, "presentation").type).toBe("deck");
  });
});
