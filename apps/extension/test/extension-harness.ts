import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromiumPath, startTestServer, type TestServer, testChromiumArgs } from "@pitchside/api/testing";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { buildExtensionFor } from "./build-extension";
import { FIXTURE_HOSTS, type FixtureServer, startFixtureServer } from "./fixture-server";
import { type RecordingProxy, startRecordingProxy } from "./recording-proxy";

export const executablePath = chromiumPath;
// under CI a missing browser must fail the run, not skip it
export const skipBrowser = !existsSync(executablePath) && process.env.CI !== "true";
/** A test's name, saying why it is skipped when it is. */
export const browserTitle = (name: string) =>
  skipBrowser ? `${name} (skipped: no Chromium at ${executablePath}; set CHROMIUM_PATH)` : name;

/** Screenshots of what the tests saw, for a person to look at (ignored by git). */
export const artifacts = path.join(import.meta.dirname, "..", "test-artifacts");

export interface ExtensionHarness {
  server: TestServer;
  /** Every request the extension made to the API, page and service worker alike. */
  proxy: RecordingProxy;
  fixtures: FixtureServer;
  context: BrowserContext;
  extensionDir: string;
  extensionId(): Promise<string>;
  /** The extension's popup in a new tab. */
  openPopup(): Promise<Page>;
  /** Signs the extension in through its popup, as a rep would. */
  signIn(email: string, password: string): Promise<void>;
  /** A new tab at `url`, once the extension has put `panels` panels on it. */
  openWithPanels(url: string, panels: number): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The API on port 0 behind a recording proxy, the fixture pages at their real host names, and Chromium
 * with the extension built for that API. `seed` runs before the extension is built.
 */
export async function startExtensionHarness(
  seed: (server: TestServer) => Promise<void>,
  opts: { locale?: string } = {},
): Promise<ExtensionHarness> {
  const server = await startTestServer();
  const cleanups: (() => Promise<void> | void)[] = [() => server.close()];
  try {
    await seed(server);
    await server.settle();
    const proxy = await startRecordingProxy(server.url);
    cleanups.push(() => proxy.close());
    const fixtures = await startFixtureServer();
    cleanups.push(() => fixtures.close());
    const extensionDir = buildExtensionFor(proxy.url);
    const userDataDir = mkdtempSync(path.join(tmpdir(), "pitchside-chromium-"));
    cleanups.push(() => rmSync(userDataDir, { recursive: true, force: true }));
    const rules = FIXTURE_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${fixtures.port}`);
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: false,
      ignoreHTTPSErrors: true,
      locale: opts.locale ?? "en-US",
      args: [
        "--headless=new",
        ...testChromiumArgs,
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        `--host-resolver-rules=${rules.join(", ")}`,
      ],
    });
    cleanups.push(() => context.close());
    const extensionId = async () => {
      const worker =
        context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 30_000 }));
      return new URL(worker.url()).host;
    };
    const openPopup = async () => {
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${await extensionId()}/popup.html`);
      return popup;
    };
    return {
      server,
      proxy,
      fixtures,
      context,
      extensionDir,
      extensionId,
      openPopup,
      async signIn(email, password) {
        const popup = await openPopup();
        await submitSignIn(popup, email, password);
        await popup.getByTestId("signed-in").waitFor({ timeout: 15_000 });
        await popup.close();
      },
      async openWithPanels(url, panels) {
        const page = await context.newPage();
        await page.goto(url);
        await expect.poll(() => page.getByTestId("ps-panel").count(), { timeout: 15_000 }).toBe(panels);
        return page;
      },
      close: () => runAll(cleanups),
    };
  } catch (err) {
    await runAll(cleanups);
    throw err;
  }
}

/** Fills the popup's sign-in form and sends it. */
export async function submitSignIn(popup: Page, email: string, password: string): Promise<void> {
  await popup.fill('input[name="email"]', email);
  await popup.fill('input[name="password"]', password);
  await popup.click('button[type="submit"]');
}

async function runAll(cleanups: (() => Promise<void> | void)[]): Promise<void> {
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
}
