import type { ServerLimits } from '../src/index.js';
import { FakeClock, idNumberBornOn, type StartOptions, type TestHall, testConfig } from './helpers.js';

/**
 * The test hall with 预约: weekdays 08:30–17:30, Saturday 09:00–12:00 (a weekend service day), and
 * a special service day on a National Day holiday. m-social books in 30-minute slots of 2 places;
 * m-tax opens on holidays the hall opens.
 */
export function bookingConfig() {
  const config = testConfig();
  const hall = config.halls[0]!;
  hall.hall.hours = {
    weekly: {
      mon: [{ open: '08:30', close: '17:30' }],
      tue: [{ open: '08:30', close: '17:30' }],
      wed: [{ open: '08:30', close: '17:30' }],
      thu: [{ open: '08:30', close: '17:30' }],
      fri: [{ open: '08:30', close: '17:30' }],
      sat: [{ open: '09:00', close: '12:00' }],
      sun: [],
    },
    publicHolidays: true,
    makeupDayAs: 'mon',
    special: [{ date: '2026-10-03', intervals: [{ open: '09:00', close: '11:00' }], note: '国庆便民服务日' }],
  };
  const rule = {
    enabled: true,
    slotMin: 30,
    capacity: 2,
    daysAhead: 14,
    cutoffMin: 60,
    perPersonPerDay: 1,
    holidays: false,
  };
  for (const m of hall.matters) {
    if (m.id === 'm-social') m.booking = rule;
    if (m.id === 'm-tax') m.booking = { ...rule, slotMin: 60, capacity: 1, holidays: true };
  }
  return config;
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: { ok?: boolean; error?: { code: string }; [k: string]: unknown } }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
}

/** Beijing wall time on a day, as an instant. */
export const at = (day: string, time: string): number => Date.parse(`${day}T${time}:00+08:00`);

export const setClock = (clock: FakeClock, day: string, time: string): void => {
  clock.t = at(day, time);
};

export const PHONE = '13812345678';
/** A resident booking with the test phone number; `n` makes each one a different person. */
export const person = (n: number) => ({
  name: `居民${n}`,
  idNumber: idNumberBornOn('19800101', String(100 + n)),
  phone: PHONE,
});

/** The booking test hall at a Beijing wall time (Monday 2026-11-23 09:00 unless said). */
export function startBookingHall(
  halls: { start(options?: StartOptions): Promise<TestHall> },
  day = '2026-11-23',
  time = '09:00',
  limits?: Partial<ServerLimits>,
): Promise<TestHall> {
  const clock = new FakeClock();
  setClock(clock, day, time);
  return halls.start({ clock, config: bookingConfig(), ...(limits === undefined ? {} : { limits }) });
}

export const api = (url: string): string => `${url}/api/book/halls/h1`;
export async function getJson<T>(url: string): Promise<T> {
  return (await (await fetch(url)).json()) as T;
}
