import { describe, expect, it } from 'vitest';
import {
  closingTime,
  type DayKind,
  HallHours,
  type HolidayCalendar,
  isWorkingDay,
  openIntervals,
  openingAt,
  plainCalendar,
  shanghaiInstant,
  weekdayHours,
} from '../src/index.js';

// 2026-10-01..07 National Day, 2026-10-10 (Saturday) its make-up workday; 2026-11-23 a Monday.
const calendar: HolidayCalendar = (day) =>
  (({ '2026-10-01': 'holiday', '2026-10-02': 'holiday', '2026-10-10': 'makeup' }) as Record<string, DayKind>)[
    day
  ] ?? plainCalendar(day);

const lunch = HallHours.parse({
  weekly: {
    mon: [
      { open: '08:30', close: '12:00' },
      { open: '13:30', close: '17:30' },
    ],
    tue: [{ open: '08:30', close: '17:30' }],
    wed: [{ open: '08:30', close: '17:30' }],
    thu: [{ open: '08:30', close: '17:30' }],
    fri: [{ open: '08:30', close: '17:30' }],
    sat: [{ open: '09:00', close: '12:00' }],
    sun: [],
  },
  makeupDayAs: 'mon',
  special: [
    { date: '2026-11-24', intervals: [{ open: '08:30', close: '19:30' }], note: '错时延时' },
    { date: '2026-11-25', intervals: [], note: '停电检修' },
  ],
});
const at = (day: string, time: string) => shanghaiInstant(day, time);

describe('opening hours', () => {
  it('is closed over lunch and says when it opens again; closes after the last interval', () => {
    expect(openingAt(lunch, '2026-11-23', at('2026-11-23', '09:00'), calendar)).toEqual({
      open: true,
      closesAt: at('2026-11-23', '12:00'),
    });
    expect(openingAt(lunch, '2026-11-23', at('2026-11-23', '12:30'), calendar)).toMatchObject({
      open: false,
      opensAt: at('2026-11-23', '13:30'),
    });
    expect(openingAt(lunch, '2026-11-23', at('2026-11-23', '17:30'), calendar)).toMatchObject({
      open: false,
      opensAt: null,
    });
    expect(openingAt(lunch, '2026-11-23', at('2026-11-23', '08:00'), calendar)).toMatchObject({
      open: false,
      opensAt: at('2026-11-23', '08:30'),
    });
    expect(closingTime(lunch, '2026-11-23', calendar)).toBe(at('2026-11-23', '17:30'));
  });

  it('serves a weekend service day, not a Sunday; special days extend or close a date', () => {
    expect(openIntervals(lunch, '2026-11-28', calendar)).toEqual([{ open: '09:00', close: '12:00' }]);
    expect(openIntervals(lunch, '2026-11-29', calendar)).toEqual([]);
    expect(closingTime(lunch, '2026-11-29', calendar)).toBeNull();
    expect(openingAt(lunch, '2026-11-24', at('2026-11-24', '19:00'), calendar).open).toBe(true);
    expect(openIntervals(lunch, '2026-11-25', calendar)).toEqual([]);
  });

  it('closes on a public holiday and opens on its make-up Saturday with the hours of the chosen weekday', () => {
    expect(openIntervals(lunch, '2026-10-01', calendar)).toEqual([]);
    expect(openIntervals(lunch, '2026-10-10', calendar)).toEqual(lunch.weekly.mon);
    const ignoring = { ...lunch, publicHolidays: false };
    expect(openIntervals(ignoring, '2026-10-01', calendar)).toEqual(lunch.weekly.thu);
    expect(openIntervals(ignoring, '2026-10-10', calendar)).toEqual(lunch.weekly.sat);
    expect(isWorkingDay(calendar)('2026-10-10')).toBe(true);
    expect(isWorkingDay(calendar)('2026-10-02')).toBe(false);
  });

  it('refuses overlapping or reversed intervals and a date listed twice, each at its place', () => {
    const bad = HallHours.safeParse({
      ...weekdayHours('08:30', '17:30'),
      weekly: {
        ...weekdayHours('08:30', '17:30').weekly,
        mon: [
          { open: '08:30', close: '12:00' },
          { open: '11:30', close: '17:00' },
        ],
        tue: [{ open: '17:00', close: '09:00' }],
      },
      special: [
        { date: '2026-12-01', intervals: [] },
        { date: '2026-12-01', intervals: [] },
      ],
    });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths).toEqual(
      expect.arrayContaining(['weekly.mon.1.open', 'weekly.tue.0.close', 'special.1.date']),
    );
  });

  it('still reads the old single interval as Monday to Friday', () => {
    const old = HallHours.parse({ open: '09:00', close: '17:00' });
    expect(old.weekly.fri).toEqual([{ open: '09:00', close: '17:00' }]);
    expect(old.weekly.sat).toEqual([]);
    expect(old.publicHolidays).toBe(true);
  });
});
