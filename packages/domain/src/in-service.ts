import type { Matter, Ticket, Window } from './model.js';

/** A service under way at a window, to estimate when the window is free again. */
export interface InService {
  matterId: string;
  /** When the service (or the call) started. */
  since: number;
}

/**
 * What each window is doing: the visit (or the call) under way at every window with a current ticket.
 * The live server, the window client and the simulator each know the tickets at the windows; this is how
 * all three describe them to the estimates and the dispatch rule.
 */
export function servicesUnderWay(
  windows: readonly Window[],
  ticketAt: (ticketId: string) => Ticket | undefined,
  now: number,
): Map<string, InService> {
  const out = new Map<string, InService>();
  for (const w of windows) {
    const t = w.currentTicketId === null ? undefined : ticketAt(w.currentTicketId);
    if (t !== undefined) out.set(w.id, { matterId: t.matterId, since: t.startedAt ?? t.calledAt ?? now });
  }
  return out;
}

/**
 * A visit that has run past its matter's mean is not over: it is still expected to take this share of
 * the mean (visit lengths are skewed, the long ones run on).
 */
export const OVERRUN_REST_SHARE = 0.2;

/**
 * Minutes until a window is expected to be free: its visit's handle time less what has passed, at least
 * `OVERRUN_REST_SHARE` of it; 0 for a window with nothing under way. Only what every caller of the
 * dispatch rule knows goes in (the window client has no visit history), so the server, the window
 * client and the simulator rank the same tickets the same way.
 */
export function expectedFreeIn(
  inService: ReadonlyMap<string, InService>,
  handleMin: ReadonlyMap<string, number> | undefined,
  matters: ReadonlyMap<string, Pick<Matter, 'avgHandleMin'>>,
  now: number,
): (windowId: string) => number {
  return (windowId) => {
    const s = inService.get(windowId);
    if (s === undefined) return 0;
    const handle = handleMin?.get(s.matterId) ?? matters.get(s.matterId)?.avgHandleMin ?? 0;
    return Math.max(OVERRUN_REST_SHARE * handle, handle - (now - s.since) / 60_000);
  };
}
