import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../../testing/server";
import { ConfigError } from "../config";
import { seedAdmin } from "../demo/seed";
import { passwordProblem } from "./password-strength";

const owner = { email: "sales.ana@example.test", name: "Ana Leeward" };

describe("passwordProblem", () => {
  it.each([
    ["aaaaaaaaaaaa", "passwordWeak", "simpleRepeat"],
    ["password1234", "passwordWeak", "similarToCommon"],
    ["            ", "passwordWeak", "simpleRepeat"],
    ["qwertyuiop12", "passwordWeak", "similarToCommon"],
  ])("refuses %j as too easy to guess, naming why", async (password, reason, kind) => {
    const problem = await passwordProblem(password, owner);
    expect(problem?.detail).toEqual({ reason, field: "password", params: { kind } });
    expect(problem?.message).toMatch(/^Password is too easy to guess: /);
  });

  it.each([
    ["sales.ana@example.test", "passwordHasEmail"],
    ["Sales.Ana@Example.test!", "passwordHasEmail"],
    ["my-salesana-forever", "passwordHasEmail"],
    ["Ana Leeward 2024!", "passwordHasName"],
  ])("refuses %j: the owner's own email or name", async (password, reason) => {
    expect((await passwordProblem(password, owner))?.detail?.reason).toBe(reason);
  });

  it.each(["correct-horse-battery-staple", "pitchside-admin-demo", "Tr0ub4dor&3-lamp-shade"])(
    "accepts %j",
    async (password) => {
      expect(await passwordProblem(password, owner)).toBeNull();
    },
  );

  it("stops the start when PITCHSIDE_ADMIN_PASSWORD is weak, naming the variable", async () => {
    const database = await openTestDatabase();
    try {
      await expect(
        seedAdmin(database.db, { email: "root@example.test", password: "password1234" }),
      ).rejects.toThrow(ConfigError);
      await expect(
        seedAdmin(database.db, { email: "root@example.test", password: "password1234" }),
      ).rejects.toThrow(/^Invalid configuration: PITCHSIDE_ADMIN_PASSWORD: Password is too easy to guess: /);
    } finally {
      await database.close();
    }
  });
});
