import { isEligible } from '../dispatch.js';
import { expectedFreeIn } from '../in-service.js';
import type { Ticket, Window } from '../model.js';
import { QueueIndex } from '../queue-index.js';
import { effectiveWindows, type HallState } from './state.js';

/** The ticket a window's next call takes: the dispatch rule over the AB岗-widened windows. */
export function pickNext(hall: HallState, window: Window): Ticket | undefined {
  return pickFrom(hall, effectiveWindows(hall), window, hall.queue, hall.longestWaitMs);
}

/**
 * A window's callable queue in the order its calls would take it: the first is exactly what 叫号 calls
 * now, the second what it would call after that, and so on (as if nothing else happened meanwhile).
 * This is what the window client lists, so a clerk covering a colleague (AB岗) sees what they will call.
 */
export function callableQueue(hall: HallState, window: Window, limit = Number.POSITIVE_INFINITY): Ticket[] {
  const windows = effectiveWindows(hall);
  const self = windows.find((w) => w.id === window.id) ?? window;
  // A copy of the whole queue (the rule weighs the hall's oldest wait too) keeps the hall's untouched.
  const queue = new QueueIndex(hall.queue.unordered());
  let mine = hall.queue.unordered().filter((t) => isEligible(self, t, hall.matters)).length;
  const out: Ticket[] = [];
  let longest = hall.longestWaitMs;
  while (out.length < limit && mine > 0) {
    const next = pickFrom(hall, windows, window, queue, longest);
    if (next === undefined) break;
    out.push(next);
    queue.remove(next.id);
    mine -= 1;
    // Each call in the series counts toward the day's record, as the live calls would.
    if (longest !== undefined) longest = Math.max(longest, hall.now - next.issuedAt);
  }
  return out;
}

function pickFrom(
  hall: HallState,
  windows: readonly Window[],
  window: Window,
  queue: QueueIndex,
  longestWaitMs: number | undefined,
): Ticket | undefined {
  return hall.policy({
    window: windows.find((w) => w.id === window.id) ?? window,
    tickets: queue.unordered(),
    index: queue,
    windows,
    matters: hall.matters,
    ...(hall.handleMin === undefined ? {} : { handleMin: hall.handleMin }),
    ...(longestWaitMs === undefined ? {} : { longestWaitMs }),
    ...(hall.inService === undefined
      ? {}
      : { freeInMin: expectedFreeIn(hall.inService, hall.handleMin, hall.matters, hall.now) }),
    now: hall.now,
  });
}
