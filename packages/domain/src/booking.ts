import { z } from 'zod';
import { type HallHours, type HolidayCalendar, openIntervals } from './hours.js';
import type { ServiceDay } from './model-base.js';
import { clockTimeToMinutes, MINUTE_MS, serviceDayOf, shanghaiInstant } from './time.js';

/**
 * 预约 of one matter in one hall: slots cut from the hall's opening hours, each with a capacity. Days
 * are the hall's open days (working days, 调休 workdays, weekend service days of its hours); public
 * holidays stay closed for booking unless the matter says otherwise.
 */
export const BookingRule = z.strictObject({
  enabled: z.boolean().default(true),
  /** Length of one slot. */
  slotMin: z.number().int().min(5).max(240).default(30),
  /** Residents one slot takes. */
  capacity: z.number().int().min(1).max(500).default(4),
  /** How many days ahead (today is 0) can be booked. */
  daysAhead: z.number().int().min(0).max(90).default(7),
  /** Booking (and rescheduling into) a slot closes this many minutes before it starts. */
  cutoffMin: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
  /** Appointments one resident (ID number) may hold for this matter on one day. */
  perPersonPerDay: z.number().int().min(1).max(10).default(1),
  /** Bookable on public holidays the hall opens (a special service day in its hours). */
  holidays: z.boolean().default(false),
});
export type BookingRule = z.infer<typeof BookingRule>;
export const DEFAULT_BOOKING_RULE: BookingRule = BookingRule.parse({});

/** Residents who book and do not come: beyond `misses` within `withinDays`, no booking for `blockDays`. */
export const MissRule = z.strictObject({
  misses: z.number().int().min(1).max(20).default(3),
  withinDays: z.number().int().min(1).max(365).default(90),
  blockDays: z.number().int().min(1).max(365).default(30),
});
export type MissRule = z.infer<typeof MissRule>;

export interface Slot {
  start: number;
  end: number;
}

/** Why a day cannot be booked (null: it can). */
export type DayRefusal = 'closed' | 'holiday' | 'tooFar' | 'past' | null;

/** The intervals booking uses on a day: the hall's, and on holidays only when the matter opts in. */
export function bookingIntervals(
  rule: BookingRule,
  hours: HallHours,
  day: ServiceDay,
  calendar: HolidayCalendar,
): { intervals: { open: string; close: string }[]; refusal: 'closed' | 'holiday' | null } {
  const holiday = calendar(day) === 'holiday';
  if (holiday && !rule.holidays) return { intervals: [], refusal: 'holiday' };
  const intervals = openIntervals(hours, day, calendar);
  return { intervals, refusal: intervals.length === 0 ? 'closed' : null };
}

/** The slots of a day, whole slots only, in order. */
export function slotsOfDay(
  rule: BookingRule,
  hours: HallHours,
  day: ServiceDay,
  calendar: HolidayCalendar,
): Slot[] {
  const slots: Slot[] = [];
  for (const i of bookingIntervals(rule, hours, day, calendar).intervals) {
    const close = clockTimeToMinutes(i.close);
    for (let m = clockTimeToMinutes(i.open); m + rule.slotMin <= close; m += rule.slotMin) {
      const start = shanghaiInstant(day, clock(m));
      slots.push({ start, end: start + rule.slotMin * MINUTE_MS });
    }
  }
  return slots;
}

const clock = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The service days from today that may be booked, each with why not when it cannot. */
export function bookingDays(
  rule: BookingRule,
  hours: HallHours,
  now: number,
  calendar: HolidayCalendar,
): { day: ServiceDay; refusal: DayRefusal }[] {
  const today = serviceDayOf(now);
  const days: { day: ServiceDay; refusal: DayRefusal }[] = [];
  for (let i = 0; i <= rule.daysAhead; i++) {
    const day = serviceDayOf(shanghaiInstant(today, '12:00') + i * 24 * 60 * MINUTE_MS);
    const { refusal } = bookingIntervals(rule, hours, day, calendar);
    const open =
      refusal === null && slotsOfDay(rule, hours, day, calendar).some((s) => bookableAt(rule, s, now));
    days.push({ day, refusal: refusal ?? (open ? null : 'past') });
  }
  return days;
}

/** A slot can still be booked now: not past its cut-off. */
export const bookableAt = (rule: BookingRule, slot: Slot, now: number): boolean =>
  now <= slot.start - rule.cutoffMin * MINUTE_MS;

/**
 * Whether a slot (start instant) may be booked now: it must be one of the day's slots, within the days
 * ahead and before its cut-off. Returns the slot, or the reason it cannot be booked.
 */
export function checkSlot(
  rule: BookingRule,
  hours: HallHours,
  start: number,
  now: number,
  calendar: HolidayCalendar,
): { slot: Slot } | { refusal: 'notASlot' | 'holiday' | 'closed' | 'tooFar' | 'cutoff' } {
  const day = serviceDayOf(start);
  const today = serviceDayOf(now);
  const ahead = Math.round(
    (shanghaiInstant(day, '12:00') - shanghaiInstant(today, '12:00')) / (24 * 60 * MINUTE_MS),
  );
  if (ahead > rule.daysAhead) return { refusal: 'tooFar' };
  const { refusal } = bookingIntervals(rule, hours, day, calendar);
  if (refusal !== null) return { refusal };
  const slot = slotsOfDay(rule, hours, day, calendar).find((s) => s.start === start);
  if (slot === undefined) return { refusal: 'notASlot' };
  if (ahead < 0 || !bookableAt(rule, slot, now)) return { refusal: 'cutoff' };
  return { slot };
}

/** Whether a resident's misses bar booking now; the day it ends when they do. */
export function blockedUntil(
  rule: MissRule | null,
  missedSlotEnds: readonly number[],
  now: number,
): number | null {
  if (rule === null) return null;
  const window = rule.withinDays * 24 * 60 * MINUTE_MS;
  const recent = missedSlotEnds.filter((at) => at > now - window && at <= now).sort((a, b) => a - b);
  if (recent.length < rule.misses) return null;
  // Blocked for blockDays from the latest miss.
  const until = (recent.at(-1) ?? now) + rule.blockDays * 24 * 60 * MINUTE_MS;
  return until > now ? until : null;
}
