import { type Evaluation, PauseReason, type Rectification, serviceDayOf } from '@onewindow/domain';
import type { StaffAssessment, StaffDay } from '@onewindow/protocol';
import { mean, overlapMs, ratio, type Visit, type WindowSpan } from './fold.js';

export interface AssessmentInput {
  days: readonly string[];
  /** Start of each day (Beijing midnight), by day. */
  dayStart: (day: string) => number;
  visits: readonly Visit[];
  spans: readonly WindowSpan[];
  evaluations: readonly Evaluation[];
  rectifications: readonly Rectification[];
}

const MIN = 60_000;
const DAY_MS = 86_400_000;
const pauses = () => ({ break: 0, backOffice: 0, meeting: 0, other: 0 }) as Record<PauseReason, number>;

/**
 * Sign-ins of one clerk: runs of spans at one window with them signed in, from opening to closing.
 * Consecutive spans at the same window with no gap are one sign-in.
 */
function sessionsOf(spans: readonly WindowSpan[], to: number | null) {
  const out: { windowId: string; from: number; to: number | null }[] = [];
  for (const s of [...spans].sort((a, b) => a.from - b.from)) {
    const last = out.at(-1);
    if (last !== undefined && last.windowId === s.windowId && last.to === s.from) last.to = s.to;
    else out.push({ windowId: s.windowId, from: s.from, to: s.to });
  }
  // A sign-in that runs to the end of what was read is still going.
  for (const x of out) if (x.to === to) x.to = null;
  return out;
}

function dayOf(staffId: string, day: string, input: AssessmentInput, until: number): StaffDay {
  const from = input.dayStart(day);
  const to = from + DAY_MS;
  const spans = input.spans.filter((s) => s.staffId === staffId && s.to > from && s.from < to);
  const byReason = pauses();
  let onWindow = 0;
  for (const s of spans) {
    const ms = overlapMs(s, from, to);
    onWindow += ms;
    if (s.state === 'paused') byReason[s.pauseReason ?? 'other'] += ms;
  }
  const served = input.visits.filter(
    (v) =>
      v.staffId === staffId &&
      v.status === 'done' &&
      v.finishedAt !== null &&
      v.finishedAt >= from &&
      v.finishedAt < to,
  );
  const ratings = input.evaluations.filter((e) => e.staffId === staffId && serviceDayOf(e.at) === day);
  const bad = input.rectifications.filter((r) => r.staffId === staffId && r.openedDay === day);
  const pausedMs = Object.values(byReason).reduce((a, b) => a + b, 0);
  return {
    day,
    sessions: sessionsOf(spans, until),
    onWindowMin: onWindow / MIN,
    pausedMin: pausedMs / MIN,
    pausedByReason: Object.fromEntries(PauseReason.options.map((r) => [r, byReason[r] / MIN])) as Record<
      PauseReason,
      number
    >,
    served: served.length,
    meanHandleMin: mean(served.flatMap((v) => (v.handleMs === null ? [] : [v.handleMs / MIN]))),
    ratings: ratings.length,
    byLevel: [1, 2, 3, 4, 5].map((l) => ratings.filter((e) => e.level === l).length),
    satisfaction: ratio(ratings.filter((e) => e.level >= 3).length, ratings.length),
    badReviews: bad.length,
    badReviewsClosed: bad.filter((r) => r.status === 'closed').length,
  };
}

/** 考勤考核 of one clerk over the days asked: each day, and the period summed. */
export function assess(
  staff: { id: string; name: string; staffNo?: string | undefined },
  input: AssessmentInput,
  until: number,
): StaffAssessment {
  const days = input.days.map((d) => dayOf(staff.id, d, input, until));
  const worked = days.filter((d) => d.onWindowMin > 0 || d.served > 0);
  const sum = (k: 'onWindowMin' | 'pausedMin' | 'served' | 'ratings' | 'badReviews' | 'badReviewsClosed') =>
    days.reduce((s, d) => s + d[k], 0);
  const byLevel = [0, 1, 2, 3, 4].map((i) => days.reduce((s, d) => s + (d.byLevel[i] ?? 0), 0));
  const ratings = sum('ratings');
  const handles = input.visits.filter(
    (v) =>
      v.staffId === staff.id &&
      v.status === 'done' &&
      v.handleMs !== null &&
      days.some((d) => d.day === serviceDayOf(v.finishedAt ?? 0)),
  );
  return {
    staffId: staff.id,
    name: staff.name,
    staffNo: staff.staffNo ?? null,
    days,
    total: {
      daysWorked: worked.length,
      onWindowMin: sum('onWindowMin'),
      pausedMin: sum('pausedMin'),
      pausedByReason: Object.fromEntries(
        PauseReason.options.map((r) => [r, days.reduce((s, d) => s + d.pausedByReason[r], 0)]),
      ) as Record<PauseReason, number>,
      served: sum('served'),
      meanHandleMin: mean(handles.map((v) => (v.handleMs ?? 0) / MIN)),
      ratings,
      byLevel,
      satisfaction: ratio((byLevel[2] ?? 0) + (byLevel[3] ?? 0) + (byLevel[4] ?? 0), ratings),
      badReviews: sum('badReviews'),
      badReviewsClosed: sum('badReviewsClosed'),
    },
  };
}
