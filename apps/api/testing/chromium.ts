/** The Chromium the browser tests drive: CHROMIUM_PATH, or the system's. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags every browser test starts Chromium with: no sandbox (containers), no GPU, nothing fetched on its own. */
export const testChromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
