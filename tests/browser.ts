import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type DemoHall, type DemoOptions, startDemoHall } from '../apps/demo/src/hall.js';
import { repoRoot } from './support.js';

/** Debian's Chromium, the only browser this project's machines have (downloads are not possible). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // Hall screens play their voice without anyone touching them.
  '--autoplay-policy=no-user-gesture-required',
];

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: ARGS });

/** Screenshots for people to look at, in a git-ignored folder. */
export const SCREENSHOT_DIR = join(repoRoot, 'test-output', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Collects page errors so a test can assert the screen ran without any. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export const testId = (id: string): string => `[data-testid="${id}"]`;

/**
 * The demo hall (with its virtual devices) and a Chromium for the tests of one file, started before
 * them and closed after them whatever happened.
 */
export function useDemoHall(
  name: string,
  options: Omit<DemoOptions, 'dataDir'> = {},
): {
  readonly demo: DemoHall;
  readonly browser: Browser;
} {
  let dir = '';
  const ctx = {} as { demo: DemoHall; browser: Browser };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `onewindow-${name}-`));
    ctx.demo = await startDemoHall({ ...options, dataDir: dir });
    ctx.browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.demo?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return ctx;
}
