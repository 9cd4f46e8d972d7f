import { describe, expect, it } from 'vitest';
import { addWorkingDays, weekdayCalendar } from '../src/index.js';

describe('addWorkingDays', () => {
  it('skips weekends with the plain weekday calendar', () => {
    // Friday 20 November 2026 + 1 working day = Monday 23.
    expect(addWorkingDays('2026-11-20', 1, weekdayCalendar)).toBe('2026-11-23');
    expect(addWorkingDays('2026-11-20', 5, weekdayCalendar)).toBe('2026-11-27');
    expect(addWorkingDays('2026-12-31', 1, weekdayCalendar)).toBe('2027-01-01');
  });

  it('follows the calendar it is given: holidays off, make-up Saturdays on', () => {
    const holidays = new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']);
    const makeUp = new Set(['2026-10-10']);
    const calendar = (d: string) => makeUp.has(d) || (!holidays.has(d) && weekdayCalendar(d));
    expect(addWorkingDays('2026-09-30', 5, calendar)).toBe('2026-10-13');
    expect(addWorkingDays('2026-09-30', 3, calendar)).toBe('2026-10-10');
  });

  it('refuses a count that is not a positive integer and a calendar that never works', () => {
    expect(() => addWorkingDays('2026-11-20', 0, weekdayCalendar)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-20', 1.5, weekdayCalendar)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-20', 2, () => false)).toThrow(/no 2 working days/);
  });
});
