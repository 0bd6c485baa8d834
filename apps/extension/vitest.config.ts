import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "extension",
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.ts"],
    // the API harness's global setup (Meilisearch binary check), taken through the package's exports
    globalSetup: [fileURLToPath(import.meta.resolve("@pitchside/api/testing/global-setup"))],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // browser test files each build the extension into one folder and start Chromium: one at a time
    fileParallelism: false,
  },
});
