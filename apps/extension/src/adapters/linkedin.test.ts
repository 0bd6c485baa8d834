// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { fixtureTaxonomy, fixtureVocabulary, loadFixture } from "../../test/fixtures";
import { outgoingContext } from "../panel/page-signals";
import { findLinkedInTargets } from "./linkedin";

describe("LinkedIn adapter on saved pages", () => {
  it("reads the profile's headline and the overlay's conversation on a profile page", () => {
    const doc = loadFixture("linkedin-profile.html");
    const targets = findLinkedInTargets(doc, true);
    expect(targets).toHaveLength(2);
    const [profile, overlay] = targets;
    expect(profile?.editor).toBeNull();
    expect(profile?.anchor.getAttribute("data-view-name")).toBe("profile-card");
    expect(profile?.read().title).toBe("VP Finance at Northwind Traders | CFO office");

    expect(overlay?.editor?.getAttribute("role")).toBe("textbox");
    expect(overlay?.anchor.getAttribute("data-view-name")).toBe("message-overlay-conversation-bubble");
    const page = overlay?.read();
    // the overlay has no headline of its own: the profile it was opened on gives it
    expect(page?.title).toBe("VP Finance at Northwind Traders | CFO office");
    expect(page?.text).toContain("Understood, here is a comparison:");
    expect(page?.text).toContain("We are comparing you with Acme");
    expect(page?.text).not.toContain("happy to share");
    const signals = page && outgoingContext(page, fixtureTaxonomy, fixtureVocabulary);
    expect(signals?.competitors).toEqual(["acme"]);
    expect(signals?.objections).toEqual(["price"]);
    // the headline stays in the browser: its persona key goes instead
    expect(signals?.persona).toBe("finance");
    expect(JSON.stringify(signals)).not.toContain("Northwind");
  });

  it("finds the message box of the Japanese messaging page and its contact's headline", () => {
    const doc = loadFixture("linkedin-messaging-ja.html");
    const targets = findLinkedInTargets(doc, false);
    expect(targets).toHaveLength(1);
    const page = targets[0]?.read();
    expect(page?.title).toBe("株式会社サンプル 情報システム部 部長");
    const signals = page && outgoingContext(page, fixtureTaxonomy, fixtureVocabulary);
    expect(signals?.objections).toEqual(["security"]);
    expect(signals?.language).toBe("ja");
    expect(signals?.persona).toBe("it");
  });

  it("offers no profile panel away from a profile page (LinkedIn navigates without reloading)", () => {
    const doc = loadFixture("linkedin-profile.html");
    expect(findLinkedInTargets(doc, false).map((t) => t.editor !== null)).toEqual([true]);
  });
});
