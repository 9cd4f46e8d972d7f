import type { Matter, MatterLoad, QueuePosition, QueueStats, Ticket } from './model.js';
import { PACE_WINDOW_MIN, Positioner } from './position.js';
import type { QueueView } from './queue-view.js';
import { isQueued, newTicket } from './ticket.js';
import { isCalling } from './window.js';

export type { InService, QueueView } from './queue-view.js';

const MIN = 60_000;

/** Weight of a matter's observed pace in wait estimates; measured in the simulator. */
export const DEFAULT_PACE_WEIGHT = 0.1;

/** Observed handle times of one matter today. */
export interface HandleStats {
  count: number;
  meanMin: number;
}

/** How strongly the configured default holds against the day's observations (in observations). */
export const HANDLE_PRIOR_WEIGHT = 5;

/**
 * A running handle-time estimate: the configured default, pulled towards the day's observed mean as
 * observations accumulate, so one odd visit early in the morning does not swing every estimate.
 */
export function handleEstimate(defaultMin: number, stats: HandleStats | undefined): number {
  if (stats === undefined || stats.count === 0) return defaultMin;
  return (
    (defaultMin * HANDLE_PRIOR_WEIGHT + stats.meanMin * stats.count) / (HANDLE_PRIOR_WEIGHT + stats.count)
  );
}

export function addHandleObservation(stats: HandleStats | undefined, minutes: number): HandleStats {
  const count = (stats?.count ?? 0) + 1;
  const meanMin = (stats?.meanMin ?? 0) + (minutes - (stats?.meanMin ?? 0)) / count;
  return { count, meanMin };
}

/** Calls per minute over the last `windowMin` minutes, from call instants (ms). */
export function recentRate(callTimes: readonly number[], now: number, windowMin = PACE_WINDOW_MIN): number {
  let n = 0;
  for (let i = callTimes.length - 1; i >= 0 && now - callTimes[i]! <= windowMin * MIN; i--) n++;
  return n / windowMin;
}

export function queuePosition(ticket: Ticket, view: QueueView): QueuePosition {
  return new Positioner(view).position(ticket);
}

/**
 * Live load per matter: what the screens show and managers steer by. With the view's QueueIndex this
 * costs a pass over the queue for the counts and a bounded estimate per matter.
 */
export function queueStats(view: QueueView, now: number): QueueStats {
  const positioner = new Positioner({ ...view, now: view.now ?? now });
  const queued = view.allQueued === true ? view.tickets : view.tickets.filter(isQueued);
  const byMatter = new Map<string, { waiting: number; oldest: number }>();
  let oldestAll = Number.POSITIVE_INFINITY;
  for (const t of queued) {
    const m = byMatter.get(t.matterId) ?? { waiting: 0, oldest: Number.POSITIVE_INFINITY };
    m.waiting++;
    if (t.issuedAt < m.oldest) m.oldest = t.issuedAt;
    if (t.issuedAt < oldestAll) oldestAll = t.issuedAt;
    byMatter.set(t.matterId, m);
  }
  const windowsOpen = view.windows.filter(isCalling).length;
  const matters: MatterLoad[] = [];
  const probes = new Map([...view.matters.values()].map((m) => [m.id, probeTicket(m, now, view)]));
  positioner.forecastAll([...probes.values()]);
  for (const matter of view.matters.values()) {
    const mine = byMatter.get(matter.id);
    const pos = positioner.position(probes.get(matter.id)!);
    matters.push({
      matterId: matter.id,
      categoryId: matter.categoryId,
      waiting: mine?.waiting ?? 0,
      longestWaitMin: mine === undefined ? 0 : Math.max(0, Math.floor((now - mine.oldest) / MIN)),
      estimatedWaitMin: pos.estimatedWaitMin,
      ...(pos.range === undefined ? {} : { range: pos.range }),
      ...(view.calibration === undefined ? {} : { accuracy: view.calibration.accuracy(matter.id) ?? null }),
      windowsServing: pos.windowsServing,
    });
  }
  return {
    at: now,
    totalWaiting: queued.length,
    windowsOpen,
    longestWaitMin: queued.length === 0 ? 0 : Math.max(0, Math.floor((now - oldestAll) / MIN)),
    matters,
  };
}

/** A normal ticket issued now: "how long would I wait?". */
function probeTicket(matter: Matter, now: number, view: QueueView): Ticket {
  return newTicket({
    id: `\uffffprobe:${matter.id}`,
    hallId: view.windows[0]?.hallId ?? '',
    serviceDay: '',
    prefix: matter.ticketPrefix,
    seq: Number.MAX_SAFE_INTEGER,
    number: '',
    matterId: matter.id,
    priorityClass: 'normal',
    greenReason: null,
    issuedAt: now,
    appointmentId: null,
    resident: null,
  });
}
