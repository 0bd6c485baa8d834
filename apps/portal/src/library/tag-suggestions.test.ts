import { describe, expect, it } from "vitest";
import {
  type AssetTagSuggestion,
  anyPending,
  applySuggestions,
  commonTags,
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
const ready = (over: Partial<SuggestedTags>): AssetTagSuggestion => ({
  state: "ready",
  suggestion: tags(over),
});
const untouched = () => false;

describe("commonTags", () => {
  it("offers one file its own suggestions", () => {
    const only = tags({ stages: ["proposal"], competitors: ["acme", "globex"] });
    expect(commonTags([{ state: "ready", suggestion: only }])).toEqual(only);
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
    const failed: AssetTagSuggestion = { state: "failed", suggestion: null };
    expect(commonTags([failed, ready({ industries: ["retail"] })])).toEqual(tags({ industries: ["retail"] }));
    expect(commonTags([failed])).toBeNull();
    expect(commonTags([])).toBeNull();
  });

  it("knows when a file is still being read", () => {
    expect(anyPending([ready({}), { state: "pending", suggestion: null }])).toBe(true);
    expect(anyPending([ready({}), { state: "failed", suggestion: null }])).toBe(false);
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
    const values = tags({ stages: ["discovery", "proposal"], personas: ["cfo", "cto"] });
    expect([...stillSuggested(values, applied)]).toEqual(["stages"]);
    expect(stillSuggested(tags(), {}).size).toBe(0);
  });
});
