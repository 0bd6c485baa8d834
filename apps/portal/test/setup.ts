import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import type { DetachedWindowAPI } from "happy-dom";
import { afterEach, inject } from "vitest";

declare global {
  interface Window {
    /** happy-dom's control of the test window. */
    happyDOM?: DetachedWindowAPI;
  }
}

// Browser tests (playwright, `@vitest-environment node`) share this file and have no window.
if (typeof window !== "undefined") {
  // The page lives on the test API's origin, as the built portal does: its calls are same-origin.
  window.happyDOM?.setURL(inject("apiUrl"));

  afterEach(async () => {
    cleanup();
    // calls still in flight would be aborted, noisily, when the window is torn down
    await window.happyDOM?.waitUntilComplete();
    localStorage.clear();
  });

  // Browser APIs happy-dom lacks and Mantine calls (media queries, element sizing, scrolling).
  window.matchMedia = (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  });
  window.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  window.HTMLElement.prototype.scrollIntoView = () => undefined;
  // an autosizing textarea re-measures when web fonts load
  if (!("fonts" in document)) Object.defineProperty(document, "fonts", { value: new EventTarget() });

  // A whole-app render loads its page chunk and data first; under a busy machine that can take over 1 s.
  configure({ asyncUtilTimeout: 5_000 });
}
