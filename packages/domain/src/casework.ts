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

/** Who a case is assigned to: a person of the console. */
export const CaseAssignee = z.strictObject({ id: z.string().min(1), name: z.string().min(1) });
export type CaseAssignee = z.infer<typeof CaseAssignee>;

export const CaseStep = z.strictObject({
  at: Instant,
  by: z.string().min(1),
  byName: z.string(),
  note: z.string().min(1).max(1000),
});
export type CaseStep = z.infer<typeof CaseStep>;

export const CaseNotification = z.strictObject({
  at: Instant,
  channel: z.string().min(1).max(20),
  /** The text as sent (the contact itself is never copied here). */
  text: z.string().max(500),
  delivered: z.boolean(),
  problem: z.string().max(200).nullable(),
});
export type CaseNotification = z.infer<typeof CaseNotification>;

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
  /** open → assigned → (steps) → closed; `followedUp` once forwarded to the hall above. */
  status: z.enum(['open', 'assigned', 'followedUp', 'closed']),
  at: Instant,
  /** The console person who follows the case up (sees the contact whole). */
  assignee: CaseAssignee.nullable().default(null),
  /** Coordination steps taken, oldest first. */
  steps: z.array(CaseStep).max(100).default([]),
  /** What came of it, recorded when the case closes. */
  outcome: z.string().max(1000).nullable().default(null),
  /** Messages sent to the resident through the notifier. */
  notifications: z.array(CaseNotification).max(20).default([]),
  closedAt: Instant.nullable().default(null),
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

export const RectificationStatus = z.enum(['open', 'assigned', 'rectified', 'closed']);
export type RectificationStatus = z.infer<typeof RectificationStatus>;

export const RectificationEntry = z.strictObject({
  at: Instant,
  action: z.enum(['opened', 'assigned', 'rectified', 'visited', 'reopened', 'closed']),
  by: z.string().nullable(),
  note: z.string().max(1000).nullable(),
});
export type RectificationEntry = z.infer<typeof RectificationEntry>;

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
  /** open → assigned → rectified → (回访) closed, or back to assigned when the resident is still unsatisfied. */
  status: z.preprocess((v) => (v === 'done' ? 'closed' : v), RectificationStatus),
  at: Instant,
  assignee: CaseAssignee.nullable().default(null),
  /** 整改: why it happened and what was done, by the responsible person. */
  cause: z.string().max(1000).nullable().default(null),
  measures: z.string().max(1000).nullable().default(null),
  /** 回访: each call back to the resident, oldest first. */
  returnVisits: z
    .array(
      z.strictObject({ at: Instant, satisfied: z.boolean(), answer: z.string().max(500), by: z.string() }),
    )
    .max(20)
    .default([]),
  reopened: z.number().int().min(0).default(0),
  closedAt: Instant.nullable().default(null),
  /** 监督: every step, who and when. */
  history: z.array(RectificationEntry).max(100).default([]),
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
