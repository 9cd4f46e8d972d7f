import { applyTicketAction, applyWindowAction, closingTime, serviceDayOf } from '@onewindow/domain';
import type { DeviceIdentity, HallEvent } from '@onewindow/protocol';
import type { HallRuntime } from '../hall-runtime.js';
import { type Ctx, type HallOps, publicTicket } from './ops.js';
import { ACTIVE_STATUSES } from './reads.js';

/**
 * Expires what is left of days gone by and, with hours enforced, closes today after its last opening
 * interval: queued and called tickets expire with a reason; a service under way may still finish.
 */
export async function closeDay(ops: HallOps, hall: HallRuntime): Promise<HallEvent[]> {
  return ops.deps.store.transaction(async (tx) => {
    const now = ops.deps.clock.now();
    const device: DeviceIdentity = { deviceId: 'system', hallId: hall.id, role: 'admin', windowId: null };
    const ctx: Ctx = { tx, hall, now, day: serviceDayOf(now), device, events: [] };
    const stale = await tx.listTickets(hall.id, { before: ctx.day, statuses: ACTIVE_STATUSES });
    const state = await tx.hallState(hall.id);
    const closesAt = closingTime(hall.hall.hours, ctx.day, ops.deps.calendar);
    const closing =
      ops.deps.enforceHours && state.closedDay !== ctx.day && closesAt !== null && now >= closesAt;
    const today = closing
      ? await tx.listTickets(hall.id, { serviceDay: ctx.day, statuses: ['waiting', 'transferred', 'called'] })
      : [];
    const expiring = [...stale, ...today].map(publicTicket);
    if (expiring.length === 0 && !closing) return [];
    const expiredIds = new Set<string>();
    for (const t of expiring) {
      const reason = t.serviceDay === ctx.day ? 'dayClosed' : 'dayRollover';
      const expired = applyTicketAction(t, { type: 'expire', at: now, reason });
      await ops.saveTicket(ctx, expired);
      expiredIds.add(t.id);
      ops.pushTicket(ctx, expired, 'expired');
    }
    for (const w of await ops.windows(ctx)) {
      let next = w;
      if (w.currentTicketId !== null && expiredIds.has(w.currentTicketId)) {
        next = applyWindowAction(next, { type: 'release', at: now });
      }
      if (closing && next.currentTicketId === null && next.state !== 'closed') {
        next = applyWindowAction(next, { type: 'close', at: now });
      }
      if (next !== w) await ops.saveWindow(ctx, next);
    }
    if (closing) await tx.setClosedDay(hall.id, ctx.day);
    if (ctx.events.length > 0) ctx.events.push(await ops.statsEvent(ctx));
    return tx.appendEvents(hall.id, ctx.events);
  });
}
