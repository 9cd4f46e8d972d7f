import { createHallClient, type HallClient } from '@onewindow/client';
import { sampleCard } from '@onewindow/hw-sim';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, takeTicket, testId, useDemoHall, watchErrors } from './browser.js';

const hall = useDemoHall('kiosk-e2e');

// A hall at work: one universal window is open, so every matter has a window that serves it.
let clerk: HallClient | undefined;
beforeAll(async () => {
  clerk = createHallClient({ url: hall.demo.url, token: 'demo-window-w01' });
  await clerk.waitFor((s) => s.synced);
  const opened = await clerk.command('window:open', { windowId: 'w01', staffId: 's-wang', pin: '1234' });
  if (!opened.ok) throw new Error(opened.error.message);
});
afterAll(() => clerk?.close());

const kiosk1 = () => {
  const k = hall.demo.kiosks.get('kiosk-1');
  if (k === undefined) throw new Error('the demo has no kiosk-1 devices (is socat installed?)');
  return k;
};

/** A kiosk page on a portrait 1080×1920 screen, ready on its home screen. */
async function openKiosk(query = ''): Promise<{ page: Page; errors: string[] }> {
  const page = await hall.browser.newPage({ viewport: { width: 1080, height: 1920 } });
  const errors = watchErrors(page);
  await page.goto(`${hall.demo.url}/kiosk/?token=${hall.demo.tokens['kiosk-1']}${query}`);
  await page.waitForSelector(testId('home-take'));
  await page.waitForSelector(testId('paused'), { state: 'detached' });
  return { page, errors };
}

const text = async (page: Page, id: string) => (await page.textContent(testId(id))) ?? '';
const ticketIdOn = async (page: Page) => {
  const url = (await page.getAttribute('[data-qr]', 'data-qr')) ?? '';
  return decodeURIComponent(url.slice(url.lastIndexOf('/t/') + 3));
};
const publicTicket = async (id: string) => {
  const res = await fetch(`${hall.demo.url}/api/tickets/${encodeURIComponent(id)}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const takeNumber = async (page: Page, category: string, matter: string) => {
  await takeTicket(page, category, matter, false);
};

describe('kiosk in Chromium against the demo hall with virtual devices', () => {
  it('takes a ticket by matter; the virtual printer decodes the printed ticket', async () => {
    const { page, errors } = await openKiosk();
    const printer = kiosk1().printer;
    const before = printer.documents.length;
    await screenshot(page, 'kiosk-home');
    await page.click(testId('home-take'));
    await page.click(testId('category-livelihood'));
    await page.waitForSelector(testId('matter-ms-sbk'));
    await screenshot(page, 'kiosk-matters');

    await page.click(testId('guide-ms-sbk'));
    await page.waitForSelector(`${testId('guide')} h3`);
    const guide = await text(page, 'guide');
    expect(guide).toContain('申请材料');
    expect(guide).toContain('办理流程');
    expect(guide).toMatch(/原件 \d 份/);
    await screenshot(page, 'kiosk-guide');

    await page.click(testId('guide-take'));
    await page.waitForSelector(`${testId('ticket')}[data-print="printed"]`);
    const number = await text(page, 'ticket-number');
    expect(number).toMatch(/^[A-Z]{1,2}\d{3}$/);
    expect(await text(page, 'ticket-ahead')).toContain('前面还有');
    await screenshot(page, 'kiosk-ticket');

    const [doc] = (await printer.waitForDocuments(before + 1)).slice(before);
    const printed = doc?.lines.join('\n') ?? '';
    expect(printed).toContain(number);
    expect(printed).toContain('社会保障卡');
    expect(printed).toContain('青山县政务服务中心');
    const id = await ticketIdOn(page);
    expect(doc?.qr[0]).toContain(`/t/${id}`);
    const server = await publicTicket(id);
    expect(server.status).toBe(200);
    expect(server.body).toMatchObject({ number });
    expect(errors).toEqual([]);
  });

  it('finds matters by pinyin initials on the on-screen keyboard', async () => {
    const { page } = await openKiosk();
    await page.click(testId('home-take'));
    await page.click(testId('search-open'));
    for (const k of ['S', 'B', 'K']) await page.click(testId(`key-${k}`));
    await page.waitForSelector(testId('matter-ms-sbk'));
    const first = await page.locator('[data-testid^="matter-"]').first().getAttribute('data-testid');
    expect(first).toBe('matter-ms-sbk');
  });

  it('takes a 一件事 bundle as one ticket with one materials list; in English its QR opens the English phone page', async () => {
    const { page, errors } = await openKiosk();
    await page.click(testId('locale'));
    await page.click(testId('home-take'));
    await page.click(testId('category-economy'));
    await page.waitForSelector(testId('bundle-jj-canyin'));
    expect(await text(page, 'bundle-jj-canyin')).toContain('2 matters');
    await page.click(testId('guide-jj-canyin'));
    await page.waitForSelector(testId('guide-bundle'));
    const guide = await text(page, 'guide');
    // Both members' documents, each asked for once (营业执照 is needed by the licence only).
    for (const doc of ['经营者居民身份证', '食品经营许可申请书', '经营场所平面布局图'])
      expect(guide).toContain(doc);
    expect(guide.split('个体工商户登记（备案）申请书').length).toBe(2);
    const members = await text(page, 'guide-bundle');
    expect(members).toContain('个体工商户设立登记');
    expect(members).toContain('食品经营许可');
    expect(await text(page, 'guide-plain')).toContain('小饭馆');
    await screenshot(page, 'kiosk-bundle-guide');
    await page.click(testId('guide-take'));
    await page.waitForSelector(`${testId('ticket')}[data-print="printed"]`);
    expect(await text(page, 'ticket-number')).toMatch(/^C\d{3}$/);
    const qr = (await page.getAttribute('[data-qr]', 'data-qr')) ?? '';
    expect(qr).toMatch(/\/t\/[^?]+\?lang=en$/);
    const phone = await (await fetch(qr)).text();
    expect(phone).toContain('<html lang="en">');
    expect(phone).toContain('Opening a restaurant (one visit)');
    expect(errors).toEqual([]);
  });

  it('reads the ID card of a 70-year-old: green channel offered, real-name ticket with a masked name', async () => {
    const { page, errors } = await openKiosk();
    const k = kiosk1();
    const before = k.printer.documents.length;
    await page.click(testId('home-card'));
    await page.waitForSelector(testId('card-prompt'));
    k.reader.place(sampleCard('elder'));
    await page.waitForSelector(testId('resident'));
    expect(await text(page, 'resident')).toContain('王**');
    expect(await text(page, 'green')).toContain('60');
    await screenshot(page, 'kiosk-card-elder');
    await page.click(testId('category-social'));
    await page.click(testId('matter-sh-dibao'));
    await page.waitForSelector(`${testId('ticket')}[data-print="printed"]`);
    expect(await text(page, 'ticket-green')).toBe('绿色通道');
    expect(await text(page, 'ticket-name')).toBe('王**');
    const body = (await page.textContent('body')) ?? '';
    expect(body).not.toContain('王秀英');
    const [doc] = (await k.printer.waitForDocuments(before + 1)).slice(before);
    expect(doc?.lines.join('\n')).toContain('王**');
    expect(doc?.lines.join('\n')).not.toContain('王秀英');
    // The class is printed too, so the window and the guide desk see it on the paper.
    expect(doc?.lines.join('\n')).toContain('绿色通道');
    const id = await ticketIdOn(page);
    const stored = await hall.demo.server.service.snapshot({
      deviceId: 'test',
      hallId: 'qingshan',
      role: 'admin',
      windowId: null,
    });
    const ticket = stored.tickets.find((t) => t.id === id);
    expect(ticket).toMatchObject({
      priorityClass: 'green',
      greenReason: 'elderly',
      resident: { nameMasked: '王**', idMasked: expect.stringMatching(/^\*{14}\d{3}[\dX]$/) },
    });
    k.reader.remove();
    expect(errors).toEqual([]);
  });

  it('explains a failed card read and lets the resident try again', async () => {
    const { page } = await openKiosk();
    const k = kiosk1();
    await page.click(testId('home-card'));
    k.reader.place(sampleCard('readFailure'));
    await page.waitForSelector(testId('card-problem'));
    expect(await text(page, 'card-problem')).toContain('重新放置');
    k.reader.remove();
    await new Promise((r) => setTimeout(r, 600));
    k.reader.place(sampleCard('resident'));
    await page.waitForSelector(testId('resident'));
    expect(await text(page, 'resident')).toContain('李*');
    k.reader.remove();
  });

  it('checks in an appointment by code inside its slot, and explains a too-early one with a normal ticket offer', async () => {
    const now = Date.now();
    const book = async (code: string, startOffsetMin: number) => {
      const res = await fetch(`${hall.demo.url}/api/halls/qingshan/appointments`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${hall.demo.tokens['admin-1']}`,
        },
        body: JSON.stringify({
          matterId: 'ms-sbk',
          code,
          slotStart: now + startOffsetMin * 60_000,
          slotEnd: now + (startOffsetMin + 30) * 60_000,
        }),
      });
      expect(res.status).toBe(201);
    };
    await book('20261122', -5);
    await book('20261199', 180);

    const { page } = await openKiosk();
    const enter = async (code: string) => {
      await page.click(testId('home-checkin'));
      for (const d of code) await page.click(testId(`digit-${d}`));
      await page.click(testId('digit-✓'));
    };
    await enter('20261122');
    await page.waitForSelector(testId('ticket'));
    expect((await page.textContent(testId('ticket'))) ?? '').toContain('预约号');
    await page.click(testId('done'));

    await enter('20261199');
    await page.waitForSelector(`${testId('notice')}[data-kind="tooEarly"]`);
    expect(await text(page, 'notice')).toContain('还未到签到时间');
    await screenshot(page, 'kiosk-appointment-too-early');
    await page.click(testId('offer-normal'));
    await page.waitForSelector(testId('ticket'));
    expect((await page.textContent(testId('ticket'))) ?? '').not.toContain('预约号');
  });

  it('checks in by ID card the appointment booked under that card', async () => {
    const card = sampleCard('resident');
    if (card === null || card.kind !== 'card') throw new Error('sample card');
    const now = Date.now();
    const res = await fetch(`${hall.demo.url}/api/halls/qingshan/appointments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hall.demo.tokens['admin-1']}` },
      body: JSON.stringify({
        matterId: 'sw-fapiao',
        slotStart: now - 60_000,
        slotEnd: now + 30 * 60_000,
        resident: { idNumber: card.fields.idNumber, name: card.fields.name },
      }),
    });
    expect(res.status).toBe(201);
    const { page } = await openKiosk();
    const k = kiosk1();
    await page.click(testId('home-checkin'));
    await page.click(testId('checkin-card'));
    await page.waitForSelector(`${testId('card-prompt')}[data-purpose="checkIn"]`);
    k.reader.place(card);
    await page.waitForSelector(testId('ticket'));
    const ticket = (await page.textContent(testId('ticket'))) ?? '';
    expect(ticket).toContain('预约号');
    expect(ticket).toContain('李*');
    k.reader.remove();
  });

  it('with the printer out of paper shows the ticket as an on-screen QR code, and the server keeps it', async () => {
    const k = kiosk1();
    k.printer.status = { ...k.printer.status, paperEnd: true };
    try {
      const { page } = await openKiosk();
      await page.waitForSelector(testId('printer-warning'));
      const before = k.printer.documents.length;
      await takeNumber(page, 'livelihood', 'ms-sbk');
      await page.waitForSelector(`${testId('ticket')}[data-print="failed"]`);
      expect(await text(page, 'print-state')).toContain('打印纸已用完');
      expect(await text(page, 'print-state')).toContain('扫描二维码');
      // A resident without a smartphone is told where to get the ticket printed again.
      const number = await text(page, 'ticket-number');
      expect(await text(page, 'print-go-to')).toBe(
        `没有手机？请到 13 号窗口（咨询导办台）报号码 ${number}，工作人员为您补打号票。`,
      );
      expect(await page.isVisible('[data-qr]')).toBe(true);
      await screenshot(page, 'kiosk-paper-out');
      expect(k.printer.documents.length).toBe(before);
      const server = await publicTicket(await ticketIdOn(page));
      expect(server.status).toBe(200);
      expect(server.body).toMatchObject({ number: await text(page, 'ticket-number') });
    } finally {
      k.printer.status = { ...k.printer.status, paperEnd: false };
    }
  });

  it('elder mode enlarges the screen and speaks its prompts', async () => {
    const { page } = await openKiosk();
    await page.click(testId('elder'));
    expect(await page.getAttribute('.kiosk', 'data-elder')).toBe('true');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="spoken"]')?.textContent?.includes('请选择'),
    );
    await page.click(testId('home-take'));
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="spoken"]')?.textContent?.includes('请选择办理领域'),
    );
    await screenshot(page, 'kiosk-elder-categories');
    await page.click(testId('locale'));
    expect(await page.textContent('h2')).toBe('Choose an area');
  });

  it('returns home after the idle time and forgets the resident', async () => {
    const { page } = await openKiosk('&idle=5');
    const k = kiosk1();
    await page.click(testId('home-card'));
    k.reader.place(sampleCard('elder'));
    await page.waitForSelector(testId('resident'));
    k.reader.remove();
    await page.waitForSelector(testId('home-take'), { timeout: 10_000 });
    expect(await page.isVisible(testId('resident'))).toBe(false);
    expect((await page.textContent('body')) ?? '').not.toContain('王**');
  });

  it('without a device token asks for a pairing code instead of showing a kiosk', async () => {
    const page = await hall.browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(`${hall.demo.url}/kiosk/`);
    await page.waitForSelector(`${testId('pairing')}[data-reason="new"]`);
    expect((await page.textContent(testId('pairing'))) ?? '').toContain('配对码');
    expect(await page.isVisible(testId('home-take'))).toBe(false);
    await page.fill(testId('pairing-code'), '12345678');
    await page.click(testId('pairing-submit'));
    await page.waitForSelector(testId('pairing-error'));
    expect(await page.textContent(testId('pairing-error'))).toContain('配对码错误');
    await screenshot(page, 'kiosk-pairing');
  });

  it('with the hall server gone shows 暂停取号 and prints nothing', async () => {
    const { page } = await openKiosk();
    const k = kiosk1();
    await page.click(testId('home-take'));
    await page.click(testId('category-livelihood'));
    const before = k.printer.documents.length;
    await hall.demo.close(); // the hall server, its sockets and the device bridge all go away
    await page.waitForSelector(testId('paused'));
    expect(await text(page, 'paused')).toContain('暂停取号');
    await screenshot(page, 'kiosk-paused');
    // The overlay covers the screen; even a forced tap on a matter issues and prints nothing.
    await page.click(testId('matter-ms-sbk'), { force: true });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(k.printer.documents.length).toBe(before);
    expect(await page.isVisible(testId('ticket'))).toBe(false);
  });
});
