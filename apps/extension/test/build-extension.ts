import { execFileSync } from "node:child_process";
import path from "node:path";

const ROOT = path.join(import.meta.dirname, "..");

/**
 * A production build whose API origin (and so its host permission) is the test's server: the same
 * sources and manifest as `pnpm build`, tagged "e2e" so it never overwrites build/chrome-mv3-prod.
 */
export function buildExtensionFor(apiUrl: string): string {
  execFileSync(path.join(ROOT, "node_modules", ".bin", "plasmo"), ["build", "--tag=e2e"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", PLASMO_PUBLIC_API_URL: apiUrl },
    stdio: "pipe",
  });
  return path.join(ROOT, "build", "chrome-mv3-e2e");
}
