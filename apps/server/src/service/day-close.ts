import { applyTicketAction, applyWindowAction, closingTime } from '@onewindow/domain';
import { publicTicket } from '../live/public-ticket.js';
import type { Ctx, HallOps } from './ops.js';
import { ACTIVE_STATUSES } from './reads.js';

/**
 * Expires what is left of days gone by and, with hours enforced, closes today after its last opening
 * interval: queued and called tickets expire with a reason; a service under way may still finish.
 * Runs as a command of the system (in the hall's turn, in one transaction); the events are in `ctx`.
 */
export async function closeDay(ops: HallOps, ctx: Ctx): Promise<void> {
  const { tx, hall, now, live } = ctx;
  const stale = await tx.listTickets(hall.id, { before: ctx.day, statuses: ACTIVE_STATUSES });
  const closesAt = closingTime(hall.hall.hours, ctx.day, ops.deps.calendar);
  const closing = ops.deps.enforceHours && live.closedDay !== ctx.day && closesAt !== null && now >= closesAt;
  const today = closing
    ? [...live.queued(), ...[...live.atWindow.values()].filter((t) => t.status === 'called')]
    : [];
  const expiring = [...stale.map(publicTicket), ...today];
  if (expiring.length === 0 && !closing) return;
  const expiredIds = new Set<string>();
  for (const t of expiring) {
    const reason = t.serviceDay === ctx.day ? 'dayClosed' : 'dayRollover';
    const expired = applyTicketAction(t, { type: 'expire', at: now, reason });
    await ops.saveTicket(ctx, expired);
    expiredIds.add(t.id);
    ops.pushTicket(ctx, expired, 'expired');
  }
  for (const w of ops.windows(ctx)) {
    let next = w;
    if (w.currentTicketId !== null && expiredIds.has(w.currentTicketId)) {
      next = applyWindowAction(next, { type: 'release', at: now });
    }
    if (closing && next.currentTicketId === null && next.state !== 'closed') {
      next = applyWindowAction(next, { type: 'close', at: now });
    }
    if (next !== w) await ops.saveWindow(ctx, next);
  }
  if (closing) {
    await tx.setClosedDay(hall.id, ctx.day);
    live.setClosedDay(ctx.day);
  }
}
