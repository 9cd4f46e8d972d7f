import { CaseAssignee, Id, PauseReason, ServiceDay, SkillSet } from '@onewindow/domain';
import { z } from 'zod';

/** A period and a scope of the statistics: days inclusive, optionally narrowed. */
export const StatsQuery = z
  .strictObject({
    from: ServiceDay,
    to: ServiceDay,
    /**
     * `hall`: this hall alone; `subtree`: it and every hall below (county roll-up); `deployment`:
     * every hall of the deployment (its unbound center administrators and auditors only).
     */
    scope: z.enum(['hall', 'subtree', 'deployment']).default('hall'),
    categoryId: Id.optional(),
    matterId: Id.optional(),
    windowId: Id.optional(),
    staffId: Id.optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    message: 'at most a year at a time',
    path: ['to'],
  });
export type StatsQuery = z.infer<typeof StatsQuery>;

const count = z.number().int().min(0);
const share = z.number().min(0).max(1).nullable();
const minutes = z.number().min(0).nullable();

export const WindowUse = z.strictObject({
  hallId: Id,
  windowId: Id,
  name: z.string(),
  /** Minutes staffed and not closed (open, serving or paused). */
  staffedMin: z.number().min(0),
  servingMin: z.number().min(0),
  idleMin: z.number().min(0),
  pausedMin: z.number().min(0),
  pausedByReason: z.record(PauseReason, z.number().min(0)),
  /** Serving time over the time the window was available (staffed and not paused). */
  utilisation: share,
  served: count,
});
export type WindowUse = z.infer<typeof WindowUse>;

export const MatterFigures = z.strictObject({
  matterId: Id,
  name: z.string(),
  categoryId: Id,
  issued: count,
  served: count,
  noShow: count,
  meanWaitMin: minutes,
  p90WaitMin: minutes,
  withinTarget: share,
  meanHandleMin: minutes,
  withinCommitted: share,
  /** Mean absolute error of the wait told at issue against the actual wait. */
  estimateMaeMin: minutes,
});
export type MatterFigures = z.infer<typeof MatterFigures>;

export const Statistics = z.strictObject({
  from: ServiceDay,
  to: ServiceDay,
  halls: z.array(z.strictObject({ id: Id, name: z.string(), level: z.string() })),
  tickets: z.strictObject({
    issued: count,
    served: count,
    noShow: count,
    cancelled: count,
    expired: count,
    /** Transfers (转办) made, each counted. */
    transferred: count,
  }),
  wait: z.strictObject({ count, meanMin: minutes, p90Min: minutes, withinTarget: share }),
  handle: z.strictObject({ count, meanMin: minutes, p90Min: minutes }),
  /** 限时办结: visits finished within their matter's committed handle time. */
  timeLimit: z.strictObject({ finished: count, withinCommitted: count, share }),
  windows: z.array(WindowUse),
  ratings: z.strictObject({
    count,
    byLevel: z.array(count).length(5),
    byChannel: z.record(z.string(), count),
    /** 满意率: ratings above 不满意 (3–5) over all ratings. */
    satisfaction: share,
    /** 好评率: 满意 and 非常满意 (4–5). */
    good: share,
    /** Rated visits over visits served. */
    coverage: share,
  }),
  rectifications: z.strictObject({ opened: count, closed: count, open: count, overdue: count }),
  unresolved: z.strictObject({ recorded: count, forwardedIn: count, closed: count }),
  /** 预约 whose slots fall in the period, by what became of them; shown = checked in over checked in and missed. */
  appointments: z.strictObject({
    booked: count,
    checkedIn: count,
    missed: count,
    cancelled: count,
    shown: share,
  }),
  byHour: z.array(
    z.strictObject({ hour: z.number().int().min(0).max(23), arrivals: count, meanWaitMin: minutes }),
  ),
  peakHour: z.number().int().min(0).max(23).nullable(),
  byMatter: z.array(MatterFigures),
  byDay: z.array(
    z.strictObject({
      day: ServiceDay,
      issued: count,
      served: count,
      meanWaitMin: minutes,
      ratings: count,
      satisfaction: share,
    }),
  ),
  estimates: z.strictObject({
    count,
    maeMin: minutes,
    byMatterDay: z.array(z.strictObject({ day: ServiceDay, matterId: Id, count, maeMin: z.number().min(0) })),
  }),
});
export type Statistics = z.infer<typeof Statistics>;

/** 考勤考核: one clerk's day (or month, summed). */
export const StaffDay = z.strictObject({
  day: ServiceDay,
  /** Sign-ins at windows: when they opened and when they closed (null: still open). */
  sessions: z.array(z.strictObject({ windowId: Id, from: z.number(), to: z.number().nullable() })),
  onWindowMin: z.number().min(0),
  pausedMin: z.number().min(0),
  pausedByReason: z.record(PauseReason, z.number().min(0)),
  served: count,
  meanHandleMin: minutes,
  ratings: count,
  byLevel: z.array(count).length(5),
  satisfaction: share,
  badReviews: count,
  badReviewsClosed: count,
});
export type StaffDay = z.infer<typeof StaffDay>;

export const StaffAssessment = z.strictObject({
  staffId: Id,
  name: z.string(),
  staffNo: z.string().nullable(),
  days: z.array(StaffDay),
  total: StaffDay.omit({ day: true, sessions: true }).extend({ daysWorked: count }),
});
export type StaffAssessment = z.infer<typeof StaffAssessment>;

export const AssessmentQuery = z.strictObject({
  from: ServiceDay,
  to: ServiceDay,
  staffId: Id.optional(),
});

export const ExportQuery = z.strictObject({
  format: z.enum(['xlsx', 'csv']),
  /** The table a CSV holds (xlsx holds every table, a sheet each). */
  table: z.string().max(40).optional(),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
});

export const AssignRequest = z.strictObject({ assignee: CaseAssignee });
export const RectifyRequest = z.strictObject({
  cause: z.string().trim().min(1).max(1000),
  measures: z.string().trim().min(1).max(1000),
});
export const ReturnVisitRequest = z.strictObject({
  satisfied: z.boolean(),
  answer: z.string().trim().min(1).max(500),
});
export const CaseStepRequest = z.strictObject({ note: z.string().trim().min(1).max(1000) });
export const CaseNotifyRequest = z.strictObject({ text: z.string().trim().min(1).max(300) });
export const CaseCloseRequest = z.strictObject({ outcome: z.string().trim().min(1).max(1000) });
export const CaseListQuery = z.strictObject({
  status: z.enum(['all', 'active', 'overdue', 'closed']).default('all'),
});

/** A rating from the resident's phone (channel `mobile`), after the visit. */
export const PhoneRating = z.strictObject({
  level: z.number().int().min(1).max(5),
  reasons: z.array(z.string().min(1).max(40)).max(10).default([]),
  comment: z.string().max(500).optional(),
});

/** 动态调整: one concrete change for today. */
export const StaffingProposal = z.strictObject({
  /** widen: add the group to an open window's secondary skills; open: a closed window with its clerk; move: a clerk from one window to another. */
  kind: z.enum(['widen', 'open', 'move']),
  categoryId: Id,
  windowId: Id,
  staffId: Id.nullable(),
  fromWindowId: Id.nullable(),
  /** The window's secondary skills after widening, as proposed (applying works them out again from the window as it is then). */
  secondary: SkillSet.nullable(),
});
export type StaffingProposal = z.infer<typeof StaffingProposal>;

export const StaffingGroup = z.strictObject({
  categoryId: Id,
  name: z.string(),
  /** Residents expected in the next hour: the last hour's arrivals plus those waiting now. */
  ratePerHour: z.number().min(0),
  waiting: count,
  meanServiceMin: z.number().min(0),
  targetWaitMin: z.number().min(0),
  windowsNeeded: count,
  windowsOpen: count,
  /** Erlang C mean wait with the windows open now (null: none open, or they cannot keep up). */
  forecastMeanWaitMin: minutes,
  short: z.boolean(),
});

export const StaffingAdvice = z.strictObject({
  at: z.number(),
  groups: z.array(StaffingGroup),
  proposals: z.array(StaffingProposal),
});
export type StaffingAdvice = z.infer<typeof StaffingAdvice>;

export const ApplyProposal = z.strictObject({ proposal: StaffingProposal });

/** What-if on today's observed day: the mean wait as it is and with each change, over several seeds. */
export const WhatIfRequest = z.strictObject({ seeds: z.number().int().min(2).max(40).default(10) });
