import {
  ageOn,
  applyTicketAction,
  applyWindowAction,
  assertCanCall,
  assertCheckIn,
  assertValidIdNumber,
  birthDateOf,
  DomainError,
  formatTicketNumber,
  idleWindowOrder,
  isEligible,
  isQueued,
  type Matter,
  maskResident,
  newTicket,
  openingAt,
  queuePosition,
  shanghaiClock,
  shanghaiInstant,
  type Ticket,
} from '@onewindow/domain';
import type { CommandResult, ParsedCommand } from '@onewindow/protocol';
import { CommandError, notFound } from '../errors.js';
import type { HallRuntime } from '../hall-runtime.js';
import type { StoredAppointment } from '../store/types.js';
import type { Handlers } from './handlers.js';
import type { Ctx, HallOps } from './ops.js';

type TicketCommands =
  | 'ticket:issue'
  | 'ticket:callNext'
  | 'ticket:call'
  | 'ticket:recall'
  | 'ticket:noShow'
  | 'ticket:restore'
  | 'ticket:start'
  | 'ticket:finish'
  | 'ticket:transfer'
  | 'ticket:cancel';

/** Issuing, calling and every move of a ticket at a window. */
export function ticketHandlers(ops: HallOps): Pick<Handlers, TicketCommands> {
  return {
    'ticket:issue': (ctx, p) => issue(ops, ctx, p),
    'ticket:callNext': async (ctx, p) => {
      const window = ops.window(ctx, p.windowId);
      assertCanCall(window); // a busy or closed window hears that, not "queue empty"
      const next = ops.pickNext(ctx, window);
      if (next === undefined) {
        throw new DomainError('QUEUE_EMPTY', `no ticket is waiting that window ${window.number} can serve`, {
          windowId: window.id,
        });
      }
      return { ...(await ops.call(ctx, window, next)), next: null };
    },
    'ticket:call': async (ctx, p) => {
      const window = ops.window(ctx, p.windowId);
      const ticket = await ops.ticket(ctx, p.ticketId);
      const skills = ops.effectiveWindows(ctx).find((w) => w.id === window.id) ?? window;
      if (isQueued(ticket) && !isEligible(skills, ticket, ctx.hall.matters)) {
        throw new DomainError(
          'NOT_ELIGIBLE',
          `window ${window.number} does not serve ticket ${ticket.number}`,
          {
            ticketId: ticket.id,
            windowId: window.id,
          },
        );
      }
      return { ...(await ops.call(ctx, window, ticket)), next: null };
    },
    'ticket:recall': async (ctx, p) => {
      const { window, ticket } = await ops.atWindow(ctx, p.windowId, p.ticketId);
      const updated = applyTicketAction(ticket, {
        type: 'recall',
        at: ctx.now,
        maxRecalls: ctx.hall.hall.rules.maxRecalls,
      });
      await ops.saveTicket(ctx, updated);
      if (updated.status === 'noShow') return ops.leave(ctx, window, updated, 'noShow');
      ops.pushCalled(ctx, updated, window, true);
      return { ticket: updated, window, next: null };
    },
    'ticket:noShow': (ctx, p) => ops.endAtWindow(ctx, p, { type: 'noShow', at: ctx.now }, 'noShow'),
    'ticket:restore': async (ctx, p) => {
      const window = ops.window(ctx, p.windowId);
      const ticket = await ops.ticket(ctx, p.ticketId);
      if (ticket.windowId !== window.id) {
        throw new DomainError(
          'TICKET_NOT_AT_WINDOW',
          `ticket ${ticket.number} was not called at this window`,
          {
            ticketId: ticket.id,
            windowId: window.id,
          },
        );
      }
      const restored = applyTicketAction(ticket, {
        type: 'restore',
        at: ctx.now,
        withinMs: ctx.hall.hall.rules.undoNoShowMin * 60_000,
      });
      const taken = applyWindowAction(window, { type: 'take', at: ctx.now, ticketId: ticket.id });
      await ops.saveTicket(ctx, restored);
      await ops.saveWindow(ctx, taken);
      ops.pushTicket(ctx, restored, 'restored');
      return { ticket: restored, window: taken, next: null };
    },
    'ticket:start': async (ctx, p) => {
      const { window, ticket } = await ops.atWindow(ctx, p.windowId, p.ticketId);
      const updated = applyTicketAction(ticket, { type: 'start', at: ctx.now });
      await ops.saveTicket(ctx, updated);
      ops.pushTicket(ctx, updated, 'started');
      return { ticket: updated, window, next: null };
    },
    'ticket:finish': (ctx, p) => ops.endAtWindow(ctx, p, { type: 'finish', at: ctx.now }, 'finished'),
    'ticket:transfer': async (ctx, p) => {
      const to = p.to;
      if ('matterId' in to && !ctx.hall.matters.has(to.matterId)) {
        throw new DomainError('TRANSFER_TARGET_INVALID', `matter "${to.matterId}" does not exist`, {
          matterId: to.matterId,
        });
      }
      if ('windowId' in to) {
        if (!ctx.hall.windowDefs.has(to.windowId) || to.windowId === p.windowId) {
          throw new DomainError('TRANSFER_TARGET_INVALID', `cannot transfer to window "${to.windowId}"`, {
            windowId: to.windowId,
          });
        }
        // Nobody is logged in there: the ticket would wait for a window that may not open today.
        const target = ops.window(ctx, to.windowId);
        if (target.state === 'closed') {
          throw new DomainError('WINDOW_NOT_OPEN', `window ${target.number} is closed`, {
            windowId: target.id,
            state: target.state,
          });
        }
      }
      return ops.endAtWindow(
        ctx,
        p,
        { type: 'transfer', at: ctx.now, to, note: p.note ?? null },
        'transferred',
      );
    },
    'ticket:cancel': async (ctx, p) => {
      const ticket = await ops.ticket(ctx, p.ticketId);
      const updated = applyTicketAction(ticket, { type: 'cancel', at: ctx.now, reason: p.reason });
      await ops.saveTicket(ctx, updated);
      ops.pushTicket(ctx, updated, 'cancelled');
      if (ticket.windowId !== null && ticket.status === 'called') {
        const window = ops.window(ctx, ticket.windowId);
        if (window.currentTicketId === ticket.id)
          await ops.saveWindow(ctx, applyWindowAction(window, { type: 'release', at: ctx.now }));
      }
      return { ticket: updated };
    },
  };
}

/** Tickets are issued only while the hall is open: an interval of today's hours, and not after the close. */
async function assertOpenForTickets(ops: HallOps, ctx: Ctx): Promise<void> {
  if (!ops.deps.enforceHours) return;
  const { hall, now, day } = ctx;
  const opening = openingAt(hall.hall.hours, day, now, ops.deps.calendar);
  if (!opening.open) {
    throw new CommandError(
      'HALL_CLOSED',
      opening.opensAt === null ? 'the hall is closed for today' : 'the hall is closed now',
      {
        opensAt: opening.opensAt === null ? null : shanghaiClock(opening.opensAt),
        intervals: opening.intervals.map((i) => `${i.open}–${i.close}`),
        // The first and last times of the day, for kiosks that say "from … to …".
        open: opening.intervals[0]?.open ?? null,
        close: opening.intervals.at(-1)?.close ?? null,
      },
    );
  }
  if (ctx.live.closedDay === day) {
    throw new CommandError('HALL_CLOSED', 'the hall has closed for today', { opensAt: null, intervals: [] });
  }
}

async function issue(
  ops: HallOps,
  ctx: Ctx,
  p: ParsedCommand<'ticket:issue'>,
): Promise<CommandResult<'ticket:issue'>> {
  const { hall, tx, now, day } = ctx;
  await assertOpenForTickets(ops, ctx);
  let appointment: StoredAppointment | undefined;
  if (p.appointmentCode !== undefined) {
    appointment = await tx.getAppointmentByCode(hall.id, p.appointmentCode);
    if (appointment === undefined) throw notFound('appointment', p.appointmentCode);
  } else if (p.checkIn === true && p.resident !== undefined) {
    appointment = await residentAppointment(ops, ctx, assertValidIdNumber(p.resident.idNumber));
  }
  if (appointment !== undefined) assertCheckIn(appointment, now, hall.hall.rules);
  const matterId = appointment?.matterId ?? p.matterId;
  const matter = matterId === undefined ? undefined : hall.matters.get(matterId);
  if (matter === undefined) throw notFound('matter', matterId ?? '');
  if (matter.dailyQuota !== null) {
    const issued = await tx.countTickets(hall.id, { serviceDay: day, matterId: matter.id });
    if (issued >= matter.dailyQuota) {
      throw new CommandError(
        'QUOTA_REACHED',
        `today's ${matter.dailyQuota} tickets for ${matter.name} are all taken`,
        {
          matterId: matter.id,
          quota: matter.dailyQuota,
        },
      );
    }
  }
  let resident = appointment?.resident ?? null;
  let residentIdHash = appointment?.residentIdHash ?? null;
  let greenSuggested = false;
  if (p.resident !== undefined) {
    const idNumber = assertValidIdNumber(p.resident.idNumber);
    resident = maskResident(idNumber, p.resident.name);
    residentIdHash = ops.deps.personalData.idToken(idNumber);
    await assertResidentAllowance(tx, hall, day, matter, residentIdHash);
    const birth = birthDateOf(idNumber);
    greenSuggested = p.green === undefined && birth !== null && ageOn(birth, day) >= hall.hall.rules.greenAge;
  }
  const seq = await tx.nextTicketSeq(hall.id, matter.ticketPrefix, day);
  const untold = newTicket({
    id: ops.deps.ids.uuid(),
    hallId: hall.id,
    serviceDay: day,
    prefix: matter.ticketPrefix,
    seq,
    number: formatTicketNumber(matter.ticketPrefix, seq),
    matterId: matter.id,
    priorityClass: appointment !== undefined ? 'appointment' : p.green !== undefined ? 'green' : 'normal',
    greenReason: p.green?.reason ?? null,
    issuedAt: now,
    appointmentId: appointment?.id ?? null,
    slotStart: appointment?.slotStart ?? null,
    resident,
  });
  // The position is worked out with the ticket in the queue; the wait told is kept with the ticket.
  ctx.live.putTicket(untold);
  const position = queuePosition(untold, ops.view(ctx));
  const ticket: Ticket = { ...untold, estimatedWaitMin: position.estimatedWaitMin };
  await ops.insertTicket(ctx, { ...ticket, residentIdHash, deviceId: ctx.device.deviceId });
  if (appointment !== undefined)
    await tx.updateAppointment({ ...appointment, status: 'checkedIn', ticketId: ticket.id });
  ctx.events.push({ type: 'ticket:issued', hallId: hall.id, at: now, ticket });
  const view = ops.view(ctx);
  // An idle window in auto-call mode takes the new ticket at once; narrow windows are asked first.
  for (const w of idleWindowOrder(view.windows, hall.matters)) {
    if (w.autoCall && w.state === 'open' && isEligible(w, ticket, hall.matters)) {
      const called = await ops.autoCall(ctx, w);
      if (called !== undefined) break;
    }
  }
  return { ticket, position, matterName: matter.name, greenSuggested };
}

/**
 * Today's appointment of the resident with this ID number: the booked one whose slot is nearest to
 * now, else a used or cancelled one so the resident hears why it cannot be checked in.
 */
async function residentAppointment(ops: HallOps, ctx: Ctx, idNumber: string): Promise<StoredAppointment> {
  const hash = ops.deps.personalData.idToken(idNumber);
  const from = shanghaiInstant(ctx.day, '00:00');
  const mine = (await ctx.tx.listAppointments(ctx.hall.id, from, from + 24 * 3_600_000)).filter(
    (a) => a.residentIdHash === hash,
  );
  const distance = (a: StoredAppointment) =>
    Math.max(0, a.slotStart - ctx.now, ctx.now - a.slotEnd) + (a.status === 'booked' ? 0 : 1e12);
  const best = mine.sort((a, b) => distance(a) - distance(b))[0];
  if (best === undefined) {
    throw new CommandError('NOT_FOUND', 'no appointment today for this resident', { appointment: null });
  }
  return best;
}

/** Real-name tickets are limited per resident, matter and day: numbers cannot be taken to be sold (黄牛). */
async function assertResidentAllowance(
  tx: Ctx['tx'],
  hall: HallRuntime,
  day: string,
  matter: Matter,
  residentIdHash: string,
): Promise<void> {
  const limit = hall.hall.rules.realNameTicketsPerDay;
  const taken = await tx.countTickets(hall.id, { serviceDay: day, matterId: matter.id, residentIdHash });
  if (taken >= limit) {
    throw new CommandError(
      'RESIDENT_LIMIT_REACHED',
      `this resident has taken ${taken} tickets for ${matter.name} today; the limit is ${limit}`,
      { matterId: matter.id, limit },
    );
  }
}
