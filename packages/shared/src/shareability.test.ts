import { describe, expect, it } from "vitest";
import { whyNotShareable } from "./shareability";

const live = { status: "published", audience: "external", expiresAt: null } as const;
const now = new Date("2030-06-01T12:00:00Z");

describe("whyNotShareable", () => {
  it("lets a published, unexpired, external asset leave", () => {
    expect(whyNotShareable(live, now)).toBeNull();
    expect(whyNotShareable({ ...live, expiresAt: "2030-06-02T00:00:00Z" }, now)).toBeNull();
  });

  it("names internal first, then the status, then the expiry", () => {
    expect(whyNotShareable({ ...live, audience: "internal", status: "draft" }, now)).toBe("internal");
    expect(whyNotShareable({ ...live, status: "in_review" }, now)).toBe("in_review");
    expect(whyNotShareable({ ...live, status: "archived", expiresAt: "2030-01-01T00:00:00Z" }, now)).toBe(
      "archived",
    );
    expect(whyNotShareable({ ...live, expiresAt: "2030-06-01T12:00:00Z" }, now)).toBe("expired");
  });
});
