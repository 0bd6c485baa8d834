import { describe, expect, it } from "vitest";
import { emailDomain, isExternalAddress, looksLikeEmail } from "./email-domain";

describe("email domains", () => {
  it("reads the domain of an address", () => {
    expect(emailDomain("Dana@Globex.TEST")).toBe("globex.test");
    expect(emailDomain("not an address")).toBe("");
  });

  it("treats the rep and colleagues on the rep's domain as internal, everyone else as external", () => {
    const rep = "riley@pitchside.test";
    expect(isExternalAddress("RILEY@pitchside.test", rep)).toBe(false);
    expect(isExternalAddress("sam.ito@pitchside.test", rep)).toBe(false);
    expect(isExternalAddress("priya@northwind.test", rep)).toBe(true);
    // a rep on webmail: only their own address is theirs
    expect(isExternalAddress("friend@gmail.com", "rep@gmail.com")).toBe(true);
    expect(isExternalAddress("rep@gmail.com", "rep@gmail.com")).toBe(false);
    expect(isExternalAddress("anyone@x.test", null)).toBe(true);
  });

  it("tells an address from a typo before anything is sent", () => {
    expect(looksLikeEmail(" dana@globex.test ")).toBe(true);
    for (const bad of ["dana", "dana@globex", "dana@@globex.test", "da na@globex.test", "@globex.test"])
      expect(looksLikeEmail(bad), bad).toBe(false);
  });
});
