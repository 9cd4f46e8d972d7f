import pino from 'pino';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.js';
import { demoCommands, screenshot, testId, until, useDemoHall, watchErrors } from './browser.js';

/** The demo hall on Wednesday 2 December 2026, 09:10 Beijing time; the test moves the clock on. */
const START = Date.parse('2026-12-02T09:10:00+08:00');
let shift = START - Date.now();
const clock = { now: () => Date.now() + shift };
const advanceTo = (hhmm: string) => {
  shift = Date.parse(`2026-12-02T${hhmm}:00+08:00`) - Date.now();
};
const logLines: string[] = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
const hall = useDemoHall('booking-e2e', { clock, logger });

const HALL = 'qingshan';
const PHONE = '13912348866';
const ID_NUMBER = '110101199003074514';
const { device, run } = demoCommands(hall, HALL, 'e2e-booking');
const phoneViewport = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
};
const store = () => hall.demo.server.service.ops.deps.store;
const messages = () => store().read((tx) => tx.booking.listNotifications(HALL, 0, Number.MAX_SAFE_INTEGER));

async function bookOnPhone(
  page: Page,
  name: string,
  idNumber: string,
  slot: string,
  shots: boolean,
): Promise<string> {
  // The screens people look at are also those held to WCAG 2.1 AA along the booking flow.
  const shot = async (n: string) => {
    if (!shots) return;
    await screenshot(page, n);
    await expectAccessible(page, n);
  };
  await page.goto(`${hall.demo.url}/book/`);
  await shot('book-1-hall');
  await page.click(`a[href^="/book/${HALL}/"]`);
  await shot('book-2-category');
  await page.click('text=公安');
  await page.click('text=居民身份证申领、换领、补领');
  await page.waitForSelector(testId('materials'));
  expect(await page.textContent(testId('materials'))).toContain('居民户口簿');
  await shot('book-3-guide-and-days');
  await page.click('[data-day="2026-12-02"]');
  await page.waitForSelector(testId('slots'));
  await shot('book-4-slots');
  await page.click(`[data-slot="${Date.parse(`2026-12-02T${slot}:00+08:00`)}"]`);
  await page.fill('input[name="name"]', name);
  await page.fill('input[name="phone"]', PHONE);
  await page.fill('input[name="idNumber"]', idNumber);
  await shot('book-5-details');
  await page.click(testId('book-submit'));
  await page.waitForSelector(testId('booked'));
  await page.waitForSelector(`${testId('booking-qr')} svg`);
  const card = (await page.textContent(testId('booking'))) ?? '';
  expect(card).toContain('*******8866');
  expect(card).not.toContain(PHONE);
  expect(card).not.toContain(idNumber);
  await shot('book-6-confirmed');
  return ((await page.textContent(testId('booking-code'))) ?? '').trim();
}

describe('a resident books on the phone, checks in at the kiosk and follows the visit on the phone', () => {
  it('book → confirmation → kiosk check-in → live phone page → called within a second → rated 不满意 → rectification', async () => {
    const phone = await hall.browser.newPage(phoneViewport);
    const errors = watchErrors(phone);
    const code = await bookOnPhone(phone, '刘洋', ID_NUMBER, '10:00', true);
    expect(code).toMatch(/^\d{8}$/);

    // The confirmation goes out through the logging notifier: the log shows it, the number masked.
    await until(
      async () => (await messages()).some((n) => n.kind === 'booked' && n.status === 'sent'),
      5_000,
    );
    const line = logLines.find((l) => l.includes('resident notification (log driver)') && l.includes(code));
    expect(line).toBeDefined();
    expect(line).toContain('*******8866');
    expect(logLines.join('\n')).not.toContain(PHONE);

    // Two residents took numbers for the same matter before the booked one arrives.
    const kioskDevice = device('kiosk', 'demo-kiosk-1', null);
    for (let i = 0; i < 2; i++) await run(kioskDevice, 'ticket:issue', { matterId: 'ga-sfz' });

    // At 09:35 check-in is open (30 minutes before the slot): the code is typed at the kiosk.
    advanceTo('09:35');
    const kiosk = await hall.browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await kiosk.goto(`${hall.demo.url}/kiosk/?token=${hall.demo.tokens['kiosk-1']}`);
    await kiosk.waitForSelector(testId('home-take'));
    await kiosk.waitForSelector(testId('paused'), { state: 'detached' });
    await kiosk.click(testId('home-checkin'));
    for (const d of code) await kiosk.click(testId(`digit-${d}`));
    await kiosk.click(testId('digit-✓'));
    await kiosk.waitForSelector(testId('ticket'));
    expect((await kiosk.textContent(testId('ticket'))) ?? '').toContain('预约号');
    await kiosk.close();
    const appt = (await store().read((tx) => tx.getAppointmentByCode(HALL, code)))!;
    expect(appt.status).toBe('checkedIn');
    const ticketId = appt.ticketId!;

    // The phone page of the ticket: people ahead, live.
    await phone.goto(`${hall.demo.url}/t/${ticketId}`);
    await phone.waitForSelector('#ticket[data-status="waiting"]');
    await until(async () => ((await phone.textContent('#ticket')) ?? '').includes('前面还有 2 人'), 5_000);
    await until(async () => (await phone.getAttribute('#ticket', 'data-live')) === 'on', 5_000);
    await screenshot(phone, 'phone-1-waiting');

    const w06 = device('window', 'window-w06', 'w06');
    await run(w06, 'window:open', { windowId: 'w06', staffId: 's-yang', pin: '1234' });
    for (let i = 0; i < 2; i++) {
      const { ticket } = await run<{ ticket: { id: string } }>(w06, 'ticket:callNext', { windowId: 'w06' });
      expect(ticket.id).not.toBe(ticketId);
      await run(w06, 'ticket:finish', { windowId: 'w06', ticketId: ticket.id });
    }
    await until(async () => ((await phone.textContent('#ticket')) ?? '').includes('前面还有 0 人'), 5_000);
    const calledAt = Date.now();
    const { ticket } = await run<{ ticket: { id: string } }>(w06, 'ticket:callNext', { windowId: 'w06' });
    expect(ticket.id).toBe(ticketId);
    await phone.waitForSelector('#ticket[data-status="called"]', { timeout: 5_000 });
    const shownAfterMs = Number(await phone.getAttribute('#ticket', 'data-updated-at')) - calledAt;
    expect(shownAfterMs).toBeLessThan(1_000);
    expect(await phone.textContent(testId('called'))).toContain('6 号窗口');
    await screenshot(phone, 'phone-2-called');
    await until(async () => (await messages()).some((n) => n.kind === 'call'), 5_000);
    expect((await messages()).find((n) => n.kind === 'call')?.text).toMatch(/^请D\d+号到6号窗口办理。$/);

    await run(w06, 'ticket:start', { windowId: 'w06', ticketId });
    await phone.waitForSelector('#ticket[data-status="serving"]');
    await run(w06, 'ticket:finish', { windowId: 'w06', ticketId });
    await phone.waitForSelector(testId('rate-2'));
    await screenshot(phone, 'phone-3-rate');
    await phone.check(testId('rate-reason-attitude'));
    await phone.fill('input[name="comment"]', '窗口人员态度生硬');
    await phone.click(testId('rate-2'));
    await phone.waitForSelector('[data-rated="1"]');
    await screenshot(phone, 'phone-4-rated');

    const evaluation = await store().read((tx) => tx.getEvaluationByTicket(ticketId));
    expect(evaluation).toMatchObject({
      level: 2,
      channel: 'mobile',
      reasons: ['服务态度差'],
      comment: '窗口人员态度生硬',
    });
    const cases = await hall.demo.server.service.listRectifications(HALL, '2026-12-02');
    expect(cases.some((c) => c.ticketId === ticketId)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('looks up, moves and cancels a booking by code and phone digits; wrong digits reveal nothing', async () => {
    advanceTo('09:40');
    const page = await hall.browser.newPage(phoneViewport);
    const code = await bookOnPhone(page, '周敏', '11010119850615452X', '15:00', false);
    await page.goto(`${hall.demo.url}/book/${HALL}/manage`);
    await page.fill('input[name="code"]', code);
    await page.fill('input[name="phoneDigits"]', '0000');
    await page.click(testId('lookup-submit'));
    await page.waitForSelector(`${testId('book-error')}[data-code="BOOKING_NOT_FOUND"]`);
    await screenshot(page, 'book-7-wrong-digits');
    await page.fill('input[name="code"]', code);
    await page.fill('input[name="phoneDigits"]', '8866');
    await page.click(testId('lookup-submit'));
    await page.waitForSelector(testId('reschedule-slot'));
    await screenshot(page, 'book-8-manage');
    const target = String(Date.parse('2026-12-03T09:00:00+08:00'));
    await page.selectOption(testId('reschedule-slot'), target);
    await page.click(testId('reschedule-submit'));
    await page.waitForSelector(testId('book-said'));
    expect(await page.textContent(testId('booking'))).toContain('2026-12-03 09:00');
    await page.click(testId('cancel-submit'));
    await page.waitForSelector(`${testId('booking')}[data-status="cancelled"]`);
    await screenshot(page, 'book-9-cancelled');
    const day = await (
      await fetch(`${hall.demo.url}/api/book/halls/${HALL}/matters/ga-sfz/slots?day=2026-12-03`)
    ).json();
    expect(
      (day as { slots: { start: number; remaining: number; capacity: number }[] }).slots.find(
        (s) => s.start === Number(target),
      ),
    ).toMatchObject({ remaining: 4 });

    // In English and large type, as a resident may choose.
    await page.goto(`${hall.demo.url}/book/${HALL}/m/ga-sfz?lang=en&size=l&day=2026-12-03`);
    expect(await page.getAttribute('body', 'class')).toBe('large');
    expect(await page.textContent('h2')).toContain('Choose a day');
    await screenshot(page, 'book-10-english-large');
  });

  it('shows the day’s bookings and messages in the console and tells a resident to collect the result', async () => {
    const page = await hall.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${hall.demo.url}/admin/`);
    await page.fill(testId('login-username'), 'admin');
    await page.fill(testId('login-password'), 'onewindow-demo');
    await page.click(testId('login-submit'));
    await page.click(testId('nav-bookings'));
    await page.fill(testId('bookings-day'), '2026-12-02');
    await page.waitForSelector(`${testId('booking-row')}[data-status="checkedIn"]`);
    await page.selectOption(testId('bookings-pickup-window'), 'w12');
    await page.click(testId('booking-pickup'));
    await until(
      async () => (await messages()).some((n) => n.kind === 'pickup' && n.status === 'sent'),
      5_000,
    );
    await page.fill(testId('bookings-day'), '2026-12-01');
    await page.fill(testId('bookings-day'), '2026-12-02');
    await page.waitForSelector(`${testId('sent-message')}[data-kind="pickup"]`);
    await screenshot(page, 'console-bookings');
    expect((await messages()).find((n) => n.kind === 'pickup')?.text).toContain('12 号窗口（统一出件窗口）');

    // A manager opens 异地就医备案 to booking in the matter's form; a bad value is named and not saved.
    await page.click(testId('nav-matters'));
    await page.click(testId('edit-matter-ms-yidi'));
    await page.check(testId('matter-booking-enabled'));
    await page.fill(testId('matter-booking-capacity'), '600');
    await page.click(testId('matter-save'));
    await page.waitForSelector(`${testId('matter-booking')} ${testId('field-error')}`);
    await page.locator(testId('matter-booking')).scrollIntoViewIfNeeded();
    await screenshot(page, 'console-matter-booking');
    const bookable = async () =>
      (
        (await (await fetch(`${hall.demo.url}/api/book/halls/${HALL}/matters`)).json()) as {
          id: string;
          booking: { capacity: number; slotMin: number };
        }[]
      ).find((m) => m.id === 'ms-yidi');
    expect(await bookable()).toBeUndefined();
    await page.fill(testId('matter-booking-capacity'), '6');
    await page.fill(testId('matter-booking-slotMin'), '20');
    await page.click(testId('matter-save'));
    await page.waitForSelector(testId('matter-form'), { state: 'detached' });
    expect((await bookable())?.booking).toMatchObject({ capacity: 6, slotMin: 20 });
  });
});
