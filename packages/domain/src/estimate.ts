import { compareQueueOrder, isEligible } from './dispatch.js';
import type { Matter, MatterLoad, QueuePosition, QueueStats, Ticket, Window } from './model.js';
import { serviceTier } from './skills.js';
import { isQueued } from './ticket.js';
import { isCalling } from './window.js';

export interface QueueView {
  readonly tickets: readonly Ticket[];
  readonly windows: readonly Window[];
  readonly matters: ReadonlyMap<string, Matter>;
}

/** Windows able to call a ticket, whether open now or not. */
function windowsFor(ticket: Ticket, view: QueueView): Window[] {
  return view.windows.filter((w) =>
    ticket.targetWindowId !== null
      ? w.id === ticket.targetWindowId
      : (() => {
          const m = view.matters.get(ticket.matterId);
          return m !== undefined && serviceTier(w, m) !== null;
        })(),
  );
}

/**
 * A first estimate: the tickets ahead shared out over the open windows that can serve this one, at
 * the matter's configured handle time. The balancing issue replaces it with live handle times.
 */
export function queuePosition(ticket: Ticket, view: QueueView): QueuePosition {
  const able = windowsFor(ticket, view);
  const open = able.filter(isCalling);
  const consider = open.length > 0 ? open : able;
  let ahead = 0;
  for (const t of view.tickets) {
    if (t.id === ticket.id || !isQueued(t) || compareQueueOrder(t, ticket) >= 0) continue;
    if (consider.some((w) => isEligible(w, t, view.matters))) ahead++;
  }
  const matter = view.matters.get(ticket.matterId);
  const estimatedWaitMin =
    open.length === 0 || matter === undefined
      ? null
      : Math.round((ahead * matter.avgHandleMin) / open.length);
  return { peopleAhead: ahead, estimatedWaitMin, windowsServing: open.length };
}

/** Live load per matter: what the screens show and managers steer by. */
export function queueStats(view: QueueView, now: number): QueueStats {
  const queued = view.tickets.filter(isQueued);
  // Which windows may call each queued ticket, computed once: the per-matter figures reuse it.
  const eligibleAt = queued.map((t) =>
    view.windows.flatMap((w, i) => (isEligible(w, t, view.matters) ? [i] : [])),
  );
  const matters: MatterLoad[] = [];
  for (const matter of view.matters.values()) {
    const able = view.windows.flatMap((w, i) => (serviceTier(w, matter) !== null ? [i] : []));
    const open = able.filter((i) => isCalling(view.windows[i]!));
    const consider = new Set(open.length > 0 ? open : able);
    let waiting = 0;
    let oldest = Number.POSITIVE_INFINITY;
    let ahead = 0;
    queued.forEach((t, k) => {
      if (t.matterId === matter.id) {
        waiting++;
        oldest = Math.min(oldest, t.issuedAt);
      }
      // A normal ticket issued now comes after every queued ticket its windows could call.
      if (eligibleAt[k]!.some((i) => consider.has(i))) ahead++;
    });
    matters.push({
      matterId: matter.id,
      categoryId: matter.categoryId,
      waiting,
      longestWaitMin: waiting === 0 ? 0 : Math.max(0, Math.floor((now - oldest) / 60_000)),
      estimatedWaitMin: open.length === 0 ? null : Math.round((ahead * matter.avgHandleMin) / open.length),
      windowsServing: open.length,
    });
  }
  const oldestAll = queued.reduce((min, t) => Math.min(min, t.issuedAt), Number.POSITIVE_INFINITY);
  return {
    at: now,
    totalWaiting: queued.length,
    windowsOpen: view.windows.filter(isCalling).length,
    longestWaitMin: queued.length === 0 ? 0 : Math.max(0, Math.floor((now - oldestAll) / 60_000)),
    matters,
  };
}
