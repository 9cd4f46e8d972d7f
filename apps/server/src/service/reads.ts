import {
  type DispatchPolicy,
  type HolidayCalendar,
  isQueued,
  openIntervals,
  queuePosition,
  type Ticket,
  type TicketStatus,
  type Window,
  type WindowDef,
} from '@onewindow/domain';
import {
  type DeviceIdentity,
  type HallSnapshot,
  type MatterSummary,
  screenTicket,
} from '@onewindow/protocol';
import type { HallRuntime } from '../hall-runtime.js';
import { type LiveHall, RECENT_CALLS, RECENT_FINISHED } from '../live/live-hall.js';
import type { PublicTicketStatus } from '../pages/index.js';
import { callRecord, dispatchFigures, liveStats, liveView } from './ops.js';

/**
 * Waiting tickets a snapshot carries at most (the longest-waiting): the statistics count them all, and
 * later ones arrive as they are issued. A queue of thousands would otherwise make every snapshot huge.
 */
export const SNAPSHOT_QUEUED = 300;

export const ACTIVE_STATUSES: readonly TicketStatus[] = ['waiting', 'transferred', 'called', 'serving'];

/** What each kind of screen renders of the tickets: kiosks none, boards and pads the called ones. */
export function ticketsFor(role: DeviceIdentity['role'], tickets: readonly Ticket[]): Ticket[] {
  if (role === 'kiosk') return [];
  if (role === 'display' || role === 'pad')
    return tickets.filter((t) => t.calledAt !== null).map(screenTicket);
  return [...tickets];
}

export function matterSummaries(hall: HallRuntime): MatterSummary[] {
  return [...hall.matters.values()].map((m) => ({
    id: m.id,
    code: m.code,
    name: m.name,
    ...(m.nameEn === undefined ? {} : { nameEn: m.nameEn }),
    categoryId: m.categoryId,
    kind: m.kind,
    ticketPrefix: m.ticketPrefix,
    targetWaitMin: m.targetWaitMin,
    ...(m.bundleOf === undefined ? {} : { bundleOf: m.bundleOf }),
  }));
}

/** The whole state a screen needs as of one moment (its `seq`), from the hall's live state. */
export function snapshotOf(
  live: LiveHall,
  hall: HallRuntime,
  device: DeviceIdentity,
  now: number,
  calendar: HolidayCalendar,
  /** The hall's dispatch policy, which the estimates play forward. */
  policy: DispatchPolicy,
  /** At most this many waiting tickets, the longest-waiting first. */
  queuedLimit = SNAPSHOT_QUEUED,
): HallSnapshot {
  const windows = [...live.windows.values()];
  const windowById = new Map(windows.map((w) => [w.id, w]));
  const recentCalls = live.called.top(RECENT_CALLS).flatMap((t) => {
    const w = t.windowId === null ? undefined : windowById.get(t.windowId);
    return w === undefined || t.calledAt === null ? [] : [callRecord(t, w, t.recallCount > 0)];
  });
  // Kiosks and boards render no waiting ticket; a clerk's list never needs more than a few hundred.
  const queued =
    device.role === 'kiosk' || device.role === 'display' || device.role === 'pad'
      ? []
      : oldest(live.queue.unordered(), queuedLimit);
  const active = [...queued, ...live.atWindow.values()];
  return {
    hallId: hall.id,
    seq: live.seq,
    at: now,
    serviceDay: live.day,
    hall: hall.hall,
    categories: [...hall.categories],
    matters: matterSummaries(hall),
    windows,
    staff: hall.staff.map((st) => ({ id: st.id, name: st.name, staffNo: st.staffNo ?? null })),
    cover: hall.staff.map((st) => ({ id: st.id, windowIds: st.windowIds, backupOf: st.backupOf })),
    dispatch: dispatchFigures(live, hall),
    tickets: ticketsFor(device.role, [...active, ...live.finished.top(RECENT_FINISHED)]),
    recentCalls,
    // The same figures as the hall:stats messages, so a fresh screen and a running one agree.
    stats: liveStats(live, hall, now, policy, calendar),
    you: device,
    configVersion: hall.version,
    broadcast: live.broadcast !== null && live.broadcast.until > now ? live.broadcast : null,
    openToday: openIntervals(hall.hall.hours, live.day, calendar),
  };
}

/** The `n` longest-waiting tickets, in issue order, without sorting the whole queue. */
function oldest(tickets: readonly Ticket[], n: number): Ticket[] {
  if (tickets.length <= n) return [...tickets].sort((a, b) => a.issuedAt - b.issuedAt);
  const kept: Ticket[] = [];
  for (const t of tickets) {
    if (kept.length === n && t.issuedAt >= kept[n - 1]!.issuedAt) continue;
    let i = kept.length;
    while (i > 0 && kept[i - 1]!.issuedAt > t.issuedAt) i--;
    kept.splice(i, 0, t);
    if (kept.length > n) kept.pop();
  }
  return kept;
}

export type TicketStatusView = PublicTicketStatus & { id: string; issuedAt: number; calledAt: number | null };

/** What a phone that scanned the ticket's QR code may see: no personal data at all. */
export function publicStatusOf(
  ticket: Ticket,
  hall: HallRuntime,
  live: LiveHall,
  now: number,
  policy: DispatchPolicy,
  calendar: HolidayCalendar,
): TicketStatusView {
  // Told the same way as at issuance and on the screens.
  const position =
    isQueued(ticket) && ticket.serviceDay === live.day
      ? queuePosition(ticket, liveView(live, hall, now, policy, calendar))
      : null;
  const pub = (w: Window | WindowDef | undefined) =>
    w === undefined ? null : { number: w.number, name: w.name };
  const window = ticket.windowId === null ? undefined : live.windows.get(ticket.windowId);
  return {
    id: ticket.id,
    number: ticket.number,
    hallName: hall.hall.name,
    hallNameEn: hall.hall.nameEn ?? null,
    hallPhone: hall.hall.phone ?? null,
    matterName: hall.matters.get(ticket.matterId)?.name ?? ticket.matterId,
    matterNameEn: hall.matters.get(ticket.matterId)?.nameEn ?? null,
    status: ticket.status,
    issuedAt: ticket.issuedAt,
    calledAt: ticket.calledAt,
    window: pub(window),
    targetWindow:
      ticket.status === 'transferred' && ticket.targetWindowId !== null
        ? pub(hall.windowDefs.get(ticket.targetWindowId))
        : null,
    consultWindow: pub([...hall.windowDefs.values()].find((w) => w.type === 'consult')),
    position,
  };
}
