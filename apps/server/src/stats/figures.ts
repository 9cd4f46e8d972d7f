import {
  type Appointment,
  type Evaluation,
  isOverdue,
  type Matter,
  PauseReason,
  type Rectification,
  serviceDayOf,
  shanghaiMinuteOfDay,
  type UnresolvedCase,
} from '@onewindow/domain';
import type { MatterFigures, Statistics, StatsQuery, WindowUse } from '@onewindow/protocol';
import { daysBetween, mean, overlapMs, quantile, ratio, type Visit, type WindowSpan } from './fold.js';

/** What the statistics of a period are worked out from: the halls' configuration and their records. */
export interface StatsInput {
  from: string;
  to: string;
  /** Service day today (overdue cases are counted as of today). */
  today: string;
  halls: { id: string; name: string; level: string }[];
  matters: ReadonlyMap<string, Matter>;
  windowNames: ReadonlyMap<string, string>;
  visits: readonly Visit[];
  spans: readonly WindowSpan[];
  evaluations: readonly Evaluation[];
  /** Every rectification of the halls (any opening day): open and overdue ones count as of today. */
  rectifications: readonly Rectification[];
  unresolved: readonly UnresolvedCase[];
  /** Appointments with slots in the period. */
  appointments: readonly Pick<Appointment, 'status'>[];
  periodStart: number;
  periodEnd: number;
}

type Scope = Pick<StatsQuery, 'categoryId' | 'matterId' | 'windowId' | 'staffId'>;

const MIN = 60_000;
const toMin = (ms: number) => ms / MIN;
const emptyPauses = (): Record<PauseReason, number> => ({ break: 0, backOffice: 0, meeting: 0, other: 0 });

/** Whether a record with this matter, window and clerk is inside the scope. */
function inScope(
  scope: Scope,
  matters: ReadonlyMap<string, Matter>,
  r: { matterId: string | null; windowId: string | null; staffId: string | null },
): boolean {
  if (scope.matterId !== undefined && r.matterId !== scope.matterId) return false;
  if (scope.categoryId !== undefined) {
    const m = r.matterId === null ? undefined : matters.get(r.matterId);
    if (m?.categoryId !== scope.categoryId) return false;
  }
  if (scope.windowId !== undefined && r.windowId !== scope.windowId) return false;
  if (scope.staffId !== undefined && r.staffId !== scope.staffId) return false;
  return true;
}

export const waitMin = (v: Visit): number | null =>
  v.firstCalledAt === null ? null : toMin(v.firstCalledAt - v.issuedAt);

export const committedMin = (m: Matter | undefined): number | null =>
  m === undefined ? null : (m.committedHandleMin ?? m.avgHandleMin * 2);

function waitFigures(visits: readonly Visit[], matters: ReadonlyMap<string, Matter>) {
  const called = visits.filter((v) => v.firstCalledAt !== null);
  const waits = called.map((v) => waitMin(v) ?? 0);
  const within = called.filter(
    (v) => (waitMin(v) ?? 0) <= (matters.get(v.issuedMatterId)?.targetWaitMin ?? Number.POSITIVE_INFINITY),
  ).length;
  return {
    count: called.length,
    meanMin: mean(waits),
    p90Min: quantile(waits, 0.9),
    withinTarget: ratio(within, called.length),
  };
}

function estimateErrors(visits: readonly Visit[]): number[] {
  return visits.flatMap((v) => {
    const w = waitMin(v);
    return v.estimatedWaitMin === null || w === null ? [] : [Math.abs(v.estimatedWaitMin - w)];
  });
}

function windowUse(spans: readonly WindowSpan[], visits: readonly Visit[], input: StatsInput): WindowUse[] {
  const byWindow = new Map<string, WindowSpan[]>();
  for (const s of spans) {
    const key = `${s.hallId}\u0000${s.windowId}`;
    const list = byWindow.get(key);
    if (list === undefined) byWindow.set(key, [s]);
    else list.push(s);
  }
  return [...byWindow.entries()]
    .map(([key, list]) => {
      const [hallId = '', windowId = ''] = key.split('\u0000');
      const paused = emptyPauses();
      let serving = 0;
      let idle = 0;
      for (const s of list) {
        const ms = overlapMs(s, input.periodStart, input.periodEnd);
        if (s.state === 'serving') serving += ms;
        else if (s.state === 'open') idle += ms;
        else if (s.state === 'paused') paused[s.pauseReason ?? 'other'] += ms;
      }
      const pausedMs = Object.values(paused).reduce((a, b) => a + b, 0);
      return {
        hallId,
        windowId,
        name: input.windowNames.get(key) ?? windowId,
        staffedMin: toMin(serving + idle + pausedMs),
        servingMin: toMin(serving),
        idleMin: toMin(idle),
        pausedMin: toMin(pausedMs),
        pausedByReason: Object.fromEntries(PauseReason.options.map((r) => [r, toMin(paused[r])])) as Record<
          PauseReason,
          number
        >,
        utilisation: ratio(serving, serving + idle),
        served: visits.filter((v) => v.status === 'done' && v.windowId === windowId && v.hallId === hallId)
          .length,
      };
    })
    .sort((a, b) => a.hallId.localeCompare(b.hallId) || a.windowId.localeCompare(b.windowId));
}

function matterRows(visits: readonly Visit[], input: StatsInput): MatterFigures[] {
  const ids = [...new Set(visits.flatMap((v) => [v.issuedMatterId, v.matterId]))].sort();
  return ids.map((id) => {
    const m = input.matters.get(id);
    const issued = visits.filter((v) => v.issuedMatterId === id);
    const served = visits.filter((v) => v.matterId === id && v.status === 'done');
    const handles = served.flatMap((v) => (v.handleMs === null ? [] : [toMin(v.handleMs)]));
    const limit = committedMin(m);
    const w = waitFigures(issued, input.matters);
    return {
      matterId: id,
      name: m?.name ?? id,
      categoryId: m?.categoryId ?? '',
      issued: issued.length,
      served: served.length,
      noShow: visits.filter((v) => v.matterId === id && v.status === 'noShow').length,
      meanWaitMin: w.meanMin,
      p90WaitMin: w.p90Min,
      withinTarget: w.withinTarget,
      meanHandleMin: mean(handles),
      withinCommitted:
        limit === null ? null : ratio(handles.filter((h) => h <= limit).length, handles.length),
      estimateMaeMin: mean(estimateErrors(issued)),
    };
  });
}

const satisfactionOf = (es: readonly Evaluation[]) => ratio(es.filter((e) => e.level >= 3).length, es.length);

/** Every figure of the statistics page for one period and scope. */
export function computeStatistics(input: StatsInput, scope: Scope): Statistics {
  const { matters } = input;
  const visits = input.visits.filter((v) => inScope(scope, matters, v));
  const spans = input.spans.filter(
    (s) =>
      (scope.windowId === undefined || s.windowId === scope.windowId) &&
      (scope.staffId === undefined || s.staffId === scope.staffId),
  );
  const evaluations = input.evaluations.filter((e) => inScope(scope, matters, e));
  const rects = input.rectifications.filter((r) => inScope(scope, matters, r));
  const unresolved = input.unresolved.filter((c) => inScope(scope, matters, c));
  const inPeriod = (at: number | null) => at !== null && at >= input.periodStart && at < input.periodEnd;

  const done = visits.filter((v) => v.status === 'done');
  const handles = done.flatMap((v) => (v.handleMs === null ? [] : [toMin(v.handleMs)]));
  const withinCommitted = done.filter((v) => {
    const limit = committedMin(matters.get(v.matterId));
    return v.handleMs !== null && limit !== null && toMin(v.handleMs) <= limit;
  }).length;
  const byLevel = [1, 2, 3, 4, 5].map((l) => evaluations.filter((e) => e.level === l).length);
  const byChannel: Record<string, number> = {};
  for (const e of evaluations) byChannel[e.channel] = (byChannel[e.channel] ?? 0) + 1;
  const ratedTickets = new Set(evaluations.map((e) => e.ticketId));

  const byHour = Array.from({ length: 24 }, (_, hour) => {
    const arrivals = visits.filter((v) => Math.floor(shanghaiMinuteOfDay(v.issuedAt) / 60) === hour);
    return { hour, arrivals: arrivals.length, meanWaitMin: waitFigures(arrivals, matters).meanMin };
  }).filter((h) => h.arrivals > 0);
  const peak = byHour.reduce<{ hour: number; arrivals: number } | null>(
    (best, h) => (best === null || h.arrivals > best.arrivals ? h : best),
    null,
  );

  const errors = new Map<string, number[]>();
  for (const v of visits) {
    const e = estimateErrors([v]);
    if (e.length === 0) continue;
    const key = `${v.serviceDay}\u0000${v.issuedMatterId}`;
    const list = errors.get(key);
    if (list === undefined) errors.set(key, e);
    else list.push(...e);
  }

  return {
    from: input.from,
    to: input.to,
    halls: input.halls,
    tickets: {
      issued: visits.length,
      served: done.length,
      noShow: visits.filter((v) => v.status === 'noShow').length,
      cancelled: visits.filter((v) => v.status === 'cancelled').length,
      expired: visits.filter((v) => v.status === 'expired').length,
      transferred: visits.reduce((s, v) => s + v.transfers, 0),
    },
    wait: waitFigures(visits, matters),
    handle: { count: handles.length, meanMin: mean(handles), p90Min: quantile(handles, 0.9) },
    timeLimit: { finished: done.length, withinCommitted, share: ratio(withinCommitted, done.length) },
    windows: windowUse(spans, visits, input),
    ratings: {
      count: evaluations.length,
      byLevel,
      byChannel,
      satisfaction: satisfactionOf(evaluations),
      good: ratio(evaluations.filter((e) => e.level >= 4).length, evaluations.length),
      coverage: ratio(done.filter((v) => ratedTickets.has(v.ticketId)).length, done.length),
    },
    rectifications: {
      opened: rects.filter((r) => inPeriod(r.at)).length,
      closed: rects.filter((r) => inPeriod(r.closedAt)).length,
      open: rects.filter((r) => r.status !== 'closed').length,
      overdue: rects.filter((r) => isOverdue(r, input.today)).length,
    },
    appointments: appointmentFigures(input.appointments),
    unresolved: {
      recorded: unresolved.filter((c) => inPeriod(c.at)).length,
      forwardedIn: unresolved.filter((c) => inPeriod(c.at) && c.forwardedFrom !== null).length,
      closed: unresolved.filter((c) => inPeriod(c.closedAt)).length,
    },
    byHour,
    peakHour: peak?.hour ?? null,
    byMatter: matterRows(visits, input),
    byDay: daysBetween(input.from, input.to).map((day) => {
      const vs = visits.filter((v) => v.serviceDay === day);
      const es = evaluations.filter((e) => serviceDayOf(e.at) === day);
      return {
        day,
        issued: vs.length,
        served: vs.filter((v) => v.status === 'done').length,
        meanWaitMin: waitFigures(vs, matters).meanMin,
        ratings: es.length,
        satisfaction: satisfactionOf(es),
      };
    }),
    estimates: {
      count: estimateErrors(visits).length,
      maeMin: mean(estimateErrors(visits)),
      byMatterDay: [...errors.entries()]
        .map(([key, list]) => {
          const [day = '', matterId = ''] = key.split('\u0000');
          return { day, matterId, count: list.length, maeMin: mean(list) ?? 0 };
        })
        .sort((a, b) => a.day.localeCompare(b.day) || a.matterId.localeCompare(b.matterId)),
    },
  };
}

function appointmentFigures(list: readonly Pick<Appointment, 'status'>[]): Statistics['appointments'] {
  const n = (s: Appointment['status']) => list.filter((a) => a.status === s).length;
  const checkedIn = n('checkedIn');
  const missed = n('missed');
  return {
    booked: list.length,
    checkedIn,
    missed,
    cancelled: n('cancelled'),
    shown: ratio(checkedIn, checkedIn + missed),
  };
}
