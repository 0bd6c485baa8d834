import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "extension",
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.ts"],
    globalSetup: ["../api/src/test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // browser test files each build the extension into one folder and start Chromium: one at a time
    fileParallelism: false,
  },
});
