import { createHallClient } from '@onewindow/client';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginWindow, openScreen, screenshot, takeTicket, testId, until, useDemoHall } from './browser.js';

const hall = useDemoHall('clerk-e2e');

const kioskPage = async () => {
  const { page } = await openScreen(hall, '/kiosk/', 'demo-kiosk-1', { width: 1080, height: 1920 });
  await page.waitForSelector(testId('home-take'));
  await page.waitForSelector(testId('paused'), { state: 'detached' });
  return page;
};
const text = async (page: Page, id: string) => (await page.textContent(testId(id))) ?? '';
const recent = (board: Page) =>
  board.$$eval(`${testId('recent-calls')} li span:first-child`, (l) => l.map((e) => e.textContent));

describe('the window client speaks the clerk’s language and guards risky actions', () => {
  it('explains a wrong PIN with the tries left and a refusal in Chinese (or English), never the server’s words', async () => {
    const { page } = await openScreen(hall, '/window/', 'demo-window-w02', { width: 1366, height: 768 });
    await page.waitForSelector(testId('login-staff'));
    await page.fill(testId('login-staff'), 's-li');
    await page.fill(testId('login-pin'), '0000');
    await page.click(testId('login-submit'));
    await page.waitForSelector(testId('message'));
    expect(await text(page, 'message')).toBe('工号或密码错误，还可尝试 4 次');
    await page.fill(testId('login-staff'), 's-zhang');
    await page.fill(testId('login-pin'), '1234');
    await page.click(testId('login-submit'));
    await page.waitForSelector(`${testId('message')}[data-code="STAFF_NOT_ALLOWED"]`);
    expect(await text(page, 'message')).toBe('该工作人员不在本窗口岗位，也不是本窗口的 B 岗');
    await screenshot(page, 'window-login-error');
    await page.click(testId('locale'));
    expect(await text(page, 'message')).toBe('This person is not assigned to this window, nor its backup');
    expect(await page.textContent('h1')).toBe('Window login');
  });

  it('asks before a no-show, lets the clerk take it back, and keeps the board honest', async () => {
    const board = (await openScreen(hall, '/display/', 'demo-display-1', { width: 1920, height: 1080 })).page;
    const kiosk = await kioskPage();
    const win = await loginWindow(hall, 'w04', 's-liu', { width: 1366, height: 768 });
    const a = await takeTicket(kiosk, 'social', 'sh-dibao');
    const b = await takeTicket(kiosk, 'social', 'sh-dibao');
    await win.waitForSelector(testId(`queue-${b}`));
    await win.keyboard.press('F1');
    await win.waitForSelector(`${testId('current-number')}:has-text("${a}")`);
    await win.keyboard.press('F2'); // a recall is no second line on the board
    await win.waitForSelector(`${testId('current')}:has-text("已重呼 1 次")`);
    await win.keyboard.press('F3');
    await win.waitForSelector(testId('no-show-dialog'));
    await screenshot(win, 'window-no-show-confirm');
    await win.keyboard.press('Escape');
    await win.waitForSelector(testId('no-show-dialog'), { state: 'detached' });
    expect(await text(win, 'current-number')).toBe(a);
    await win.keyboard.press('F3');
    await win.keyboard.press('F3');
    await win.waitForSelector(testId('undo-no-show'));
    expect(await text(win, 'undo-no-show')).toContain(a);
    await screenshot(win, 'window-no-show-undo');
    await win.click(testId('undo-no-show'));
    await win.waitForSelector(`${testId('current-number')}:has-text("${a}")`);
    expect(await text(win, 'message')).toBe(`${a} 号已恢复到本窗口`);
    await win.keyboard.press('F8');
    await win.keyboard.press('F1');
    await win.waitForSelector(`${testId('current-number')}:has-text("${b}")`);
    await win.keyboard.press('F3');
    await win.click(testId('no-show-confirm'));
    await until(async () => !(await recent(board)).includes(b));
    expect((await recent(board)).filter((n) => n === a)).toEqual([a]);
    await board.waitForSelector(testId('board-idle'));
    await screenshot(board, 'board-after-no-show');
  });

  it('offers only open windows for a transfer, and the board drops the call once the ticket moved', async () => {
    const board = (await openScreen(hall, '/display/', 'demo-display-1', { width: 1920, height: 1080 })).page;
    const kiosk = await kioskPage();
    const w06 = await loginWindow(hall, 'w06', 's-yang', { width: 1366, height: 768 });
    const w17 = await loginWindow(hall, 'w17', 's-ma');
    const c = await takeTicket(kiosk, 'police', 'ga-sfz');
    await w06.waitForSelector(testId(`queue-${c}`));
    await w06.click(testId('call-next'));
    await board.waitForSelector(`${testId('last-call-number')}:has-text("${c}")`);
    await screenshot(board, 'board-before-transfer');
    await w06.click(testId('transfer'));
    expect(await w06.isDisabled(`${testId('transfer-target')} option[value="window:w02"]`)).toBe(true);
    expect(await w06.isDisabled(`${testId('transfer-target')} option[value="window:w17"]`)).toBe(false);
    await w06.selectOption(testId('transfer-target'), 'window:w17');
    await w06.click(testId('transfer-submit'));
    await w06.waitForSelector(`${testId('current')}:has-text("当前无办理中的号")`);
    await w06.click(testId('pause'));
    await w06.click(testId('pause-break'));
    await board.waitForSelector(testId('board-idle'));
    expect(await text(board, 'board-window-ticket-w06')).toBe('暂停服务 · 稍后恢复');
    await screenshot(board, 'board-after-transfer');
    await w17.waitForSelector(testId(`queue-${c}`));
    // A phone following the ticket is told where it waits now.
    const status = (await (
      await fetch(`${hall.demo.url}/api/tickets/${encodeURIComponent(await ticketIdOf(c))}`)
    ).json()) as object;
    expect(status).toMatchObject({ status: 'transferred', targetWindow: { number: '17' } });
  });

  it('after a reload names the clerk and shows the checklist again; long names wrap; the notice dialog fits 1366×768', async () => {
    const kiosk = await kioskPage();
    let win = await loginWindow(hall, 'w03', 's-zhang', { width: 1366, height: 768 });
    const n = await takeTicket(kiosk, 'estate', 'bdc-sc');
    await win.waitForSelector(testId(`queue-${n}`));
    await win.click(testId('call-next'));
    await win.click(testId('start'));
    await win.waitForSelector(testId('guide'));
    await win.reload();
    win = win as Page;
    await win.waitForSelector(testId('guide'));
    expect(await text(win, 'staff')).toContain('张敏 QS0103');
    expect(await win.isVisible(testId('notice'))).toBe(true);
    const wraps = await win.$eval(testId('current-matter'), (e) => e.scrollWidth <= e.clientWidth);
    expect(wraps).toBe(true);
    expect(await text(win, 'current-matter')).toBe('不动产首次登记（新建商品房）');

    await win.click(testId('notice'));
    await win.fill(testId('notice-extra'), '购房合同原件\n契税完税证明\n不动产测绘报告');
    await win.click(testId('notice-submit'));
    await win.waitForSelector(testId('notice-issued'));
    const close = await win.locator(testId('dialog-close')).boundingBox();
    expect(close).not.toBeNull();
    expect((close?.y ?? 9_999) + (close?.height ?? 0)).toBeLessThanOrEqual(768);
    await screenshot(win, 'window-notice-1366');
    // On paper: a formal notice with the hall, the clerk and number, the date and the hall's phone.
    await win.emulateMedia({ media: 'print' });
    const sheet = await text(win, 'notice-sheet');
    for (const part of [
      '青山县政务服务中心',
      '一次性告知单',
      n,
      '张敏（工号 QS0103）',
      '契税完税证明',
      '咨询电话：0551-6288 1234',
    ])
      expect(sheet).toContain(part);
    expect(sheet).not.toContain('请群众扫码');
    await screenshot(win, 'window-notice-print');
    await win.emulateMedia({ media: 'screen' });
    // w03 has a thermal printer: the same notice comes out of it.
    const printer = hall.demo.windowPrinters.get('w03');
    const before = printer?.documents.length ?? 0;
    await win.click(testId('notice-print-printer'));
    await win.waitForSelector(`${testId('message')}:has-text("已送打印机")`);
    const [doc] = (await printer?.waitForDocuments(before + 1))?.slice(before) ?? [];
    expect(doc?.lines.join('\n')).toContain('张敏（QS0103）');
  });

  it('takes a number on behalf of a resident at the counter (村级代办), in the queue at once', async () => {
    // A window no other test opens (a window already open shows its workbench, not the login).
    const win = await loginWindow(hall, 'w02', 's-li', { width: 1366, height: 768 });
    await win.click(testId('on-behalf'));
    await win.selectOption(testId('on-behalf-matter'), 'sh-dibao');
    await screenshot(win, 'window-on-behalf');
    await win.click(testId('on-behalf-submit'));
    await win.waitForSelector(`${testId('message')}:has-text("已代取")`);
    const number = /已代取 (\S+) 号/.exec(await text(win, 'message'))?.[1] ?? '';
    expect(number).toMatch(/^[A-Z]\d{3}$/);
    await win.waitForSelector(testId(`queue-${number}`));
  });

  it('reprints a ticket at the 咨询导办 desk for a resident whose ticket did not print', async () => {
    const kiosk = await kioskPage();
    const n = await takeTicket(kiosk, 'livelihood', 'ms-sbk');
    const desk = await loginWindow(hall, 'w13', 's-xu');
    await desk.click(testId('reprint'));
    await desk.fill(testId('reprint-number'), n.toLowerCase());
    await desk.waitForSelector(testId('reprint-found'));
    await screenshot(desk, 'window-reprint');
    const printer = hall.demo.windowPrinters.get('w13');
    const before = printer?.documents.length ?? 0;
    await desk.click(testId('reprint-printer'));
    const [doc] = (await printer?.waitForDocuments(before + 1))?.slice(before) ?? [];
    expect(doc?.lines).toContain(n);
    expect(doc?.lines.join('\n')).toContain('补打号票');
    await desk.fill(testId('reprint-number'), 'Z999');
    await desk.waitForSelector(testId('reprint-none'));
  });
});

describe('window screens and rating pads name the clerk (亮牌上岗)', () => {
  it('shows the clerk’s name and staff number, and the pad lets a resident go back from the reasons', async () => {
    const kiosk = await kioskPage();
    const win = await loginWindow(hall, 'w05', 's-chen');
    const screen = (
      await openScreen(
        hall,
        '/display/',
        'demo-display-1',
        { width: 800, height: 300 },
        '&view=screen&window=w05',
      )
    ).page;
    const pad = (
      await openScreen(hall, '/display/', 'demo-pad-w05', { width: 1280, height: 800 }, '&view=pad')
    ).page;
    await screen.waitForSelector(testId('window-screen-clerk'));
    expect(await text(screen, 'window-screen-clerk')).toBe('工作人员 陈静工号 QS0105');
    expect(await text(pad, 'pad-clerk')).toBe('工作人员 陈静工号 QS0105');
    await screenshot(screen, 'window-screen-clerk');
    const n = await takeTicket(kiosk, 'economy', 'jj-qysl');
    await win.waitForSelector(testId(`queue-${n}`));
    await win.click(testId('call-next'));
    await win.click(testId('finish'));
    await pad.waitForSelector(`${testId('pad')}[data-phase="rate"]`);
    await pad.click(testId('level-2'));
    await pad.waitForSelector(testId('pad-back'));
    await screenshot(pad, 'pad-reasons-back');
    await pad.click(testId('pad-back'));
    await pad.waitForSelector(`${testId('pad')}[data-phase="rate"]`);
    await pad.click(testId('level-4'));
    await pad.waitForSelector(testId('pad-thanks'));
  });
});

describe('the hall board', () => {
  it('says on screen when it cannot speak (no Chinese voice and no sound pack)', async () => {
    const page = await hall.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.route('**/display/voice/manifest.json', (r) => r.fulfill({ status: 404, body: '' }));
    await page.goto(`${hall.demo.url}/display/?token=demo-display-1`);
    await page.waitForSelector(testId('voice-off'));
    expect(await text(page, 'voice-off')).toContain('语音播报不可用');
    await screenshot(page, 'board-voice-off');
  });

  it('keeps the list of calls clear of the footer and the window tiles large with many windows open', async () => {
    const board = (await openScreen(hall, '/display/', 'demo-display-1', { width: 1920, height: 1080 })).page;
    const win = await loginWindow(hall, 'w01', 's-wang');
    // The numbers come from the kiosk's connection (its screen is tested on its own); the calls are the clerk's.
    const kiosk = createHallClient({ url: hall.demo.url, token: 'demo-kiosk-1' });
    try {
      await kiosk.waitFor((s) => s.synced);
      for (let i = 0; i < 8; i++) {
        const r = await kiosk.issueTicket({ matterId: 'zh-zixun' });
        if (!r.ok) throw new Error(r.error.message);
      }
    } finally {
      kiosk.close();
    }
    for (let i = 0; i < 8; i++) {
      await win.waitForSelector(`${testId('call-next')}:not([disabled])`);
      await win.click(testId('call-next'));
      await win.waitForSelector(`${testId('finish')}:not([disabled])`);
      await win.click(testId('finish'));
    }
    await until(async () => (await recent(board)).length === 5);
    const list = await board.locator(testId('recent-calls')).boundingBox();
    const footer = await board.locator('.board-footer').boundingBox();
    expect((list?.y ?? 0) + (list?.height ?? 0)).toBeLessThanOrEqual(footer?.y ?? 0);
    const tile = await board.locator(testId('board-window-w01')).boundingBox();
    expect(tile?.height).toBeGreaterThan(140);
    await screenshot(board, 'board-many-calls');
  }, 60_000); // sixteen clerk round trips, the board following
});

describe('AB岗 at the window client', () => {
  it('a clerk covering an absent colleague lists what 叫号 will call, first the ticket it calls', async () => {
    const kiosk = createHallClient({ url: hall.demo.url, token: 'demo-kiosk-1' });
    try {
      await kiosk.waitFor((s) => s.synced);
      // 黄婷 works w08 (real estate) and backs up 赵磊, whose w07 also takes 二手房 tax (sw-esf).
      // 赵磊 is not in today (w07 closed), so w08 serves sw-esf too: its list and its calls.
      const win = await loginWindow(hall, 'w08', 's-huang', { width: 1366, height: 768 });
      const issued: string[] = [];
      for (const matterId of ['sw-esf', 'bdc-dy', 'sw-esf', 'bdc-cx', 'bdc-dy', 'sw-esf']) {
        const r = await kiosk.issueTicket({ matterId });
        if (!r.ok) throw new Error(r.error.message);
        issued.push(r.data.ticket.number);
      }
      for (const n of issued) await win.waitForSelector(testId(`queue-${n}`));
      const listed = () =>
        win.$$eval(`${testId('queue')} li .wc-q-number`, (l) => l.map((e) => e.textContent ?? ''));
      const called: string[] = [];
      for (;;) {
        const list = await listed();
        const first = list[0];
        if (first === undefined) break;
        await win.click(testId('call-next'));
        await win.waitForSelector(`${testId('current-number')}:has-text("${first}")`);
        called.push(first);
        await win.keyboard.press('F8');
        await win.waitForSelector(testId(`queue-${first}`), { state: 'detached' });
      }
      // Every ticket issued here was listed and called at w08, the covered matter's included.
      for (const n of issued) expect(called).toContain(n);
    } finally {
      kiosk.close();
    }
  });
});

async function ticketIdOf(number: string): Promise<string> {
  const s = await hall.demo.server.service.snapshot({
    deviceId: 't',
    hallId: 'qingshan',
    role: 'admin',
    windowId: null,
  });
  const t = s.tickets.find((x) => x.number === number);
  if (t === undefined) throw new Error(`no ticket ${number}`);
  return t.id;
}
