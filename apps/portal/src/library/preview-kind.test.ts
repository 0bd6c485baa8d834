import { describe, expect, it } from "vitest";
import { mimeEssence, previewKind } from "./preview-kind";

const file = { source: "file" as const, url: null };
const version = (
  mimeType: string | null,
  over: {
    renditionState?: "none" | "pending" | "ready" | "failed" | "unavailable";
    renditionUrl?: string | null;
  } = {},
) => ({ mimeType, renditionState: over.renditionState ?? "none", renditionUrl: over.renditionUrl ?? null });

describe("previewKind", () => {
  it("reads Markdown stored with a charset, as imported battle cards are", () => {
    expect(previewKind(file, version("text/markdown; charset=utf-8"))).toBe("markdown");
    expect(previewKind(file, version("Text/Markdown;charset=UTF-8"))).toBe("markdown");
    expect(previewKind({ source: "markdown", url: null }, version("text/markdown; charset=utf-8"))).toBe(
      "markdown",
    );
  });

  it("leaves plain text to its card", () => {
    expect(previewKind(file, version("text/plain; charset=utf-8"))).toBe("none");
  });

  it("shows the pages of every document with a rendition, PDF or Office", () => {
    const ready = (mime: string, id: string) =>
      version(mime, { renditionState: "ready", renditionUrl: `/api/files/${id}/rendition` });
    expect(previewKind(file, ready("application/pdf", "a"))).toBe("pages");
    expect(
      previewKind(
        file,
        ready("application/vnd.openxmlformats-officedocument.presentationml.presentation", "b"),
      ),
    ).toBe("pages");
    expect(previewKind(file, ready("application/vnd.ms-powerpoint", "c"))).toBe("pages");
  });

  it("says pages are on their way while the rendition is made, and falls back to the card without one", () => {
    expect(previewKind(file, version("application/pdf", { renditionState: "pending" }))).toBe("preparing");
    expect(previewKind(file, version("application/msword", { renditionState: "unavailable" }))).toBe("none");
    expect(previewKind(file, version("application/pdf", { renditionState: "failed" }))).toBe("none");
  });

  it("shows images and videos whatever their parameters, and links as links", () => {
    expect(previewKind(file, version("image/png"))).toBe("image");
    expect(previewKind(file, version("video/mp4; codecs=avc1"))).toBe("video");
    expect(previewKind({ source: "link", url: "https://example.com" }, null)).toBe("link");
    expect(previewKind(file, null)).toBe("none");
    expect(previewKind(file, version(null))).toBe("none");
  });
});

describe("mimeEssence", () => {
  it("drops parameters and case", () => {
    expect(mimeEssence("text/markdown; charset=utf-8")).toBe("text/markdown");
    expect(mimeEssence(" Application/PDF ")).toBe("application/pdf");
  });
});
