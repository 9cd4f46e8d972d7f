import {
  AT_WINDOW_STATUSES,
  PACE_WINDOW_MIN,
  QUEUED_STATUSES,
  type ServiceDay,
  TERMINAL_STATUSES,
  WaitCalibration,
} from '@onewindow/domain';
import type { HallRuntime } from '../hall-runtime.js';
import type { StoreTx } from '../store/types.js';
import { CALL_SHOWN, LiveHall, RECENT_CALLS, RECENT_FINISHED, waitOutcome } from './live-hall.js';

/** Calls replayed into the estimates' learner on a load: beyond these an outcome weighs next to nothing. */
const LEARNED_CALLS = 600;

import { publicTicket } from './public-ticket.js';

/**
 * Builds a hall's working state from the store: what a restart, a new day or a changed configuration
 * starts from. The only place that reads the whole of today's queue.
 */
export async function loadLive(
  tx: StoreTx,
  hall: HallRuntime,
  day: ServiceDay,
  now: number,
): Promise<LiveHall> {
  const live = new LiveHall(hall.id, day, hall.version);
  const state = await tx.hallState(hall.id);
  live.seq = state.lastSeq;
  live.broadcast = state.broadcast;
  live.closedDay = state.closedDay;
  for (const w of hall.mergeWindows(await tx.listWindowStates(hall.id), now)) live.windows.set(w.id, w);
  const active = await tx.listTickets(hall.id, {
    serviceDay: day,
    statuses: [...QUEUED_STATUSES, ...AT_WINDOW_STATUSES],
  });
  for (const t of active) live.putTicket(publicTicket(t));
  const recent = (statuses: typeof TERMINAL_STATUSES, order: 'finishedDesc' | 'calledDesc', limit: number) =>
    tx.listTickets(hall.id, { serviceDay: day, statuses, order, limit });
  for (const t of await recent(TERMINAL_STATUSES, 'finishedDesc', RECENT_FINISHED + 16))
    live.finished.put(publicTicket(t));
  for (const t of await recent(CALL_SHOWN, 'calledDesc', RECENT_CALLS + 48)) live.called.put(publicTicket(t));
  for (const c of await tx.callsSince(hall.id, now - PACE_WINDOW_MIN * 60_000))
    live.pace.put({ id: c.ticketId, matterId: c.matterId, calledAt: c.calledAt });
  for (const [matterId, totals] of await tx.handleTotals(hall.id, day)) live.handle.set(matterId, totals);
  live.longestWaitMs = Math.max(live.longestWaitMs, await tx.longestWaitToCall(hall.id, day));
  // What the hall learned of its estimates today, replayed in call order (a restart forgets nothing).
  const calledToday = await tx.listTickets(hall.id, {
    serviceDay: day,
    statuses: CALL_SHOWN,
    order: 'calledDesc',
    limit: LEARNED_CALLS,
  });
  live.calibration = WaitCalibration.from(
    calledToday
      .reverse()
      .map(waitOutcome)
      .filter((o) => o !== undefined),
  );
  return live;
}
