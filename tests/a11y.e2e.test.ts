import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.js';
import { demoCommands, openScreen, testId, useDemoHall } from './browser.js';

/**
 * Every screen passes axe-core's WCAG 2.1 A and AA rules: here each page's first screen, the console's
 * pages (its board, a matter form, statistics and the rest) and keyboard use; the screens of the other
 * main flows are checked where those flows run (tests/hall.e2e.test.ts: kiosk ticket, the clerk's call,
 * board, window screen and the phone page of the called ticket; tests/booking.e2e.test.ts: every step
 * of a booking). The demo hall on Wednesday 2 December 2026, 09:10 Beijing time.
 */
const START = Date.parse('2026-12-02T09:10:00+08:00');
const shift = START - Date.now();
const hall = useDemoHall('a11y-e2e', { clock: { now: () => Date.now() + shift } });
const HALL = 'qingshan';

const open = (path: string, token: string, viewport: { width: number; height: number }, extra = '') =>
  openScreen(hall, path, token, viewport, extra);

describe('every screen passes axe-core (WCAG 2.1 AA)', () => {
  it('the first screen of every page', { timeout: 90_000 }, async () => {
    const screens: [string, () => Promise<Page>][] = [
      [
        'status page',
        async () => {
          const page = await hall.browser.newPage();
          await page.goto(`${hall.demo.url}/`);
          await page.waitForSelector('#status');
          return page;
        },
      ],
      [
        'kiosk',
        async () => {
          const { page } = await open('/kiosk/', 'demo-kiosk-1', { width: 1080, height: 1920 });
          await page.waitForSelector(testId('home-take'));
          return page;
        },
      ],
      [
        'window client',
        async () => {
          const { page } = await open('/window/', 'demo-window-w05', { width: 1440, height: 900 });
          await page.waitForSelector(testId('login-staff'));
          return page;
        },
      ],
      [
        'hall display',
        async () => {
          const { page } = await open('/display/', 'demo-display-1', { width: 1920, height: 1080 });
          await page.waitForSelector(testId('announcements'), { state: 'attached' });
          // Asked for less motion (as every test page asks), the board's notice stands still (WCAG 2.2.2).
          await page.waitForSelector('.board-notice');
          const moving = await page.evaluate(
            () => document.getAnimations().filter((a) => a.playState === 'running').length,
          );
          expect(moving).toBe(0);
          return page;
        },
      ],
      [
        'window screen',
        async () => {
          const { page } = await open(
            '/display/',
            'demo-display-1',
            { width: 800, height: 300 },
            '&view=screen&window=w03',
          );
          await page.waitForSelector(testId('window-screen-state'));
          return page;
        },
      ],
      [
        'rating pad',
        async () => {
          const { page } = await open('/display/', 'demo-pad-w05', { width: 1280, height: 800 }, '&view=pad');
          await page.waitForSelector(`${testId('pad')}[data-phase="idle"]`);
          return page;
        },
      ],
      [
        'console sign-in',
        async () => {
          const page = await hall.browser.newPage({ viewport: { width: 1366, height: 900 } });
          await page.goto(`${hall.demo.url}/admin/`);
          await page.waitForSelector(testId('login-username'));
          return page;
        },
      ],
      [
        'API reference',
        async () => {
          const page = await hall.browser.newPage({ viewport: { width: 1366, height: 900 } });
          await page.goto(`${hall.demo.url}/api/docs`);
          await page.waitForSelector('#attachCase');
          return page;
        },
      ],
      [
        'booking',
        async () => {
          const page = await hall.browser.newPage({ viewport: { width: 390, height: 844 } });
          await page.goto(`${hall.demo.url}/book/`);
          await page.waitForSelector(`a[href^="/book/${HALL}/"]`);
          return page;
        },
      ],
    ];
    for (const [name, openIt] of screens) {
      const page = await openIt();
      await expectAccessible(page, name);
      await page.close();
    }
  });

  it('the status page follows the hall in place: a new ticket appears without the page reloading', async () => {
    const page = await hall.browser.newPage();
    await page.goto(`${hall.demo.url}/`);
    await page.waitForSelector('#status');
    // A reload would drop this mark (and a screen reader's place with it).
    await page.evaluate(() => {
      (window as unknown as { stayed: boolean }).stayed = true;
    });
    const { device, run } = demoCommands(hall, HALL, 'a11y-status');
    const issued = await run<{ ticket: { number: string } }>(
      device('kiosk', 'demo-kiosk-1', null),
      'ticket:issue',
      {
        matterId: 'ga-sfz',
      },
    );
    await page.waitForFunction(
      (n) => document.getElementById('status')?.textContent?.includes(n),
      issued.ticket.number,
      {
        timeout: 15_000,
      },
    );
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await page.close();
  });

  it('console: the live board, a matter being edited, and statistics', async () => {
    const page = await hall.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${hall.demo.url}/admin/`);
    await page.fill(testId('login-username'), 'admin');
    await page.fill(testId('login-password'), 'onewindow-demo');
    await page.click(testId('login-submit'));
    await page.waitForSelector(testId('board'));
    await expectAccessible(page, 'console live board');
    await page.click(testId('nav-matters'));
    await page.click(testId('edit-matter-ms-sbk'));
    await page.waitForSelector(testId('matter-form'));
    await expectAccessible(page, 'console matter form');
    await page.click(testId('matter-cancel'));
    await page.click(testId('add-matter'));
    await page.fill(testId('matter-name'), '');
    await page.click(testId('matter-save'));
    await page.waitForSelector(testId('field-error'));
    await expectAccessible(page, 'console matter form with problems');
    // 对外对接: a key made and shown once, its list, the targets and the delivery log.
    await page.click(testId('nav-integrations'));
    await page.waitForSelector(testId('integrations-page'));
    await page.fill(testId('key-name'), '一窗受理系统');
    await page.click(testId('key-create'));
    await page.waitForSelector(testId('shown-once'));
    expect(await page.textContent(testId('shown-once'))).toMatch(/owk_/);
    await expectAccessible(page, 'console integrations');
    await page.click(testId('nav-stats'));
    await page.waitForSelector(testId('stats-page'));
    await expectAccessible(page, 'console statistics');
    // And every other page of the console, as a center administrator sees them all.
    const pages = await page.$$eval('[data-testid^="nav-"]', (els) =>
      els.map((e) => e.getAttribute('data-testid') ?? ''),
    );
    expect(pages.length).toBeGreaterThan(8);
    for (const nav of pages) {
      await page.click(testId(nav));
      await page.waitForSelector(`.ac[data-page="${nav.slice(4)}"]`);
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, `console page ${nav.slice(4)}`);
    }
    await page.close();
  }, 90_000);

  it('keyboard: the console and the window client are worked by Tab and Enter, the focus always visible', async () => {
    const page = await hall.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${hall.demo.url}/admin/`);
    await page.waitForSelector(testId('login-username'));
    // Signing in by keyboard alone.
    await page.focus(testId('login-username'));
    await page.keyboard.type('auditor');
    await page.keyboard.press('Tab');
    await page.keyboard.type('onewindow-demo');
    await page.keyboard.press('Enter');
    await page.waitForSelector(testId('board'));
    const focused = () =>
      page.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        const style = e === null ? null : getComputedStyle(e);
        return {
          id: e?.getAttribute('data-testid') ?? e?.tagName ?? '',
          outline:
            style === null
              ? 0
              : Number.parseFloat(style.outlineWidth) * (style.outlineStyle === 'none' ? 0 : 1),
        };
      });
    const reached: string[] = [];
    for (let i = 0; i < 40 && !reached.includes('nav-stats'); i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      expect(f.outline, `focus ring on ${f.id}`).toBeGreaterThanOrEqual(2);
      reached.push(f.id);
    }
    expect(reached).toContain('nav-stats');
    await page.keyboard.press('Enter');
    await page.waitForSelector(testId('stats-page'));
    await page.close();

    const { page: win } = await open('/window/', 'demo-window-w05', { width: 1440, height: 900 });
    await win.waitForSelector(testId('login-staff'));
    await win.focus(testId('login-staff'));
    await win.keyboard.type('s-chen');
    await win.keyboard.press('Tab');
    await win.keyboard.type('1234');
    await win.keyboard.press('Enter');
    await win.waitForSelector(testId('call-next'));
    const seen: string[] = [];
    for (let i = 0; i < 30 && !seen.includes('call-next'); i++) {
      await win.keyboard.press('Tab');
      const id = await win.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
      seen.push(id);
    }
    expect(seen).toContain('call-next');
    await win.close();
  });
});
