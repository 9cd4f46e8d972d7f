import {
  callableQueue,
  compareQueueOrder,
  defaultPolicy,
  emptyGuide,
  type HallState,
  isQueued,
  type Matter,
  QueueIndex,
  servicesUnderWay,
  type Ticket,
  type Window,
} from '@onewindow/domain';
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

/**
 * A window's callable queue in the order 叫号 will call it: the hall module's own rule (the server's
 * default dispatch policy over AB岗-widened windows), fed from the snapshot and statistics. The first is
 * the ticket the next call takes. Not memoised: compute it in a memo keyed on the state.
 */
export type CallInputs = Pick<
  HallClientState,
  'windows' | 'tickets' | 'matters' | 'cover' | 'dispatch' | 'hall'
>;

export function callableTickets(s: CallInputs, windowId: string, now: number, limit?: number): Ticket[] {
  const window = s.windows[windowId];
  if (window === undefined) return [];
  const figures = s.dispatch;
  const matters = new Map<string, Matter>(
    s.matters.map((m) => [
      m.id,
      {
        ...m,
        department: '',
        promisedDays: null,
        avgHandleMin: figures?.handleMin[m.id] ?? 0,
        dailyQuota: null,
        guide: emptyGuide(),
      },
    ]),
  );
  const queued = Object.values(s.tickets).filter(isQueued);
  const hall: HallState = {
    windows: Object.values(s.windows),
    staff: s.cover,
    matters,
    queue: new QueueIndex(queued),
    policy: defaultPolicy,
    handleMin: new Map(Object.entries(figures?.handleMin ?? {})),
    ...(figures === null ? {} : { longestWaitMs: figures.longestWaitMs }),
    // The visits under way, as the server sees them: the rule weighs when the other windows free up.
    inService: servicesUnderWay(Object.values(s.windows), (id) => s.tickets[id], now),
    maxRecalls: s.hall?.rules.maxRecalls ?? 0,
    now,
  };
  return callableQueue(hall, window, limit);
}
