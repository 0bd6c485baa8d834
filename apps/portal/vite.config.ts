import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { firstLoadBudget } from "./first-load-budget.ts";
import { precompress } from "./precompress.ts";

const api = "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [react(), firstLoadBudget(320), precompress()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: { "/trpc": api, "/api": api, "/s": api, "/health": api },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // the shell's vendor code (React DOM, Mantine, router) is one chunk; the budget above is what matters
    chunkSizeWarningLimit: 600,
  },
});
