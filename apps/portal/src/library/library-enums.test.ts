import * as shared from "@pitchside/shared";
import { describe, expect, it } from "vitest";
import { assetTypes, audiences, defaultAudienceByType } from "./library-enums";

describe("the library's restated lists", () => {
  it("match the shared package's", () => {
    expect(assetTypes).toEqual(shared.assetTypes);
    expect(audiences).toEqual(shared.audiences);
    expect(defaultAudienceByType).toEqual(shared.defaultAudienceByType);
  });
});
