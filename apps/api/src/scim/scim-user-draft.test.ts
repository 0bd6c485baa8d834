import { describe, expect, it } from "vitest";
import { ScimError } from "./scim-errors";
import { readPatch } from "./scim-patch";
import { columnsOf, draftFromResource, draftFromStored, patchDraft } from "./scim-user-draft";

const stored = {
  email: "ada@example.test",
  scimUserName: null,
  name: "Ada Lovelace",
  externalId: "ext-1",
  disabledAt: null,
};
const patched = (operations: unknown[]) =>
  columnsOf(patchDraft(draftFromStored(stored), readPatch({ Operations: operations })));

describe("a PATCH on a stored user", () => {
  it("reads Okta's path-less and Entra ID's pathed, capitalised forms of active", () => {
    expect(patched([{ op: "replace", value: { active: false } }]).active).toBe(false);
    expect(patched([{ op: "Replace", path: "active", value: "False" }]).active).toBe(false);
    expect(patched([{ op: "Replace", path: "active", value: "True" }]).active).toBe(true);
  });

  it("rebuilds the name from a changed part, and takes a new displayName or formatted as it is", () => {
    expect(patched([{ op: "replace", path: "name.familyName", value: "King" }]).name).toBe("Ada King");
    expect(patched([{ op: "replace", path: "displayName", value: "Countess Lovelace" }]).name).toBe(
      "Countess Lovelace",
    );
    expect(
      patched([
        { op: "replace", path: "name.formatted", value: "A. A. King" },
        { op: "replace", path: "name.givenName", value: "Augusta" },
      ]).name,
    ).toBe("A. A. King");
    expect(patched([{ op: "replace", value: { "name.givenName": "Augusta" } }]).name).toBe(
      "Augusta Lovelace",
    );
  });

  it("changes the sign-in email with userName, and keeps a non-address userName beside the work email", () => {
    expect(patched([{ op: "replace", path: "userName", value: "Ada@New.test" }])).toMatchObject({
      email: "ada@new.test",
      scimUserName: null,
    });
    expect(
      patched([
        { op: "replace", path: "userName", value: "ada_l" },
        { op: "replace", path: 'emails[type eq "work"].value', value: "ada@work.test" },
      ]),
    ).toMatchObject({ email: "ada@work.test", scimUserName: "ada_l" });
  });

  it("removes externalId, ignores attributes it does not keep, refuses removing userName", () => {
    expect(
      patched([
        { op: "remove", path: "externalId" },
        { op: "add", path: "title", value: "Analyst" },
        {
          op: "replace",
          path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
          value: "R&D",
        },
      ]),
    ).toMatchObject({ externalId: null, name: "Ada Lovelace", email: "ada@example.test" });
    expect(() => patched([{ op: "remove", path: "userName" }])).toThrow(ScimError);
  });
});

describe("a User resource", () => {
  it("needs an address: userName, else a work email", () => {
    expect(() => columnsOf(draftFromResource({ userName: "nobody" }))).toThrow(/email address/);
    expect(
      columnsOf(draftFromResource({ userName: "x", emails: [{ value: "x@y.test", primary: true }] })).email,
    ).toBe("x@y.test");
  });

  it("names the user from formatted, else given and family, else displayName, else the address", () => {
    const name = (body: object) => columnsOf(draftFromResource({ userName: "a@b.test", ...body })).name;
    expect(name({ name: { formatted: "F", givenName: "G", familyName: "H" } })).toBe("F");
    expect(name({ name: { givenName: "G", familyName: "H" }, displayName: "D" })).toBe("G H");
    expect(name({ displayName: "D" })).toBe("D");
    expect(name({})).toBe("a");
  });
});
