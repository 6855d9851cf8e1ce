// Headless Chromium for browser tests: the machine's own Chromium (Debian's `chromium`, installed
// by .ci/run with apt) driven by playwright-core, so no browser is downloaded. The flags keep it
// from reaching out to Google's services, which offline machines refuse many connections at a time.
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Where screenshots go: one folder a suite, kept by CI as the run's artifacts. */
export const SCREENSHOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../test-artifacts/screenshots");

export interface TestBrowser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  /** Saves a full-page screenshot as test-artifacts/screenshots/<suite>/<name>.png. */
  screenshot(page: Page, suite: string, name: string): Promise<string>;
  close(): Promise<void>;
}

/** `locale` sets the browser's language (navigator.languages, Accept-Language), e.g. "sk-SK" for apps that pick theirs from it. */
export async function launchBrowser(options: { offline?: boolean; locale?: string } = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "ppt-chromium-"));
  // A persistent context is how playwright hands Chromium its own --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    offline: options.offline ?? false,
    ...(options.locale ? { locale: options.locale } : {}),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    newPage: () => context.newPage(),
    async screenshot(page, suite, name) {
      const dir = join(SCREENSHOT_DIR, suite);
      mkdirSync(dir, { recursive: true });
      const path = join(dir, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
