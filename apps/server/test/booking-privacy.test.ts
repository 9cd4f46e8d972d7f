import { describe, expect, it } from 'vitest';
import { PersonalDataKeys, rekeyStore } from '../src/privacy.js';
import { createSqliteStore } from '../src/store/sqlite.js';
import { api, at, PHONE, person, postJson, startBookingHall } from './booking-support.js';
import { dump, TEST_PERSONAL_DATA_KEY, useHalls } from './helpers.js';

const halls = useHalls();
const start = (day?: string, time?: string) => startBookingHall(halls, day, time);

describe('预约 bad input', () => {
  it('answers malformed bookings with a code and changes nothing', async () => {
    const h = await start();
    const before = dump(h.dbFile);
    const form = await fetch(`${h.url}/book/h1/m/m-social/book`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'start=abc&name=&phone=1&idNumber=%3Cscript%3E&reason=a&reason=b',
    });
    expect(form.status).toBe(400);
    const html = await form.text();
    expect(html).toContain('data-code="VALIDATION_FAILED"');
    expect(html).not.toContain('<script>');
    for (const body of [
      { matterId: 'm-social', slotStart: at('2026-11-24', '10:00'), ...person(1), extra: 1 },
      { matterId: 'm-social', slotStart: 'tomorrow', ...person(1) },
      { matterId: 'm-social', slotStart: at('2026-11-24', '10:00'), ...person(1), phone: '12345' },
      { matterId: '../x', slotStart: at('2026-11-24', '10:00'), ...person(1) },
    ]) {
      const r = await postJson(`${api(h.url)}/bookings`, body);
      expect(r.status).toBe(400);
      expect(r.body.error?.code).toBe('VALIDATION_FAILED');
    }
    expect(
      (await postJson(`${api(h.url)}/bookings/lookup`, { code: 'x', phoneDigits: '12' })).body.error?.code,
    ).toBe('VALIDATION_FAILED');
    expect((await fetch(`${api(h.url)}/matters/m-social/slots?day=soon`)).status).toBe(400);
    expect((await fetch(`${api(h.url)}/matters/nope/days`)).status).toBe(404);
    expect(dump(h.dbFile)).toBe(before);
  });
});

describe('预约 contacts at rest', () => {
  it('re-seals booking phones under a new key and erases them past retention', async () => {
    const h = await start('2026-11-23', '08:00');
    await postJson(`${api(h.url)}/bookings`, {
      matterId: 'm-social',
      slotStart: at('2026-11-24', '10:00'),
      ...person(9),
    });
    await h.stop();
    const a = new PersonalDataKeys(TEST_PERSONAL_DATA_KEY);
    const b = new PersonalDataKeys('a-brand-new-personal-data-key-42');
    const store = createSqliteStore(h.dbFile);
    try {
      // One ID token, the booking's phone, and the phones of its confirmation and reminder.
      expect(await rekeyStore(store, a, b)).toBe(4);
      const sealed = await store.read(async (tx) => [
        ...(await tx.listAppointments('h1', 0, Number.MAX_SAFE_INTEGER)).map((x) => x.phoneSealed),
        ...(await tx.booking.listNotifications('h1', 0, Number.MAX_SAFE_INTEGER)).map((x) => x.phoneSealed),
      ]);
      expect(sealed).toHaveLength(3);
      for (const s of sealed) {
        expect(b.open(s ?? '')).toBe(PHONE);
        expect(a.open(s ?? '')).toBeUndefined();
      }
      await store.transaction(async (tx) => {
        // Sent messages lose their number with the rest of the personal data; pending ones keep it.
        const [n] = await tx.booking.dueNotifications(Number.MAX_SAFE_INTEGER, 1);
        await tx.booking.updateNotification({ ...n!, status: 'sent', sentAt: at('2026-11-23', '08:00') });
        await tx.privacy.purge('h1', at('2026-12-31', '00:00'));
      });
      const after = await store.read(async (tx) => ({
        appointments: await tx.listAppointments('h1', 0, Number.MAX_SAFE_INTEGER),
        messages: await tx.booking.listNotifications('h1', 0, Number.MAX_SAFE_INTEGER),
      }));
      expect(after.appointments[0]).toMatchObject({
        phoneSealed: null,
        phoneMasked: null,
        resident: null,
        status: 'booked',
      });
      expect(after.messages.find((m) => m.kind === 'booked')?.phoneSealed).toBeNull();
      expect(after.messages.find((m) => m.kind === 'reminder')?.phoneSealed).not.toBeNull();
    } finally {
      await store.close();
    }
  });
});
