import {
  isQueued,
  openIntervals,
  queuePosition,
  serviceDayOf,
  TERMINAL_STATUSES,
  type TicketStatus,
  type Window,
  type WindowDef,
} from '@onewindow/domain';
import type { DeviceIdentity, HallSnapshot } from '@onewindow/protocol';
import { notFound } from '../errors.js';
import type { HallRuntime } from '../hall-runtime.js';
import type { PublicTicketStatus } from '../pages/index.js';
import { type Ctx, callRecord, type HallOps, publicTicket } from './ops.js';

/** Recently finished tickets a snapshot carries so screens can show them. */
const RECENT_FINISHED = 20;
const RECENT_CALLS = 10;
export const ACTIVE_STATUSES: readonly TicketStatus[] = ['waiting', 'transferred', 'called', 'serving'];

/** The whole state a screen needs, as of one moment (its `seq`). */
export async function snapshotOf(
  ops: HallOps,
  hall: HallRuntime,
  device: DeviceIdentity,
): Promise<HallSnapshot> {
  // A transaction so that the sequence number and the content describe the same moment.
  return ops.deps.store.transaction(async (tx) => {
    const now = ops.deps.clock.now();
    const ctx: Ctx = { tx, hall, now, day: serviceDayOf(now), device, events: [] };
    const { lastSeq, broadcast } = await tx.hallState(hall.id);
    const windows = await ops.windows(ctx);
    const active = await tx.listTickets(hall.id, { serviceDay: ctx.day, statuses: ACTIVE_STATUSES });
    const finished = await tx.listTickets(hall.id, {
      serviceDay: ctx.day,
      statuses: TERMINAL_STATUSES,
      order: 'finishedDesc',
      limit: RECENT_FINISHED,
    });
    const called = await tx.listTickets(hall.id, {
      serviceDay: ctx.day,
      statuses: ['called', 'serving', 'done', 'transferred', 'noShow'],
      order: 'calledDesc',
      limit: RECENT_CALLS,
    });
    const windowById = new Map(windows.map((w) => [w.id, w]));
    const recentCalls = called.flatMap((t) => {
      const w = t.windowId === null ? undefined : windowById.get(t.windowId);
      return w === undefined || t.calledAt === null ? [] : [callRecord(t, w, t.recallCount > 0)];
    });
    return {
      hallId: hall.id,
      seq: lastSeq,
      at: now,
      serviceDay: ctx.day,
      hall: hall.hall,
      categories: [...hall.categories],
      matters: [...hall.matters.values()].map((m) => ({
        id: m.id,
        code: m.code,
        name: m.name,
        ...(m.nameEn === undefined ? {} : { nameEn: m.nameEn }),
        categoryId: m.categoryId,
        kind: m.kind,
        ticketPrefix: m.ticketPrefix,
        targetWaitMin: m.targetWaitMin,
        ...(m.bundleOf === undefined ? {} : { bundleOf: m.bundleOf }),
      })),
      windows,
      staff: hall.staff.map((st) => ({ id: st.id, name: st.name, staffNo: st.staffNo ?? null })),
      tickets: [...active, ...finished].map(publicTicket),
      recentCalls,
      // The same figures as every queue:stats event, so a fresh screen and a running one agree.
      stats: await ops.currentStats(ctx),
      you: device,
      configVersion: hall.version,
      broadcast: broadcast !== null && broadcast.until > now ? broadcast : null,
      openToday: openIntervals(hall.hall.hours, ctx.day, ops.deps.calendar),
    };
  });
}

/** What a phone that scanned the ticket's QR code may see: no personal data at all. */
export async function publicStatusOf(
  ops: HallOps,
  hallOf: (hallId: string) => HallRuntime,
  ticketId: string,
): Promise<PublicTicketStatus & { id: string; issuedAt: number; calledAt: number | null }> {
  return ops.deps.store.transaction(async (tx) => {
    const stored = await tx.getTicket(ticketId);
    if (stored === undefined) throw notFound('ticket', ticketId);
    const hall = hallOf(stored.hallId);
    const now = ops.deps.clock.now();
    const ticket = publicTicket(stored);
    const device: DeviceIdentity = { deviceId: 'phone', hallId: hall.id, role: 'display', windowId: null };
    const ctx: Ctx = { tx, hall, now, day: serviceDayOf(now), device, events: [] };
    const windows = await ops.windows(ctx);
    // Told the same way as at issuance and on the screens.
    const position =
      isQueued(ticket) && ticket.serviceDay === ctx.day ? queuePosition(ticket, await ops.view(ctx)) : null;
    const pub = (w: Window | WindowDef | undefined) =>
      w === undefined ? null : { number: w.number, name: w.name };
    const window = ticket.windowId === null ? undefined : windows.find((w) => w.id === ticket.windowId);
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
  });
}
