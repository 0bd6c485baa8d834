import { describe, expect, it } from "vitest";
import { markRequest } from "./suggestion-marks";

describe("markRequest", () => {
  it("marks, changes and takes back a mark, with the deal when there is one", () => {
    const where = { surface: "gmail" as const, dealId: "d1" };
    expect(markRequest("a1", null, true, where)).toEqual({
      assetId: "a1",
      helped: true,
      surface: "gmail",
      dealId: "d1",
    });
    expect(markRequest("a1", true, false, where).helped).toBe(false);
    expect(markRequest("a1", false, false, where).helped).toBeNull();
    expect(markRequest("a1", null, false, { surface: "linkedin", dealId: null })).toEqual({
      assetId: "a1",
      helped: false,
      surface: "linkedin",
    });
  });
});
