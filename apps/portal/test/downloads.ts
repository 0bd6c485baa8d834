import { vi } from "vitest";

/**
 * Captures the files a page saves (it hands a Blob to URL.createObjectURL and clicks a link): returns a
 * reader of the last one's text, without its byte-order mark. Restore with vi.restoreAllMocks().
 */
export function captureDownloads() {
  const blobs: Blob[] = [];
  vi.spyOn(URL, "createObjectURL").mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return "blob:test";
  });
  vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
  return async () => (await (blobs.at(-1) as Blob).text()).replace(/^\uFEFF/, "");
}
