import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceIdentity } from '@onewindow/protocol';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type DemoHall, type DemoOptions, startDemoHall } from '../apps/demo/src/hall.js';
import { repoRoot } from './support.js';

/**
 * Debian's Chromium, the only browser this project's machines have (downloads are not possible): its
 * headless shell where installed (tests/prerequisites.sh installs it), the full browser otherwise. The
 * shell is the same Blink and V8 without the browser's own layers, as Playwright itself runs headless
 * tests; it loads a screen in about 0.7 s where the full browser in headless mode takes 1.8 s (measured
 * on a 2-core machine: the kiosk, display, window client and console, twelve loads each way).
 */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
export const CHROMIUM =
  process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');
const ARGS = [
  // Playwright adds --headless itself (launch's default); the shell is headless whatever it is told.
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // Hall screens play their voice without anyone touching them.
  '--autoplay-policy=no-user-gesture-required',
];

/**
 * Chromium for the screen tests: every page it opens asks for reduced motion, which the screens honour
 * (a still notice instead of an endless scroll, no flashing call): tests see the same content without
 * software-rendering animation frames all the while a board is open (measured: an idle board took 12 %
 * of a core with its notice scrolling, under 1 % still). Set per context, as Playwright emulates it:
 * Chromium 156 ignores the old --force-prefers-reduced-motion switch.
 */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = (options = {}) => newContext({ reducedMotion: 'reduce', ...options });
  browser.newPage = (options = {}) => newPage({ reducedMotion: 'reduce', ...options });
  return browser;
}

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
  // Each test's pages go when it ends: a board, kiosk or window left open keeps rendering, animating
  // and speaking, and the later tests of the file would share the machine with all of them.
  afterEach(async () => {
    for (const context of ctx.browser?.contexts() ?? []) await context.close();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.demo?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return ctx;
}

export interface OpenedPage {
  page: Page;
  errors: string[];
}

/** A screen of the demo hall opened with its device token, as a hall sets one up. */
export async function openScreen(
  ctx: { readonly demo: DemoHall; readonly browser: Browser },
  path: string,
  token: string,
  viewport: { width: number; height: number },
  extra = '',
): Promise<OpenedPage> {
  const page = await ctx.browser.newPage({ viewport });
  const errors = watchErrors(page);
  await page.goto(`${ctx.demo.url}${path}?token=${token}${extra}`);
  return { page, errors };
}

/** A clerk logs in at a window with the demo PIN; resolves once the workbench is there. */
export async function loginWindow(
  ctx: { readonly demo: DemoHall; readonly browser: Browser },
  windowId: string,
  staffId: string,
  viewport = { width: 1440, height: 900 },
): Promise<Page> {
  const { page } = await openScreen(ctx, '/window/', `demo-window-${windowId}`, viewport);
  await page.waitForSelector(testId('login-staff'));
  await page.fill(testId('login-staff'), staffId);
  await page.fill(testId('login-pin'), '1234');
  await page.click(testId('login-submit'));
  await page.waitForSelector(testId('call-next'));
  return page;
}

/**
 * Takes a number on the kiosk screen by category and matter and returns it; where no open window
 * serves the matter the kiosk asks first, and the resident takes it anyway.
 */
export async function takeTicket(
  kiosk: Page,
  category: string,
  matter: string,
  done = true,
): Promise<string> {
  await kiosk.click(testId('home-take'));
  await kiosk.click(testId(`category-${category}`));
  await kiosk.click(testId(`matter-${matter}`));
  await kiosk.waitForSelector(`${testId('ticket')}, ${testId('no-window')}`);
  if (await kiosk.isVisible(testId('no-window'))) await kiosk.click(testId('take-anyway'));
  await kiosk.waitForSelector(testId('ticket-number'));
  const number = (await kiosk.textContent(testId('ticket-number'))) ?? '';
  if (done) await kiosk.click(testId('done'));
  return number;
}

/** Polls until the check holds (or fails after `ms`). */
export async function until(check: () => Promise<boolean> | boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Commands sent straight to the demo hall's service as its devices would send them (to set a scene
 * around what the browser shows): `device` names one, `run` sends and unwraps the answer.
 */
export function demoCommands(ctx: { readonly demo: DemoHall }, hallId: string, prefix: string) {
  let seq = 0;
  const device = (role: DeviceIdentity['role'], id: string, windowId: string | null): DeviceIdentity => ({
    deviceId: id,
    hallId,
    role,
    windowId,
  });
  const run = async <T>(who: DeviceIdentity, name: string, payload: object): Promise<T> => {
    const ack = await ctx.demo.server.service.execute(who, name as 'ticket:issue', {
      requestId: `${prefix}-${++seq}`,
      ...payload,
    });
    if (!ack.ok) throw new Error(`${name}: ${ack.error.code} ${ack.error.message}`);
    return ack.data as T;
  };
  return { device, run };
}
