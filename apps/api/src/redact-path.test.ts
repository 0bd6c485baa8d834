import { describe, expect, it } from "vitest";
import { redactPath } from "./app";

describe("redactPath", () => {
  it("keeps share tokens and query strings out of the request log", () => {
    expect(redactPath("/s/AbC123_-xyz")).toBe("/s/:token");
    expect(redactPath("/s/AbC123_-xyz/file?download=1")).toBe("/s/:token/file");
    expect(redactPath("/api/v/AbC123_-xyz/events")).toBe("/api/v/:token/events");
    expect(redactPath("/trpc/search.query?input=%7B%22q%22%3A%22secret%22%7D")).toBe("/trpc/search.query");
    expect(redactPath("/s/_/pdf.mjs")).toBe("/s/_/pdf.mjs");
  });
});
