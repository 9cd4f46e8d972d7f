import {
  AT_WINDOW_STATUSES,
  PACE_WINDOW_MIN,
  QUEUED_STATUSES,
  type ServiceDay,
  serviceDayOf,
  TERMINAL_STATUSES,
  type Ticket,
  VisitDurations,
  WaitCalibration,
} from '@onewindow/domain';
import type { HallRuntime } from '../hall-runtime.js';
import type { StoreTx, TicketQuery } from '../store/types.js';
import {
  CALL_SHOWN,
  droppedAfterMin,
  LiveHall,
  RECENT_CALLS,
  RECENT_FINISHED,
  waitOutcome,
} from './live-hall.js';

/** Calls replayed into the estimates' learner on a load: beyond these an outcome weighs next to nothing. */
const LEARNED_CALLS = 600;
/** Days before today whose outcomes a load replays first: what the hall had learned by this morning. */
const LEARNED_DAYS = 14;
/** Days of finished visits a load reads for the visit lengths (VisitDurations keeps the latest per matter). */
const VISIT_HISTORY_DAYS = 14;
/** At most this many of them (a county hall finishes about a thousand a day). */
const VISIT_HISTORY_LIMIT = 20_000;

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
  // What the hall learned of its estimates, replayed in the order it happened (a restart forgets
  // nothing): each first call's outcome, and each resident who left unserved — first the latest of the
  // days before (a morning's first residents are told what the hall learned by last night), then today's.
  const replay = async (days: TicketQuery, from?: WaitCalibration) =>
    replayCalibration(
      await tx.listTickets(hall.id, {
        ...days,
        statuses: CALL_SHOWN,
        order: 'calledDesc',
        limit: LEARNED_CALLS,
      }),
      await tx.listTickets(hall.id, {
        ...days,
        statuses: ['cancelled', 'noShow'],
        order: 'finishedDesc',
        limit: LEARNED_CALLS,
      }),
      from,
    );
  const byLastNight = await replay({ since: serviceDayOf(now - LEARNED_DAYS * 86_400_000), before: day });
  live.calibration = await replay({ serviceDay: day }, byLastNight.startDay());
  // The visits of the last days, oldest first, for how long a visit under way has left.
  live.visits = VisitDurations.from(
    await tx.visitLengths(hall.id, serviceDayOf(now - VISIT_HISTORY_DAYS * 86_400_000), VISIT_HISTORY_LIMIT),
  );
  return live;
}

/**
 * Calls and drops in the order they happened, through the hall's learner (from `from`, else from
 * nothing). Events of one instant go ticket by ticket (a 过号 right after its own call), as the
 * commands that made them came.
 */
function replayCalibration(
  called: readonly Ticket[],
  dropped: readonly Ticket[],
  from: WaitCalibration = WaitCalibration.initial(),
): WaitCalibration {
  interface Learned {
    at: number;
    by: number;
    t: Ticket;
    kind: number;
    apply: (c: WaitCalibration) => WaitCalibration;
  }
  const events: Learned[] = [];
  for (const t of called) {
    const o = waitOutcome(t);
    if (o !== undefined && t.calledAt !== null)
      events.push({ at: t.calledAt, by: t.calledAt, t, kind: 0, apply: (c) => c.observe(o) });
  }
  for (const t of dropped) {
    const waited = droppedAfterMin(t, t.status === 'noShow' ? 'atWindow' : 'queued');
    if (waited !== undefined && t.finishedAt !== null)
      events.push({
        at: t.finishedAt,
        by: t.calledAt ?? t.finishedAt,
        t,
        kind: 1,
        apply: (c) => c.observeDrop(waited),
      });
  }
  events.sort(
    (a, b) =>
      a.at - b.at || a.by - b.by || a.t.issuedAt - b.t.issuedAt || a.t.seq - b.t.seq || a.kind - b.kind,
  );
  return events.reduce((c, e) => e.apply(c), from);
}
