import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type BookingView, type DaySlots, StatsQuery } from '@onewindow/protocol';
import { describe, expect, it } from 'vitest';
import type { ServerLimits } from '../src/index.js';
import { createPostgresStore } from '../src/store/postgres.js';
import {
  api,
  at,
  bookingConfig,
  getJson,
  PHONE,
  person,
  postJson,
  setClock,
  startBookingHall,
} from './booking-support.js';
import { FakeClock, KIOSK, MIN, okData, type TestHall, useHalls, windowToken } from './helpers.js';
import { freshPgUrl, REDIS_URL } from './pg.js';

const halls = useHalls();
const start = (day?: string, time?: string, limits?: Partial<ServerLimits>) =>
  startBookingHall(halls, day, time, limits);

describe('预约 calendar: which days and slots can be booked', () => {
  it('closes holidays unless the matter opts in, opens the 调休 workday and the weekend service day, keeps the cut-off', async () => {
    const h = await start('2026-09-28', '09:00');
    const days = await getJson<{ day: string; refusal: string | null }[]>(
      `${api(h.url)}/matters/m-social/days`,
    );
    const of = (d: string) => days.find((x) => x.day === d)?.refusal;
    expect(days).toHaveLength(15);
    expect(of('2026-10-01')).toBe('holiday'); // National Day
    expect(of('2026-10-03')).toBe('holiday'); // a holiday the hall opens, but m-social does not opt in
    expect(of('2026-10-10')).toBe(null); // Saturday worked in lieu (调休): Monday's hours
    expect(of('2026-10-11')).toBe('closed'); // an ordinary Sunday
    expect(of('2026-09-28')).toBe(null); // today, later slots still open
    // m-tax opts in: the hall's 国庆便民服务日 hours, nothing else on holidays.
    const tax = await getJson<DaySlots>(`${api(h.url)}/matters/m-tax/slots?day=2026-10-03`);
    expect(tax.slots.map((s) => s.start)).toEqual([at('2026-10-03', '09:00'), at('2026-10-03', '10:00')]);
    const taxDays = await getJson<{ day: string; refusal: string | null }[]>(
      `${api(h.url)}/matters/m-tax/days`,
    );
    expect(taxDays.find((d) => d.day === '2026-10-02')?.refusal).toBe('closed'); // a holiday the hall keeps closed
    // The 调休 Saturday has Monday's whole day of half-hour slots.
    const makeup = await getJson<DaySlots>(`${api(h.url)}/matters/m-social/slots?day=2026-10-10`);
    expect(makeup.slots).toHaveLength(18);
    expect(makeup.slots[0]?.start).toBe(at('2026-10-10', '08:30'));
    // Today: slots up to an hour ahead are past their cut-off.
    const today = await getJson<DaySlots>(`${api(h.url)}/matters/m-social/slots?day=2026-09-28`);
    expect(today.slots.filter((s) => !s.open).map((s) => s.start)).toEqual([
      at('2026-09-28', '08:30'),
      at('2026-09-28', '09:00'),
      at('2026-09-28', '09:30'),
    ]);
    // 10:00 is exactly an hour ahead: still open.
    const late = await postJson(`${api(h.url)}/bookings`, {
      matterId: 'm-social',
      slotStart: at('2026-09-28', '09:30'),
      ...person(1),
    });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'BOOKING_CLOSED', details: { reason: 'cutoff' } });
    const holiday = await postJson(`${api(h.url)}/bookings`, {
      matterId: 'm-social',
      slotStart: at('2026-10-03', '09:00'),
      ...person(1),
    });
    expect(holiday.body.error).toMatchObject({ code: 'BOOKING_CLOSED', details: { reason: 'holiday' } });
    const far = await postJson(`${api(h.url)}/bookings`, {
      matterId: 'm-social',
      slotStart: at('2026-10-14', '09:00'),
      ...person(1),
    });
    expect(far.body.error).toMatchObject({ code: 'BOOKING_CLOSED', details: { reason: 'tooFar' } });
    const odd = await postJson(`${api(h.url)}/bookings`, {
      matterId: 'm-social',
      slotStart: at('2026-10-09', '09:10'),
      ...person(1),
    });
    expect(odd.body.error).toMatchObject({ code: 'BOOKING_CLOSED', details: { reason: 'notASlot' } });
    const made = await postJson(`${api(h.url)}/bookings`, {
      matterId: 'm-social',
      slotStart: at('2026-10-10', '08:30'),
      ...person(1),
    });
    expect(made.status).toBe(201);
  });

  it('books the weekend service day, and limits one resident to the matter’s bookings per day', async () => {
    const h = await start('2026-11-23', '09:00');
    const days = await getJson<{ day: string; refusal: string | null }[]>(
      `${api(h.url)}/matters/m-social/days`,
    );
    expect(days.find((d) => d.day === '2026-11-28')?.refusal).toBe(null); // Saturday 09:00–12:00
    expect(days.find((d) => d.day === '2026-11-29')?.refusal).toBe('closed');
    const sat = await getJson<DaySlots>(`${api(h.url)}/matters/m-social/slots?day=2026-11-28`);
    expect(sat.slots.map((s) => s.start)).toEqual(
      ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'].map((t) => at('2026-11-28', t)),
    );
    const first = await postJson(`${api(h.url)}/bookings`, {
      matterId: 'm-social',
      slotStart: at('2026-11-28', '09:00'),
      ...person(7),
    });
    expect(first.status).toBe(201);
    const again = await postJson(`${api(h.url)}/bookings`, {
      matterId: 'm-social',
      slotStart: at('2026-11-28', '10:00'),
      ...person(7),
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'BOOKING_LIMIT', details: { limit: 1 } });
    // Another matter, or another day, is another booking.
    const tax = await postJson(`${api(h.url)}/bookings`, {
      matterId: 'm-tax',
      slotStart: at('2026-11-28', '10:00'),
      ...person(7),
    });
    expect(tax.status).toBe(201);
    const monday = await postJson(`${api(h.url)}/bookings`, {
      matterId: 'm-social',
      slotStart: at('2026-11-30', '10:00'),
      ...person(7),
    });
    expect(monday.status).toBe(201);
    // A matter that is not bookable, and a bad ID number, are refused with their codes.
    const notBookable = await postJson(`${api(h.url)}/bookings`, {
      matterId: 'm-social2',
      slotStart: at('2026-11-30', '10:00'),
      ...person(8),
    });
    expect(notBookable.body.error).toMatchObject({ code: 'BOOKING_CLOSED' });
    const badId = await postJson(`${api(h.url)}/bookings`, {
      matterId: 'm-social',
      slotStart: at('2026-11-30', '10:00'),
      ...person(8),
      idNumber: '320102198001011234',
    });
    expect(badId.body.error).toMatchObject({ code: 'INVALID_ID_NUMBER' });
  });
});

describe('预约 places', () => {
  it('gives the last place of a slot to exactly one of many residents booking at once', async () => {
    const h = await start();
    const slotStart = at('2026-11-24', '10:00');
    const first = await postJson(`${api(h.url)}/bookings`, { matterId: 'm-social', slotStart, ...person(1) });
    expect(first.status).toBe(201);
    const racers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        postJson(`${api(h.url)}/bookings`, { matterId: 'm-social', slotStart, ...person(10 + i) }),
      ),
    );
    expect(racers.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = racers.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(19);
    for (const r of refused) expect(r.body.error?.code).toBe('SLOT_FULL');
    const slots = await getJson<DaySlots>(`${api(h.url)}/matters/m-social/slots?day=2026-11-24`);
    expect(slots.slots.find((s) => s.start === slotStart)).toMatchObject({ capacity: 2, remaining: 0 });
  });

  it('never overfills a slot across two server instances on one PostgreSQL', async () => {
    const { url, drop } = await freshPgUrl();
    try {
      const redisPrefix = `test-${randomBytes(6).toString('hex')}`;
      const both: TestHall[] = [];
      for (let i = 0; i < 2; i++) {
        const clock = new FakeClock();
        setClock(clock, '2026-11-23', '09:00');
        both.push(
          await halls.start({
            clock,
            config: bookingConfig(),
            store: createPostgresStore(url),
            redisUrl: REDIS_URL,
            redisPrefix,
          }),
        );
      }
      const slotStart = at('2026-11-24', '11:00');
      const answers = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          postJson(`${api(both[i % 2]!.url)}/bookings`, {
            matterId: 'm-social',
            slotStart,
            ...person(40 + i),
          }),
        ),
      );
      expect(answers.filter((r) => r.status === 201)).toHaveLength(2);
      expect(answers.filter((r) => r.body.error?.code === 'SLOT_FULL')).toHaveLength(14);
    } finally {
      await drop();
    }
  });

  it('frees the place on cancel and on reschedule; a wrong code or wrong digits get the same answer', async () => {
    const h = await start();
    const slotA = at('2026-11-24', '10:00');
    const slotB = at('2026-11-24', '14:00');
    const view = (
      await postJson(`${api(h.url)}/bookings`, { matterId: 'm-social', slotStart: slotA, ...person(1) })
    ).body as unknown as BookingView;
    await postJson(`${api(h.url)}/bookings`, { matterId: 'm-social', slotStart: slotA, ...person(2) });
    expect(view).toMatchObject({ status: 'booked', phoneMasked: '*******5678', nameMasked: '居**' });
    expect(JSON.stringify(view)).not.toContain(PHONE);
    const access = { code: view.code, phoneDigits: '5678' };
    const wrongDigits = await postJson(`${api(h.url)}/bookings/lookup`, { ...access, phoneDigits: '5679' });
    const wrongCode = await postJson(`${api(h.url)}/bookings/lookup`, {
      ...access,
      code: view.code === '12345678' ? '12345679' : '12345678',
    });
    expect(wrongDigits.status).toBe(404);
    expect(wrongCode.status).toBe(404);
    expect(wrongDigits.body).toEqual(wrongCode.body);
    expect((await postJson(`${api(h.url)}/bookings/lookup`, access)).body).toMatchObject({
      code: view.code,
      slotStart: slotA,
    });

    const moved = await postJson(`${api(h.url)}/bookings/reschedule`, { ...access, slotStart: slotB });
    expect(moved.body).toMatchObject({ slotStart: slotB, status: 'booked' });
    let day = await getJson<DaySlots>(`${api(h.url)}/matters/m-social/slots?day=2026-11-24`);
    expect(day.slots.find((s) => s.start === slotA)?.remaining).toBe(1);
    expect(day.slots.find((s) => s.start === slotB)?.remaining).toBe(1);
    const cancelled = await postJson(`${api(h.url)}/bookings/cancel`, access);
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    day = await getJson<DaySlots>(`${api(h.url)}/matters/m-social/slots?day=2026-11-24`);
    expect(day.slots.find((s) => s.start === slotB)?.remaining).toBe(2);
    expect((await postJson(`${api(h.url)}/bookings/cancel`, access)).body.error?.code).toBe(
      'ILLEGAL_TRANSITION',
    );
    // The reminders of the moved and the cancelled booking never go out.
    const sent = await h.server.service.ops.deps.store.read((tx) =>
      tx.booking.listNotifications('h1', 0, Number.MAX_SAFE_INTEGER),
    );
    expect(sent.map((n) => `${n.kind}:${n.status}`).sort()).toEqual(
      [
        'booked:pending', // this booking's confirmation
        'booked:pending', // the other resident's
        'reminder:pending', // the other resident's reminder
        'reminder:withdrawn', // the reminder of the first slot, moved away
        'rescheduled:pending',
        'reminder:withdrawn', // the reminder of the second slot, cancelled
        'cancelled:pending',
      ].sort(),
    );
  });

  it('slows down guessing: look-ups from one address are rate limited, whatever they name', async () => {
    const h = await start('2026-11-23', '09:00', {
      bookingLookupsPerAddress: { perSec: 0.001, burst: 3 },
    });
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(
        await postJson(`${api(h.url)}/bookings/lookup`, { code: `1000000${i}`, phoneDigits: '0000' }),
      );
    expect(answers.map((a) => a.body.error?.code)).toEqual([
      'BOOKING_NOT_FOUND',
      'BOOKING_NOT_FOUND',
      'BOOKING_NOT_FOUND',
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
    expect(answers[3]?.status).toBe(429);
  });

  it('marks a booking never checked in as missed, counts it, and pauses a resident who keeps missing', async () => {
    const h = await start('2026-11-23', '08:00');
    const me = person(3);
    for (const day of ['2026-11-23', '2026-11-24', '2026-11-25']) {
      setClock(h.clock, day, '08:00');
      expect(
        (
          await postJson(`${api(h.url)}/bookings`, {
            matterId: 'm-social',
            slotStart: at(day, '10:00'),
            ...me,
          })
        ).status,
      ).toBe(201);
      setClock(h.clock, day, '10:44'); // the check-in closes 15 minutes after the slot
      await h.server.tick();
      let list = await h.server.service.listAppointments('h1', day);
      expect(list[0]?.status).toBe('booked');
      setClock(h.clock, day, '10:46');
      await h.server.tick();
      list = await h.server.service.listAppointments('h1', day);
      expect(list[0]?.status).toBe('missed');
    }
    setClock(h.clock, '2026-11-26', '08:00');
    const blocked = await postJson(`${api(h.url)}/bookings`, {
      matterId: 'm-social',
      slotStart: at('2026-11-26', '10:00'),
      ...me,
    });
    expect(blocked.body.error).toMatchObject({ code: 'BOOKING_BLOCKED' });
    const until = (blocked.body.error as unknown as { details: { until: number } }).details.until;
    expect(until).toBe(at('2026-11-25', '10:30') + 30 * 24 * 60 * MIN);
    // The statistics count them: three booked, none kept, all missed.
    const stats = await h.server.service.reports.statistics(
      'h1',
      StatsQuery.parse({ from: '2026-11-23', to: '2026-11-25' }),
    );
    expect(stats.appointments).toEqual({ booked: 3, checkedIn: 0, missed: 3, cancelled: 0, shown: 0 });
    // Someone else books as usual.
    expect(
      (
        await postJson(`${api(h.url)}/bookings`, {
          matterId: 'm-social',
          slotStart: at('2026-11-26', '10:00'),
          ...person(4),
        })
      ).status,
    ).toBe(201);
  });
});

describe('预约 check-in and privacy', () => {
  it('checks in at the kiosk with the booking code, and keeps the phone and ID number out of the data folder', async () => {
    const h = await start('2026-11-23', '08:00');
    const me = person(5);
    const view = (
      await postJson(`${api(h.url)}/bookings`, {
        matterId: 'm-social',
        slotStart: at('2026-11-23', '09:30'),
        ...me,
      })
    ).body as unknown as BookingView;
    setClock(h.clock, '2026-11-23', '09:20');
    const kiosk = await h.connect(KIOSK);
    const issued = okData(
      await kiosk.command('ticket:issue', { requestId: 'issue-0001', appointmentCode: view.code }),
    );
    expect(issued.ticket).toMatchObject({ priorityClass: 'appointment', matterId: 'm-social' });
    const found = await postJson(`${api(h.url)}/bookings/lookup`, { code: view.code, phoneDigits: '5678' });
    expect(found.body).toMatchObject({ status: 'checkedIn', ticketId: issued.ticket.id });
    const w1 = await h.connect(windowToken('w1'));
    okData(await w1.command('window:open', { requestId: 'open-0001', windowId: 'w1' }));
    okData(await w1.command('ticket:callNext', { requestId: 'call-0001', windowId: 'w1' }));
    await h.server.residents.outbox.drain();
    const files = [h.dbFile, `${h.dbFile}-wal`].map((f) => {
      try {
        return readFileSync(f);
      } catch {
        return Buffer.alloc(0);
      }
    });
    for (const f of files) {
      expect(f.includes(Buffer.from(PHONE))).toBe(false);
      expect(f.includes(Buffer.from(me.idNumber))).toBe(false);
      expect(f.includes(Buffer.from(me.name))).toBe(false);
    }
  });
});
