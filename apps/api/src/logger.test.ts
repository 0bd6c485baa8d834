import { describe, expect, it } from "vitest";
import { createLogger, defaultLogFormat } from "./logger";

describe("log format", () => {
  it("is pretty at a terminal and JSON lines otherwise (a pipe, a file, a collector)", () => {
    expect(defaultLogFormat(true)).toBe("pretty");
    expect(defaultLogFormat(false)).toBe("json");
    expect(defaultLogFormat(undefined)).toBe("json");
  });

  it("builds either logger at the level asked", () => {
    expect(createLogger("warn", "pretty").level).toBe("warn");
    expect(createLogger("debug", "json").level).toBe("debug");
  });
});
