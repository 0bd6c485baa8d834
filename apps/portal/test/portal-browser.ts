import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumPath, startServerOnOwnMeili, testChromiumArgs } from "@pitchside/api/testing";
import react from "@vitejs/plugin-react";
import { type Browser, chromium, type Page } from "playwright-core";
import { build } from "vite";

export const executablePath = chromiumPath;
// under CI a missing browser must fail the run, not skip it
export const skipBrowser = !existsSync(executablePath) && process.env.CI !== "true";
export const browserTitle = (name: string) =>
  skipBrowser ? `${name} (skipped: no Chromium at ${executablePath}; set CHROMIUM_PATH)` : name;

export const portalDir = fileURLToPath(new URL("..", import.meta.url));
export const artifactsDir = path.join(portalDir, "test-artifacts");

/**
 * The built portal the API serves (config.portalDir), built once when missing. Built without the
 * first-load budget check: this is about behaviour, and `pnpm build` enforces the budget.
 */
export async function ensurePortalBuilt(): Promise<void> {
  if (existsSync(path.join(portalDir, "dist/index.html"))) return;
  await build({
    root: portalDir,
    configFile: false,
    logLevel: "warn",
    plugins: [react()],
    build: { outDir: "dist", emptyOutDir: true },
  });
}

/** The real API serving the built portal, on its own Meilisearch and an ephemeral port. */
export async function startPortalServer() {
  await ensurePortalBuilt();
  mkdirSync(artifactsDir, { recursive: true });
  const { server, close } = await startServerOnOwnMeili("portal-browser");
  return { server, stop: close };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: testChromiumArgs,
  });
}

/** Signs in through the sign-in page (labels in either language) and waits for the signed-in shell. */
export async function signIn(page: Page, url: string, who: { email: string; password: string }) {
  await page.goto(`${url}/sign-in`);
  await page.locator('input[type="email"]').fill(who.email);
  await page.locator('input[autocomplete="current-password"]').fill(who.password);
  await page.locator('button[type="submit"]').click();
  await page.locator("nav").first().waitFor();
}

/**
 * Console errors, minus the refusals a test provokes on purpose (signed out, forbidden).
 */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    if (/status of 40[13]/.test(message.text())) return;
    errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/**
 * A fresh context in `locale` that may use the clipboard, its page signed in as `who`, and the console
 * errors it logs from then on.
 */
export async function signedInPage(
  browser: Browser,
  url: string,
  who: { email: string; password: string },
  locale: string,
) {
  const context = await browser.newContext({
    locale,
    viewport: { width: 1280, height: 1000 },
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const page = await context.newPage();
  const errors = collectConsoleErrors(page);
  await signIn(page, url, who);
  return { context, page, errors };
}
