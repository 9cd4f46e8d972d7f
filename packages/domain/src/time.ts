import type { ClockTime, ServiceDay } from './model-base.js';

/**
 * China keeps one time zone, UTC+8, with no daylight saving since 1991, so Beijing time is a fixed
 * offset and needs no time-zone database (which would make the domain depend on the host's ICU).
 */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The service day an instant belongs to: its calendar date in Asia/Shanghai. */
export function serviceDayOf(at: number): ServiceDay {
  return new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes since Beijing midnight, 0…1439. */
export function shanghaiMinuteOfDay(at: number): number {
  const local = at + SHANGHAI_OFFSET_MS;
  return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
}

export function clockTimeToMinutes(time: ClockTime): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** The instant of a Beijing wall-clock time on a service day. */
export function shanghaiInstant(day: ServiceDay, time: ClockTime): number {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, mo - 1, d) - SHANGHAI_OFFSET_MS + clockTimeToMinutes(time) * MINUTE_MS;
}

/** "HH:MM" of an instant in Beijing time. */
export function shanghaiClock(at: number): ClockTime {
  const min = shanghaiMinuteOfDay(at);
  return `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
}
