import { z } from 'zod';
import { ClockTime, ServiceDay } from './model-base.js';
import { clockTimeToMinutes, shanghaiInstant } from './time.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening interval of a day: 08:30–12:00. */
export const OpenInterval = z
  .strictObject({ open: ClockTime, close: ClockTime })
  .refine((i) => clockTimeToMinutes(i.open) < clockTimeToMinutes(i.close), {
    message: 'close must be after open',
    path: ['close'],
  });
export type OpenInterval = z.infer<typeof OpenInterval>;

/** A day's intervals: in order and apart (a lunch break is the gap between two). */
export const DayIntervals = z.array(OpenInterval).superRefine((list, ctx) => {
  for (let i = 1; i < list.length; i++) {
    const prev = list[i - 1];
    const cur = list[i];
    if (
      prev !== undefined &&
      cur !== undefined &&
      clockTimeToMinutes(cur.open) < clockTimeToMinutes(prev.close)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: [i, 'open'],
        message: `overlaps or comes before ${prev.open}–${prev.close}`,
      });
    }
  }
});

/** A date with its own hours: 错时延时 (extended), an extra weekend service day, or a closure ([]). */
export const SpecialDay = z.strictObject({
  date: ServiceDay,
  intervals: DayIntervals,
  note: z.string().max(100).optional(),
});
export type SpecialDay = z.infer<typeof SpecialDay>;

const HoursShape = z.strictObject({
  /** The regular week; a day with no intervals is closed. */
  weekly: z.strictObject(
    Object.fromEntries(WEEKDAYS.map((d) => [d, DayIntervals])) as Record<Weekday, typeof DayIntervals>,
  ),
  /** Closed on China's public holidays; open on their make-up workdays (调休) with this weekday's hours. */
  publicHolidays: z.boolean().default(true),
  makeupDayAs: z.enum(WEEKDAYS).default('mon'),
  special: z.array(SpecialDay).default([]),
});

/**
 * A hall's opening hours. The old form `{ open, close }` still reads, as those hours Monday to Friday.
 */
export const HallHours = z.preprocess(
  (v) => {
    if (typeof v === 'object' && v !== null && 'open' in v && 'close' in v && !('weekly' in v)) {
      const { open, close } = v as { open: unknown; close: unknown };
      return { weekly: weekdayWeek([{ open, close }]) };
    }
    return v;
  },
  HoursShape.superRefine((h, ctx) => {
    const seen = new Set<string>();
    h.special.forEach((s, i) => {
      if (seen.has(s.date))
        ctx.addIssue({ code: 'custom', path: ['special', i, 'date'], message: `${s.date} is listed twice` });
      seen.add(s.date);
    });
  }),
);
export type HallHours = z.infer<typeof HallHours>;

function weekdayWeek<T>(intervals: T[]): Record<Weekday, T[]> {
  return { mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals, sat: [], sun: [] };
}

/** The usual government hall: Monday to Friday, one interval. */
export const weekdayHours = (open: ClockTime, close: ClockTime): HallHours => ({
  weekly: weekdayWeek([{ open, close }]),
  publicHolidays: true,
  makeupDayAs: 'mon',
  special: [],
});

/** What a calendar says of a date: a normal workday, a weekend, a public holiday, or a 调休 workday. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup';
export type HolidayCalendar = (day: ServiceDay) => DayKind;

export const weekdayOf = (day: ServiceDay): Weekday =>
  WEEKDAYS[(new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7] ?? 'mon';

/** Weekends off, nothing else known: the calendar when no holiday data is available. */
export const plainCalendar: HolidayCalendar = (day) =>
  weekdayOf(day) === 'sat' || weekdayOf(day) === 'sun' ? 'weekend' : 'workday';

/** The hall's opening intervals on a service day. */
export function openIntervals(hours: HallHours, day: ServiceDay, calendar: HolidayCalendar): OpenInterval[] {
  const special = hours.special.find((s) => s.date === day);
  if (special !== undefined) return special.intervals;
  const kind = calendar(day);
  if (hours.publicHolidays && kind === 'holiday') return [];
  if (hours.publicHolidays && kind === 'makeup') return hours.weekly[hours.makeupDayAs];
  return hours.weekly[weekdayOf(day)];
}

export type OpeningState =
  | { open: true; closesAt: number }
  /** Closed now; `opensAt` is the next opening today (after a lunch break), else null. */
  | { open: false; opensAt: number | null; intervals: OpenInterval[] };

/** Whether the hall is open at an instant of a service day, and when it opens or closes next. */
export function openingAt(
  hours: HallHours,
  day: ServiceDay,
  at: number,
  calendar: HolidayCalendar,
): OpeningState {
  const intervals = openIntervals(hours, day, calendar);
  for (const i of intervals) {
    const open = shanghaiInstant(day, i.open);
    const close = shanghaiInstant(day, i.close);
    if (at >= open && at < close) return { open: true, closesAt: close };
    if (at < open) return { open: false, opensAt: open, intervals };
  }
  return { open: false, opensAt: null, intervals };
}

/** When the service day ends: the close of its last interval, or null on a closed day. */
export function closingTime(hours: HallHours, day: ServiceDay, calendar: HolidayCalendar): number | null {
  const last = openIntervals(hours, day, calendar).at(-1);
  return last === undefined ? null : shanghaiInstant(day, last.close);
}

/** A working day for deadlines (rectifications): a workday or a 调休 workday. */
export const isWorkingDay = (calendar: HolidayCalendar) => (day: ServiceDay) => {
  const k = calendar(day);
  return k === 'workday' || k === 'makeup';
};
