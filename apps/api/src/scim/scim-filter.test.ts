import { describe, expect, it } from "vitest";
import { ScimError } from "./scim-errors";
import { parseFilter, parsePath } from "./scim-filter";

const scimTypeOf = (fn: () => unknown) => {
  try {
    fn();
    return "parsed";
  } catch (err) {
    if (err instanceof ScimError) return `${err.status} ${err.scimType}`;
    throw err;
  }
};

describe("parseFilter", () => {
  it("reads the filters Okta and Entra ID send", () => {
    expect(parseFilter('userName eq "test.user@okta.local"')).toEqual([
      { path: "username", value: "test.user@okta.local" },
    ]);
    expect(parseFilter('externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"')).toEqual([
      { path: "externalid", value: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef" },
    ]);
    expect(parseFilter('emails[type eq "work"].value eq "a@b.test"')).toEqual([
      { path: "emails.value", value: "a@b.test", where: { path: "type", value: "work" } },
    ]);
    expect(parseFilter('displayName eq "Sales \\"West\\""')).toEqual([
      { path: "displayname", value: 'Sales "West"' },
    ]);
  });

  it("joins comparisons with and (any case), in parentheses too, and drops the core schema URN", () => {
    expect(
      parseFilter('(urn:ietf:params:scim:schemas:core:2.0:User:userName EQ "a@b.test") AND active eq true'),
    ).toEqual([
      { path: "username", value: "a@b.test" },
      { path: "active", value: true },
    ]);
  });

  it("treats an empty filter as none", () => {
    expect(parseFilter(undefined)).toEqual([]);
    expect(parseFilter("  ")).toEqual([]);
  });

  it.each([
    ['userName co "test"'],
    ['userName eq "a" or userName eq "b"'],
    ['not (userName eq "a")'],
    ["userName eq"],
    ['userName eq "unclosed'],
    ['userName eq "a" junk'],
    ['emails[type eq "work" and primary eq true].value eq "x"'],
    ["userName pr"],
    [`userName eq "${"x".repeat(1001)}"`],
  ])("refuses %s with 400 invalidFilter", (filter) => {
    expect(scimTypeOf(() => parseFilter(filter))).toBe("400 invalidFilter");
  });
});

describe("parsePath", () => {
  it("reads attribute, sub-attribute and value-filter paths", () => {
    expect(parsePath("active")).toEqual({ attr: "active" });
    expect(parsePath("name.givenName")).toEqual({ attr: "name", sub: "givenname" });
    expect(parsePath('emails[type eq "work"].value')).toEqual({
      attr: "emails",
      where: { path: "type", value: "work" },
      sub: "value",
    });
    expect(parsePath('members[value eq "89bb1940-b905-4575-9e7f-6f887cfb368e"]')).toEqual({
      attr: "members",
      where: { path: "value", value: "89bb1940-b905-4575-9e7f-6f887cfb368e" },
    });
    expect(parsePath("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department")).toEqual({
      attr: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:department",
    });
  });

  it("refuses what is no path with 400 invalidPath", () => {
    expect(scimTypeOf(() => parsePath('members[value eq "x"'))).toBe("400 invalidPath");
    expect(scimTypeOf(() => parsePath("active junk"))).toBe("400 invalidPath");
  });
});
