import { z } from 'zod';
import { EvaluationLevel, Id, Instant, ServiceDay } from './model.js';

/** 一次性告知单: every missing material listed once, so the resident comes back only once. */
export const Notice = z.strictObject({
  id: z.string().min(1),
  hallId: Id,
  ticketId: z.string().min(1),
  ticketNumber: z.string(),
  matterId: Id,
  matterName: z.string(),
  windowId: Id,
  windowName: z.string(),
  staffId: Id.nullable(),
  /** The clerk who issued it, as an official notice names them (records older than this have none). */
  staffName: z.string().nullable().default(null),
  staffNo: z.string().nullable().default(null),
  missing: z.array(z.string().min(1).max(200)).min(1).max(40),
  note: z.string().max(300).nullable(),
  at: Instant,
});
export type Notice = z.infer<typeof Notice>;

/** 办不成事: what a resident asked that could not be done, for follow-up. */
export const UnresolvedCase = z.strictObject({
  id: z.string().min(1),
  hallId: Id,
  ticketId: z.string().nullable(),
  ticketNumber: z.string().nullable(),
  matterId: Id.nullable(),
  windowId: Id,
  staffId: Id.nullable(),
  request: z.string().min(1).max(500),
  reason: z.string().min(1).max(500),
  contactName: z.string().max(40).nullable(),
  contactPhone: z.string().max(20).nullable(),
  /** Name and phone whole, sealed with the hall's personal-data key; only the console opens them. */
  contactSealed: z.string().max(1000).nullable().default(null),
  status: z.enum(['open', 'followedUp', 'closed']),
  at: Instant,
  /** 多级联办: the case this one was forwarded from (a village station's, a township's). */
  forwardedFrom: z
    .strictObject({ hallId: Id, caseId: z.string().min(1) })
    .nullable()
    .default(null),
  /** What happened to the case, oldest first, in every hall it passed through. */
  history: z
    .array(
      z.strictObject({
        at: Instant,
        hallId: Id,
        action: z.enum(['forwarded', 'received']),
        otherHallId: Id,
        note: z.string().max(500).nullable(),
      }),
    )
    .max(20)
    .default([]),
});
export type UnresolvedCase = z.infer<typeof UnresolvedCase>;

/** 差评整改: opened by every rating of 不满意 or below, due within working days. */
export const Rectification = z.strictObject({
  id: z.string().min(1),
  hallId: Id,
  evaluationId: z.string().min(1),
  ticketId: z.string().min(1),
  ticketNumber: z.string(),
  windowId: Id.nullable(),
  staffId: Id.nullable(),
  matterId: Id,
  level: EvaluationLevel,
  reasons: z.array(z.string()),
  comment: z.string().nullable(),
  openedDay: ServiceDay,
  workingDays: z.number().int().positive(),
  deadlineDay: ServiceDay,
  status: z.enum(['open', 'done']),
  at: Instant,
});
export type Rectification = z.infer<typeof Rectification>;

/** Ratings at or below this level open a rectification. */
export const RECTIFY_AT_OR_BELOW = 2;

/** Whether a day is a working day; China's public holidays and 调休 make-up days come from outside. */
export type WorkdayCalendar = (day: ServiceDay) => boolean;

/** Monday to Friday: the calendar when no holiday data is known. */
export const weekdayCalendar: WorkdayCalendar = (day) => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
};

const nextDay = (day: ServiceDay): ServiceDay =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The day on which `n` working days after `day` have passed (the day itself does not count). */
export function addWorkingDays(day: ServiceDay, n: number, isWorkday: WorkdayCalendar): ServiceDay {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('working days must be a positive integer');
  let d = day;
  // Holiday runs are at most a few weeks; the bound only stops a calendar that never works.
  for (let counted = 0, guard = 0; counted < n; guard++) {
    if (guard > n * 7 + 60) throw new RangeError(`no ${n} working days found after ${day}`);
    d = nextDay(d);
    if (isWorkday(d)) counted++;
  }
  return d;
}

/** A window's (and its clerk's) day so far, shown in the window client. */
export const WindowFigures = z.strictObject({
  windowId: Id,
  staffId: Id.nullable(),
  served: z.number().int().min(0),
  noShows: z.number().int().min(0),
  /** Mean minutes from start (or call) to finish of the visits served. */
  averageHandleMin: z.number().min(0).nullable(),
  ratings: z.strictObject({
    count: z.number().int().min(0),
    average: z.number().min(1).max(5).nullable(),
    /** How many ratings of 1, 2, 3, 4 and 5. */
    byLevel: z.array(z.number().int().min(0)).length(5),
  }),
});
export type WindowFigures = z.infer<typeof WindowFigures>;
