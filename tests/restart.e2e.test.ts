import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoHall, startDemoHall } from '../apps/demo/src/hall.js';
import { launchChromium, loginWindow, openScreen, screenshot, takeTicket, testId } from './browser.js';

let dir = '';
let browser: Browser;
const ctx = {} as { demo: DemoHall; browser: Browser };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'onewindow-restart-'));
  ctx.demo = await startDemoHall({ dataDir: dir });
  browser = await launchChromium();
  ctx.browser = browser;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await ctx.demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a restart of the hall server (upgrade, reboot)', () => {
  it('brings the kiosk, the window client and the board back by themselves, without a reload', async () => {
    const port = Number(new URL(ctx.demo.url).port);
    const kiosk = await openScreen(ctx, '/kiosk/', 'demo-kiosk-1', { width: 1080, height: 1920 });
    await kiosk.page.waitForSelector(testId('paused'), { state: 'detached' });
    const board = await openScreen(ctx, '/display/', 'demo-display-1', { width: 1920, height: 1080 });
    await board.page.waitForSelector(testId('announcements'), { state: 'attached' });
    const win = await loginWindow(ctx, 'w03', 's-zhang');

    await ctx.demo.close();
    await kiosk.page.waitForSelector(testId('paused'));
    await win.waitForSelector(testId('offline'));
    await board.page.waitForSelector(testId('offline'));
    await screenshot(kiosk.page, 'restart-kiosk-during');

    const restarted = Date.now();
    ctx.demo = await startDemoHall({ dataDir: dir, port });
    await kiosk.page.waitForSelector(testId('paused'), { state: 'detached', timeout: 15_000 });
    await win.waitForSelector(testId('offline'), { state: 'detached', timeout: 15_000 });
    await board.page.waitForSelector(testId('offline'), { state: 'detached', timeout: 15_000 });
    const back = Date.now() - restarted;
    process.stdout.write(`screens back ${back} ms after the server started again\n`);
    expect(back).toBeLessThan(15_000);

    // Working again, not just connected: a ticket is issued and printed, called and shown.
    const printer = ctx.demo.kiosks.get('kiosk-1')?.printer;
    const printedBefore = printer?.documents.length ?? 0;
    const number = await takeTicket(kiosk.page, 'livelihood', 'ms-sbk', false);
    await kiosk.page.waitForSelector(`${testId('ticket')}[data-print="printed"]`);
    expect(printer?.documents.length).toBe(printedBefore + 1);
    await win.waitForSelector(testId(`queue-${number}`));
    await win.click(testId('call-next'));
    await win.waitForSelector(`${testId('current-number')}:has-text("${number}")`);
    await board.page.waitForSelector(`${testId('last-call-number')}:has-text("${number}")`);
    await screenshot(board.page, 'restart-board-after');
    for (const p of [kiosk, board]) expect(p.errors).toEqual([]);
  }, 60_000); // three browsers, a server stopped and started, up to 15 s for the screens to return
});
