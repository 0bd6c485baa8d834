import type { AssetType } from "@pitchside/shared";
import { describe, expect, it } from "vitest";
import {
  type AssetTagSuggestion,
  anyPending,
  applySuggestions,
  applyTitleSuggestions,
  applyTypeSuggestion,
  commonTags,
  commonType,
  type SuggestedTags,
  stillSuggested,
} from "./tag-suggestions";

const tags = (over: Partial<SuggestedTags> = {}): SuggestedTags => ({
  stages: [],
  personas: [],
  industries: [],
  competitors: [],
  objections: [],
  ...over,
});
type Suggestion = NonNullable<AssetTagSuggestion["suggestion"]>;
const ready = (
  over: Partial<SuggestedTags> & Partial<Pick<Suggestion, "type" | "title">>,
  assetId = "a1",
): AssetTagSuggestion => ({
  assetId,
  state: "ready",
  suggestion: { type: null, title: null, ...tags(over), ...over },
});
const unread = (state: "pending" | "failed", assetId = "a9"): AssetTagSuggestion => ({
  assetId,
  state,
  suggestion: null,
});
const untouched = () => false;

describe("commonTags", () => {
  it("offers one file its own suggestions", () => {
    const only = tags({ stages: ["proposal"], competitors: ["acme", "globex"] });
    expect(commonTags([ready(only)])).toEqual(only);
  });

  it("offers several files only the tags suggested for every one of them", () => {
    const common = commonTags([
      ready({ stages: ["proposal", "discovery"], personas: ["cfo"], objections: ["price"] }),
      ready({ stages: ["proposal"], personas: ["cto"], objections: ["price", "security"] }),
      ready({ stages: ["discovery", "proposal"], objections: ["price"] }),
    ]);
    expect(common).toEqual(tags({ stages: ["proposal"], objections: ["price"] }));
  });

  it("leaves out files whose text could not be read, and has nothing without a read file", () => {
    const failed = unread("failed");
    expect(commonTags([failed, ready({ industries: ["retail"] })])).toEqual(tags({ industries: ["retail"] }));
    expect(commonTags([failed])).toBeNull();
    expect(commonTags([])).toBeNull();
  });

  it("knows when a file is still being read", () => {
    expect(anyPending([ready({}), unread("pending")])).toBe(true);
    expect(anyPending([ready({}), unread("failed")])).toBe(false);
  });
});

describe("applySuggestions", () => {
  it("fills only the fields the marketer has not touched, and only with something to suggest", () => {
    const touched = new Set(["personas"]);
    const { changes, applied } = applySuggestions(
      tags({ stages: ["proposal"], personas: ["cfo"], objections: [] }),
      (field) => touched.has(field),
    );
    expect(changes).toEqual({ stages: ["proposal"] });
    expect(applied).toEqual({ stages: ["proposal"] });
  });

  it("empties a field an earlier suggestion filled when the new files no longer share it", () => {
    const { changes, applied } = applySuggestions(tags({ stages: ["proposal"] }), untouched, {
      stages: ["discovery"],
      competitors: ["acme"],
    });
    expect(changes).toEqual({ stages: ["proposal"], competitors: [] });
    expect(applied).toEqual({ stages: ["proposal"] });
  });

  it("keeps what a touched field holds, still marked when it was suggested", () => {
    const { changes, applied } = applySuggestions(
      tags({ competitors: ["globex"] }),
      (f) => f === "competitors",
      {
        competitors: ["acme"],
      },
    );
    expect(changes).toEqual({});
    expect(applied).toEqual({ competitors: ["acme"] });
  });
});

describe("stillSuggested", () => {
  it("marks a field while it holds what was suggested, in any order, and not once the marketer changes it", () => {
    const applied = { stages: ["proposal", "discovery"], personas: ["cfo"] };
    const values = {
      ...tags({ stages: ["discovery", "proposal"], personas: ["cfo", "cto"] }),
      type: "other" as const,
    };
    expect([...stillSuggested(values, applied)]).toEqual(["stages"]);
    expect(stillSuggested({ ...tags(), type: "other" }, {}).size).toBe(0);
  });

  it("marks the type while it is the suggested one", () => {
    expect([...stillSuggested({ ...tags(), type: "deck" }, { type: "deck" })]).toEqual(["type"]);
    expect(stillSuggested({ ...tags(), type: "case_study" }, { type: "deck" }).size).toBe(0);
  });
});

describe("commonType", () => {
  it("offers one file its own type, and several the type they all agree on", () => {
    expect(commonType([ready({ type: "deck" })])).toBe("deck");
    expect(commonType([ready({ type: "case_study" }), ready({ type: "case_study" })])).toBe("case_study");
  });

  it("offers nothing when the files disagree or one has no type, and leaves unread files out", () => {
    expect(commonType([ready({ type: "deck" }), ready({ type: "case_study" })])).toBeNull();
    expect(commonType([ready({ type: "deck" }), ready({ type: null })])).toBeNull();
    expect(commonType([ready({ type: null })])).toBeNull();
    expect(commonType([unread("failed"), ready({ type: "deck" })])).toBe("deck");
    expect(commonType([unread("failed")])).toBeNull();
  });
});

describe("applyTypeSuggestion", () => {
  const apply = (type: AssetType | null, touched: boolean, previous?: AssetType) =>
    applyTypeSuggestion(type, touched, previous, "other");

  it("fills an untouched Type field and leaves a touched one as the marketer set it", () => {
    expect(apply("deck", false)).toEqual({ change: "deck", applied: "deck" });
    expect(apply("deck", true)).toEqual({});
    expect(apply("case_study", true, "deck")).toEqual({ applied: "deck" });
  });

  it("puts back the default when the files no longer agree on the type it suggested", () => {
    expect(apply(null, false, "deck")).toEqual({ change: "other" });
    expect(apply(null, false)).toEqual({});
  });
});

describe("applyTitleSuggestions", () => {
  const file = (key: string, assetId: string, title: string, edited = false) => ({
    key,
    assetId,
    title,
    edited,
  });

  it("gives each unedited file the title its properties name, and keeps an edited one", () => {
    const { changes, applied } = applyTitleSuggestions(
      [
        file("f1", "a1", "q3-deck-final"),
        file("f2", "a2", "Renewal playbook", true),
        file("f3", "a3", "scan0042"),
      ],
      [
        ready({ title: "  Q3 pricing deck " }, "a1"),
        ready({ title: "Customer renewal guide" }, "a2"),
        ready({ title: null }, "a3"),
      ],
    );
    expect(changes).toEqual({ f1: "Q3 pricing deck" });
    expect(applied).toEqual({ f1: "Q3 pricing deck" });
  });

  it("marks a title already the suggested one without changing it, and ignores unread files", () => {
    const { changes, applied } = applyTitleSuggestions(
      [file("f1", "a1", "Northwind case study"), file("f2", "a2", "brief")],
      [ready({ title: "Northwind case study" }, "a1"), unread("failed", "a2")],
    );
    expect(changes).toEqual({});
    expect(applied).toEqual({ f1: "Northwind case study" });
  });
});
