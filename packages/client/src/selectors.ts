import type { Ticket, Window } from '@onewindow/domain';
import { compareQueueOrder } from '@onewindow/domain';
import type { HallClientState } from './state.js';

/** Selectors return single values or stable references so React re-renders only on real change. */
export const selectConnection = (s: HallClientState) => s.connection;
export const selectSeq = (s: HallClientState) => s.seq;
export const selectLastCall = (s: HallClientState) => s.lastCall;
export const selectStats = (s: HallClientState) => s.stats;
export const selectTotalWaiting = (s: HallClientState) => s.stats?.totalWaiting ?? 0;
export const selectWindow =
  (windowId: string) =>
  (s: HallClientState): Window | undefined =>
    s.windows[windowId];
export const selectTicket =
  (ticketId: string) =>
  (s: HallClientState): Ticket | undefined =>
    s.tickets[ticketId];

/** Queued tickets in call order (not memoised: call it outside render or wrap it with useShallow). */
export function queuedTickets(s: HallClientState): Ticket[] {
  return Object.values(s.tickets)
    .filter((t) => t.status === 'waiting' || t.status === 'transferred')
    .sort(compareQueueOrder);
}
