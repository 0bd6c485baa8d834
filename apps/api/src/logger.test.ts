import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createLogger, defaultLogFormat, redactPaths } from "./logger";

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

describe("redaction", () => {
  it("never writes the OIDC client secret or a provider's tokens", () => {
    const lines: string[] = [];
    const logger = pino(
      { redact: { paths: redactPaths, censor: "[redacted]" } },
      { write: (l: string) => lines.push(l) },
    );
    logger.info({ oidc: { clientId: "pitchside", clientSecret: "s3cret" } }, "config");
    logger.info(
      { tokens: { id_token: "eyJ.id", access_token: "at", refresh_token: "rt", code_verifier: "cv" } },
      "x",
    );
    const written = lines.join("\n");
    for (const secret of ["s3cret", "eyJ.id", '"at"', '"rt"', '"cv"']) expect(written).not.toContain(secret);
    expect(written).toContain("pitchside");
  });
});
