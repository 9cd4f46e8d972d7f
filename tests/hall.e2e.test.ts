import type { Rectification } from '@onewindow/domain';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.js';
import {
  loginWindow as login,
  openScreen,
  screenshot,
  takeTicket,
  testId,
  until,
  useDemoHall,
} from './browser.js';

// The hall's clock runs from Wednesday 30 September 2026, 10:00, the eve of the National Day holidays.
const BASE = Date.parse('2026-09-30T10:00:00+08:00');
const started = Date.now();

const ADMIN = { deviceId: 'e2e-admin', hallId: 'qingshan', role: 'admin', windowId: null } as const;
const hall = useDemoHall('hall-e2e', { clock: { now: () => BASE + (Date.now() - started) } });

const open = (path: string, token: string, viewport: { width: number; height: number }, extra = '') =>
  openScreen(hall, path, token, viewport, extra);
const loginWindow = (windowId: string, staffId: string) => login(hall, windowId, staffId);

const announced = (display: Page, text: string) =>
  display.$$eval(
    `${testId('announcements')} li`,
    (items, t) => items.filter((i) => i.textContent === t).length,
    text,
  );

describe('kiosk → window → display → rating pad, in Chromium', () => {
  it('calls a kiosk ticket, shows and announces it once, re-announces a recall, and rates the visit', async () => {
    const display = await open('/display/', 'demo-display-1', { width: 1920, height: 1080 });
    const screen = await open(
      '/display/',
      'demo-display-1',
      { width: 800, height: 300 },
      '&view=screen&window=w03',
    );
    const pad = await open('/display/', 'demo-pad-w03', { width: 1280, height: 800 }, '&view=pad');
    await pad.page.waitForSelector(`${testId('pad')}[data-phase="idle"]`);
    const kiosk = await open('/kiosk/', 'demo-kiosk-1', { width: 1080, height: 1920 });
    await kiosk.page.waitForSelector(testId('home-take'));
    const win = await loginWindow('w03', 's-zhang');
    expect(await win.textContent(testId('staff'))).toContain('张敏');

    // Each screen of the flow is held to WCAG 2.1 AA (axe-core) where nothing is being timed.
    await kiosk.page.click(testId('home-take'));
    await kiosk.page.waitForSelector(testId('category-livelihood'));
    await expectAccessible(kiosk.page, 'kiosk categories');
    await kiosk.page.click(testId('home'));
    const number = await takeTicket(kiosk.page, 'livelihood', 'ms-sbk', false);
    await expectAccessible(kiosk.page, 'kiosk ticket');
    await kiosk.page.click(testId('done'));
    await win.waitForSelector(testId(`queue-${number}`));
    await expectAccessible(win, 'window workbench');
    await win.click(testId('call-next'));
    await win.waitForSelector(`${testId('current-number')}:has-text("${number}")`);
    // The display shows the call within a second of the window's acknowledgement.
    await display.page.waitForSelector(`${testId('last-call-number')}:has-text("${number}")`, {
      timeout: 1_000,
    });
    expect(await display.page.textContent(testId('last-call-window'))).toBe('3');
    const spoken = `请 ${number} 号 到 3 号窗口 办理`;
    await until(async () => (await announced(display.page, spoken)) === 1);
    // Chromium here has no Chinese voice, so the board speaks with the espeak-ng sound pack.
    expect(await display.page.getAttribute(testId('announcements'), 'data-engine')).toBe('clips');
    await new Promise((r) => setTimeout(r, 500));
    expect(await announced(display.page, spoken)).toBe(1);
    await screen.page.waitForSelector(`${testId('window-screen-state')}:has-text("${number}")`);
    expect(await screen.page.getAttribute(testId('window-screen'), 'data-text')).toBe(
      `3号窗口 请${number}号`,
    );
    await screenshot(display.page, 'display-board');
    await screenshot(screen.page, 'window-screen');
    await expectAccessible(display.page, 'hall display with a call');
    await expectAccessible(screen.page, 'window screen with a call');
    await expectAccessible(win, 'window after 叫号');
    const ticket = (await hall.demo.server.service.snapshot(ADMIN, 300)).tickets.find(
      (t) => t.number === number,
    );
    expect(ticket?.status).toBe('called');
    const phone = await hall.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await phone.goto(`${hall.demo.url}/t/${ticket?.id}`);
    await phone.waitForSelector('#ticket');
    await expectAccessible(phone, 'phone page of a called ticket');
    await phone.close();

    await win.click(testId('recall'));
    await until(async () => (await announced(display.page, spoken)) === 2);

    await win.click(testId('start'));
    await win.waitForSelector(testId('guide'));
    await screenshot(win, 'window-client');
    await win.click(testId('finish'));
    await pad.page.waitForSelector(`${testId('pad')}[data-phase="rate"]`);
    expect(await pad.page.textContent(testId('pad-visit'))).toContain(number);
    await screenshot(pad.page, 'pad-rate');
    await pad.page.click(testId('level-1'));
    await pad.page.click(testId('reason-wait'));
    await pad.page.fill(testId('pad-comment'), '排队太久，窗口解释不清');
    await screenshot(pad.page, 'pad-reasons');
    await pad.page.click(testId('pad-submit'));
    await pad.page.waitForSelector(testId('pad-thanks'));

    const res = await fetch(`${hall.demo.url}/api/halls/qingshan/rectifications?day=2026-09-30`, {
      headers: { authorization: `Bearer ${hall.demo.tokens['admin-1']}` },
    });
    const cases = (await res.json()) as Rectification[];
    const mine = cases.find((c) => c.ticketNumber === number);
    // Five working days from 30 September: 8, 9, 10 (Saturday, 调休), 12, 13 October.
    expect(mine).toMatchObject({
      level: 1,
      reasons: ['等待时间长'],
      comment: '排队太久，窗口解释不清',
      windowId: 'w03',
      staffId: 's-zhang',
      openedDay: '2026-09-30',
      deadlineDay: '2026-10-13',
    });
    await until(async () => ((await win.textContent(testId('figures-served'))) ?? '') === '1');
    for (const p of [display, screen, pad, kiosk]) expect(p.errors).toEqual([]);
  });

  it('does not announce a no-show', async () => {
    const display = await open('/display/', 'demo-display-1', { width: 1920, height: 1080 });
    await display.page.waitForSelector(testId('announcements'), { state: 'attached' });
    const kiosk = await open('/kiosk/', 'demo-kiosk-2', { width: 1080, height: 1920 });
    await kiosk.page.waitForSelector(testId('home-take'));
    const win = await loginWindow('w04', 's-liu');
    const number = await takeTicket(kiosk.page, 'social', 'sh-dibao');
    await win.waitForSelector(testId(`queue-${number}`));
    await win.click(testId('call-next'));
    const spoken = `请 ${number} 号 到 4 号窗口 办理`;
    await until(async () => (await announced(display.page, spoken)) === 1);
    await win.click(testId('no-show'));
    await win.click(testId('no-show-confirm'));
    await win.waitForSelector(`${testId('current')}:has-text("当前无办理中的号")`);
    await new Promise((r) => setTimeout(r, 800));
    expect(await announced(display.page, spoken)).toBe(1);
  });

  it('two windows calling at the same moment never get the same ticket', async () => {
    const kiosk = await open('/kiosk/', 'demo-kiosk-1', { width: 1080, height: 1920 });
    await kiosk.page.waitForSelector(testId('home-take'));
    const [a, b] = [await loginWindow('w01', 's-wang'), await loginWindow('w02', 's-li')];
    const numbers = [
      await takeTicket(kiosk.page, 'social', 'sh-dibao'),
      await takeTicket(kiosk.page, 'social', 'sh-dibao'),
    ];
    await a.waitForSelector(testId(`queue-${numbers[1]}`));
    await b.waitForSelector(testId(`queue-${numbers[1]}`));
    await Promise.all([a.click(testId('call-next')), b.click(testId('call-next'))]);
    await a.waitForSelector(testId('current-number'));
    await b.waitForSelector(testId('current-number'));
    const got = [
      await a.textContent(testId('current-number')),
      await b.textContent(testId('current-number')),
    ];
    expect(new Set(got).size).toBe(2);
    expect(got.sort()).toEqual([...numbers].sort());
  });

  it('a display that missed calls while offline shows the right board after reconnecting', async () => {
    const display = await open('/display/', 'demo-display-1', { width: 1920, height: 1080 });
    await display.page.waitForSelector(testId('announcements'), { state: 'attached' });
    await display.page.waitForSelector(testId('offline'), { state: 'detached' });
    const kiosk = await open('/kiosk/', 'demo-kiosk-2', { width: 1080, height: 1920 });
    await kiosk.page.waitForSelector(testId('home-take'));
    const win = await loginWindow('w05', 's-chen');
    const numbers = [
      await takeTicket(kiosk.page, 'economy', 'jj-qysl'),
      await takeTicket(kiosk.page, 'economy', 'jj-qysl'),
    ];

    await display.page.context().setOffline(true);
    // Drop the connection under the display (as a network cut would); it may not reconnect while offline.
    for (const s of hall.demo.server.io.sockets.sockets.values()) {
      if (s.data.device.deviceId === 'display-1') s.conn.close();
    }
    await display.page.waitForSelector(testId('offline'));
    await screenshot(display.page, 'display-offline');
    await win.click(testId('call-next'));
    await win.waitForSelector(`${testId('current-number')}:has-text("${numbers[0]}")`);
    await win.click(testId('finish'));
    await win.click(testId('call-next'));
    await win.waitForSelector(`${testId('current-number')}:has-text("${numbers[1]}")`);

    await display.page.context().setOffline(false);
    await display.page.waitForSelector(testId('offline'), { state: 'detached', timeout: 15_000 });
    await display.page.waitForSelector(`${testId('last-call-number')}:has-text("${numbers[1]}")`);
    expect(await display.page.textContent(testId('board-window-ticket-w05'))).toBe(numbers[1]);
    // The calls missed while away are announced once each, in order.
    await until(
      async () => (await announced(display.page, `请 ${numbers[1]} 号 到 5 号窗口 办理`)) === 1,
      10_000,
    );
    expect(await announced(display.page, `请 ${numbers[0]} 号 到 5 号窗口 办理`)).toBe(1);
  });

  it('the clerk pauses with a reason, issues a one-time notice as a QR code, records an unresolved case and transfers', async () => {
    const display = await open('/display/', 'demo-display-1', { width: 1920, height: 1080 });
    const kiosk = await open('/kiosk/', 'demo-kiosk-1', { width: 1080, height: 1920 });
    await kiosk.page.waitForSelector(testId('home-take'));
    const win = await loginWindow('w06', 's-yang');
    await win.click(testId('pause'));
    await win.click(testId('pause-backOffice'));
    await win.waitForSelector(testId('resume'));
    // Residents read the board: a pause says so, without the internal reason.
    await display.page.waitForSelector(`${testId('board-window-ticket-w06')}:has-text("暂停服务")`);
    await win.keyboard.press('F7');
    await win.waitForSelector(testId('pause'));

    const number = await takeTicket(kiosk.page, 'police', 'ga-sfz');
    await win.waitForSelector(testId(`queue-${number}`));
    await win.keyboard.press('F1');
    await win.waitForSelector(`${testId('current-number')}:has-text("${number}")`);
    await win.keyboard.press('F4');
    await win.waitForSelector(testId('guide'));
    const materials = await win.$$(`${testId('guide')} input[type=checkbox]`);
    await materials[0]?.check();
    await win.click(testId('notice'));
    await win.fill(testId('notice-extra'), '户口簿首页及本人页');
    await win.click(testId('notice-submit'));
    await win.waitForSelector(testId('notice-issued'));
    const qr = (await win.getAttribute(`${testId('notice-issued')} [data-qr]`, 'data-qr')) ?? '';
    expect(qr).toMatch(/\/n\/[\w-]+$/);
    await screenshot(win, 'window-notice');
    const noticePage = await (await fetch(qr)).text();
    expect(noticePage).toContain('户口簿首页及本人页');
    await win.click(testId('dialog-close'));

    await win.click(testId('unresolved'));
    await win.fill(testId('unresolved-request'), '办理港澳通行证加急');
    await win.fill(testId('unresolved-reason'), '本中心无出入境加急权限');
    await win.fill(testId('unresolved-contactPhone'), '13800000000');
    await win.click(testId('unresolved-submit'));
    await win.waitForSelector(`${testId('message')}:has-text("已登记办不成事")`);

    const w17 = await loginWindow('w17', 's-ma');
    await win.click(testId('transfer'));
    await win.selectOption(testId('transfer-target'), 'window:w17');
    await win.fill(testId('transfer-note'), '需机动窗口协助');
    await win.click(testId('transfer-submit'));
    await win.waitForSelector(`${testId('current')}:has-text("当前无办理中的号")`);
    await w17.waitForSelector(testId(`queue-${number}`));
  });
});
