import { beforeEach, describe, expect, it } from "vitest";
import { installMemoryStorage } from "../../test/memory-storage";
import { explainError } from "../i18n/explain-error";
import { translator } from "../i18n/translate";
import { setServerUrl } from "../storage/settings";
import { login } from "./session-service";

describe("signing in from the popup", () => {
  beforeEach(() => {
    installMemoryStorage();
  });

  it("names the configured server when it cannot be reached", async () => {
    await setServerUrl("http://127.0.0.1:9");
    const err = await login("rep@example.test", "secret").catch((e: unknown) => e);
    expect(explainError(err, translator("en"))).toContain("Can't reach Pitchside at http://127.0.0.1:9.");
  });
});
