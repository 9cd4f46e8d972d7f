import { compareQueueOrder } from './dispatch.js';
import type { Matter, MatterLoad, QueuePosition, QueueStats, Ticket, Window } from './model.js';
import { serviceTier } from './skills.js';
import { isQueued, newTicket } from './ticket.js';
import { isCalling } from './window.js';

const MIN = 60_000;

/** Weight of a matter's observed pace in wait estimates; measured in the simulator. */
export const DEFAULT_PACE_WEIGHT = 0.7;
/** Minutes of recent calls a matter's pace is measured over. */
export const PACE_WINDOW_MIN = 30;
const PACE_MIN_CALLS = 3;

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

/** A service under way at a window, to estimate when the window is free again. */
export interface InService {
  matterId: string;
  /** When the service (or the call) started. */
  since: number;
}

export interface QueueView {
  readonly tickets: readonly Ticket[];
  readonly windows: readonly Window[];
  readonly matters: ReadonlyMap<string, Matter>;
  /** Live handle-time estimates per matter; the matter's default where missing. */
  readonly handleMin?: ReadonlyMap<string, number>;
  /** What each busy window is doing, keyed by window id. */
  readonly inService?: ReadonlyMap<string, InService>;
  readonly now?: number;
  /** Recent calls per minute of each matter: how fast its queue has actually been moving. */
  readonly callRatePerMin?: ReadonlyMap<string, number>;
  /** How much the observed pace counts against the structural estimate (0…1). */
  readonly paceWeight?: number;
}

/** Calls per minute over the last `windowMin` minutes, from call instants (ms). */
export function recentRate(callTimes: readonly number[], now: number, windowMin = PACE_WINDOW_MIN): number {
  let n = 0;
  for (let i = callTimes.length - 1; i >= 0 && now - callTimes[i]! <= windowMin * MIN; i--) n++;
  return n / windowMin;
}

/**
 * Precomputed per queued ticket: which calling windows may take it. Shared by every estimate made
 * from one view, so the hall's stats cost one pass over the queue.
 */
class Estimator {
  private readonly calling: Window[];
  private readonly queued: Ticket[];
  private readonly eligibleAt: number[][];
  private readonly handle: (matterId: string) => number;

  constructor(private readonly view: QueueView) {
    this.calling = view.windows.filter(isCalling);
    this.queued = view.tickets.filter(isQueued);
    this.eligibleAt = this.queued.map((t) => this.windowsFor(t));
    this.handle = (id) => view.handleMin?.get(id) ?? view.matters.get(id)?.avgHandleMin ?? 10;
  }

  private readonly byMatter = new Map<string, number[]>();

  /** Calling windows that could take this ticket (whatever its status): the same for every ticket of a matter. */
  windowsFor(t: Ticket): number[] {
    if (t.targetWindowId !== null) {
      const i = this.calling.findIndex((w) => w.id === t.targetWindowId);
      return i < 0 ? [] : [i];
    }
    let out = this.byMatter.get(t.matterId);
    if (out === undefined) {
      const m = this.view.matters.get(t.matterId);
      out = [];
      if (m !== undefined) {
        for (const [i, w] of this.calling.entries()) if (serviceTier(w, m) !== null) out.push(i);
      }
      this.byMatter.set(t.matterId, out);
    }
    return out;
  }

  /** Minutes until each window is free: 0 when idle, the expected rest of its service when busy. */
  private freeIn(i: number): number {
    const w = this.calling[i]!;
    if (w.currentTicketId === null) return 0;
    const s = this.view.inService?.get(w.id);
    const now = this.view.now;
    if (s === undefined || now === undefined) return this.handle(s?.matterId ?? '') / 2;
    const h = this.handle(s.matterId);
    // A service that has overrun its estimate still has some time left, not none.
    return Math.max(0.2 * h, h - (now - s.since) / MIN);
  }

  /**
   * List scheduling of the work ahead: each ticket ahead, in call order, goes to the window that frees
   * up first; the ticket is called when the first of its windows is free after that. A ticket ahead
   * weighs by the part of its own windows that this ticket shares, because work that other windows can
   * also take only partly delays this one.
   */
  position(t: Ticket): QueuePosition {
    const mine = this.windowsFor(t);
    const now = this.view.now;
    if (mine.length === 0) {
      const ahead = this.queued.filter(
        (o) => o.id !== t.id && o.matterId === t.matterId && compareQueueOrder(o, t, now) < 0,
      );
      return { peopleAhead: ahead.length, estimatedWaitMin: null, windowsServing: 0 };
    }
    const set = new Set(mine);
    const ahead: { ticket: Ticket; share: number }[] = [];
    this.queued.forEach((o, k) => {
      if (o.id === t.id || compareQueueOrder(o, t, now) >= 0) return;
      const theirs = this.eligibleAt[k]!;
      let shared = 0;
      for (const i of theirs) if (set.has(i)) shared++;
      if (shared > 0) ahead.push({ ticket: o, share: shared / theirs.length });
    });
    ahead.sort((a, b) => compareQueueOrder(a.ticket, b.ticket, now));
    const free = mine.map((i) => this.freeIn(i));
    for (const { ticket, share } of ahead) {
      let k = 0;
      for (let j = 1; j < free.length; j++) if (free[j]! < free[k]!) k = j;
      free[k]! += this.handle(ticket.matterId) * share;
    }
    let waitMin = Math.min(...free);
    const pace = this.view.callRatePerMin?.get(t.matterId) ?? 0;
    const weight = this.view.paceWeight ?? 0;
    // A pace needs a few calls behind it before it says more than the structure does.
    if (waitMin > 0 && pace * PACE_WINDOW_MIN >= PACE_MIN_CALLS && weight > 0) {
      // The structural estimate cannot see how the policy orders matters; the matter's own recent pace can.
      const sameAhead = ahead.filter((a) => a.ticket.matterId === t.matterId).length;
      waitMin = (1 - weight) * waitMin + (weight * (sameAhead + 0.5)) / pace;
    }
    return { peopleAhead: ahead.length, estimatedWaitMin: Math.round(waitMin), windowsServing: mine.length };
  }
}

export function queuePosition(ticket: Ticket, view: QueueView): QueuePosition {
  return new Estimator(view).position(ticket);
}

/** Live load per matter: what the screens show and managers steer by. */
export function queueStats(view: QueueView, now: number): QueueStats {
  const estimator = new Estimator({ ...view, now: view.now ?? now });
  const queued = view.tickets.filter(isQueued);
  const matters: MatterLoad[] = [];
  for (const matter of view.matters.values()) {
    const mine = queued.filter((t) => t.matterId === matter.id);
    const oldest = mine.reduce((min, t) => Math.min(min, t.issuedAt), Number.POSITIVE_INFINITY);
    const pos = estimator.position(probeTicket(matter, now, view));
    matters.push({
      matterId: matter.id,
      categoryId: matter.categoryId,
      waiting: mine.length,
      longestWaitMin: mine.length === 0 ? 0 : Math.max(0, Math.floor((now - oldest) / MIN)),
      estimatedWaitMin: pos.estimatedWaitMin,
      windowsServing: pos.windowsServing,
    });
  }
  const oldestAll = queued.reduce((min, t) => Math.min(min, t.issuedAt), Number.POSITIVE_INFINITY);
  return {
    at: now,
    totalWaiting: queued.length,
    windowsOpen: view.windows.filter(isCalling).length,
    longestWaitMin: queued.length === 0 ? 0 : Math.max(0, Math.floor((now - oldestAll) / MIN)),
    matters,
  };
}

/** A normal ticket issued now: "how long would I wait?". */
function probeTicket(matter: Matter, now: number, view: QueueView): Ticket {
  return newTicket({
    id: '\uffffprobe',
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
