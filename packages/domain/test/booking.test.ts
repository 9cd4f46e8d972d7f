import { describe, expect, it } from 'vitest';
import {
  BookingRule,
  blockedUntil,
  checkSlot,
  MissRule,
  plainCalendar,
  shanghaiInstant,
  slotsOfDay,
  weekdayHours,
} from '../src/index.js';

const DAY = 24 * 3_600_000;
const hours = {
  ...weekdayHours('08:30', '17:30'),
  weekly: {
    ...weekdayHours('08:30', '17:30').weekly,
    mon: [
      { open: '08:30', close: '12:00' },
      { open: '13:30', close: '17:00' },
    ],
  },
};

describe('booking slots', () => {
  it('cuts whole slots from each opening interval, the lunch break left out', () => {
    const rule = BookingRule.parse({ slotMin: 45 });
    const slots = slotsOfDay(rule, hours, '2026-11-23', plainCalendar).map((s) =>
      new Date(s.start + 8 * 3_600_000).toISOString().slice(11, 16),
    );
    expect(slots).toEqual(['08:30', '09:15', '10:00', '10:45', '13:30', '14:15', '15:00', '15:45']);
  });

  it('refuses a slot past its cut-off, too far ahead, off the grid or on a closed day', () => {
    const rule = BookingRule.parse({ slotMin: 30, cutoffMin: 60, daysAhead: 2 });
    const now = shanghaiInstant('2026-11-23', '09:00');
    expect(checkSlot(rule, hours, shanghaiInstant('2026-11-23', '10:00'), now, plainCalendar)).toHaveProperty(
      'slot',
    );
    expect(checkSlot(rule, hours, shanghaiInstant('2026-11-23', '09:30'), now, plainCalendar)).toEqual({
      refusal: 'cutoff',
    });
    expect(checkSlot(rule, hours, shanghaiInstant('2026-11-23', '08:30'), now, plainCalendar)).toEqual({
      refusal: 'cutoff',
    });
    expect(checkSlot(rule, hours, shanghaiInstant('2026-11-26', '10:00'), now, plainCalendar)).toEqual({
      refusal: 'tooFar',
    });
    expect(checkSlot(rule, hours, shanghaiInstant('2026-11-24', '10:10'), now, plainCalendar)).toEqual({
      refusal: 'notASlot',
    });
    expect(checkSlot(rule, hours, shanghaiInstant('2026-11-22', '10:00'), now, plainCalendar)).toEqual({
      refusal: 'closed',
    });
  });
});

describe('residents who book and do not come', () => {
  const rule = MissRule.parse({ misses: 3, withinDays: 90, blockDays: 30 });
  const now = Date.parse('2026-11-23T09:00:00+08:00');
  it('pauses booking after the third miss in 90 days, for 30 days from the last one', () => {
    expect(blockedUntil(rule, [now - 5 * DAY, now - 2 * DAY], now)).toBeNull();
    expect(blockedUntil(rule, [now - 5 * DAY, now - 2 * DAY, now - DAY], now)).toBe(now - DAY + 30 * DAY);
    // Misses older than the window do not count; a pause that has run out is over.
    expect(blockedUntil(rule, [now - 100 * DAY, now - 2 * DAY, now - DAY], now)).toBeNull();
    expect(blockedUntil(rule, [now - 80 * DAY, now - 70 * DAY, now - 60 * DAY], now)).toBeNull();
    expect(blockedUntil(null, [now - 3, now - 2, now - 1], now)).toBeNull();
  });
});
