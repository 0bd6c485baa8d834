import react from "@vitejs/plugin-react";
import { defineProject } from "vitest/config";

export default defineProject({
  plugins: [react()],
  test: {
    name: "portal",
    environment: "happy-dom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["test/setup.ts"],
    // the real API (PGlite + Meilisearch) for tests that need data; see test/global-setup.ts
    globalSetup: ["test/global-setup.ts"],
    hookTimeout: 60_000,
    // whole-app renders with typing are slow when every file runs at once
    testTimeout: 30_000,
  },
});
