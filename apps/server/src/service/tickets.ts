import {
  ageOn,
  applyTicketAction,
  applyWindowAction,
  assertCheckIn,
  assertValidIdNumber,
  autoCallOnArrival,
  birthDateOf,
  callNext,
  callTicket,
  DomainError,
  endAtWindow,
  formatTicketNumber,
  type HallStep,
  type LeaveAction,
  type Matter,
  maskResident,
  newTicket,
  openingAt,
  queuePosition,
  recall,
  restoreNoShow,
  shanghaiClock,
  shanghaiInstant,
  startService,
  type Ticket,
} from '@onewindow/domain';
import type { CommandResult, ParsedCommand } from '@onewindow/protocol';
import { CommandError, notFound } from '../errors.js';
import type { HallRuntime } from '../hall-runtime.js';
import type { StoredAppointment } from '../store/types.js';
import { bookingEvent } from './booking.js';
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
    'ticket:callNext': async (ctx, p) =>
      result(await ops.apply(ctx, callNext(ops.hall(ctx), ops.window(ctx, p.windowId)))),
    'ticket:call': async (ctx, p) => {
      const window = ops.window(ctx, p.windowId);
      const ticket = await ops.ticket(ctx, p.ticketId);
      return result(await ops.apply(ctx, callTicket(ops.hall(ctx), window, ticket)));
    },
    'ticket:recall': async (ctx, p) => {
      const window = ops.window(ctx, p.windowId);
      const ticket = await ops.ticket(ctx, p.ticketId);
      return result(await ops.apply(ctx, recall(ops.hall(ctx), window, ticket)));
    },
    'ticket:noShow': (ctx, p) => leave(ops, ctx, p, { type: 'noShow' }),
    'ticket:restore': async (ctx, p) => {
      const window = ops.window(ctx, p.windowId);
      const ticket = await ops.ticket(ctx, p.ticketId);
      const withinMs = ctx.hall.hall.rules.undoNoShowMin * 60_000;
      return result(await ops.apply(ctx, restoreNoShow(ops.hall(ctx), window, ticket, withinMs)));
    },
    'ticket:start': async (ctx, p) => {
      const window = ops.window(ctx, p.windowId);
      const ticket = await ops.ticket(ctx, p.ticketId);
      return result(await ops.apply(ctx, startService(ops.hall(ctx), window, ticket)));
    },
    'ticket:finish': (ctx, p) => leave(ops, ctx, p, { type: 'finish' }),
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
      return leave(ops, ctx, p, { type: 'transfer', to, note: p.note ?? null });
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
  const ticket: Ticket = {
    ...untold,
    estimatedWaitMin: position.estimatedWaitMin,
    estimateBaseMin: position.baseWaitMin ?? null,
    waitFromMin: position.range?.fromMin ?? null,
    waitToMin: position.range?.toMin ?? null,
  };
  await ops.insertTicket(ctx, { ...ticket, residentIdHash, deviceId: ctx.device.deviceId });
  if (appointment !== undefined) {
    await tx.updateAppointment({ ...appointment, status: 'checkedIn', ticketId: ticket.id });
    await ops.deps.deliveries?.enqueue(tx, hall.id, 'booking.checkedIn', appointment.id, {
      ...bookingEvent(appointment),
      ticketId: ticket.id,
    });
  }
  ctx.events.push({ type: 'ticket:issued', hallId: hall.id, at: now, ticket });
  // An idle window in auto-call mode takes the new ticket at once; narrow windows are asked first.
  const called = autoCallOnArrival(ops.hall(ctx), ticket);
  if (called !== undefined) await ops.apply(ctx, called);
  return { ticket, position, matterName: matter.name, greenSuggested };
}

/** A command's answer from a hall step: the ticket, the window after it, and what it called next. */
function result(step: HallStep): CommandResult<'ticket:finish'> {
  return { ticket: step.ticket, window: step.window, next: step.next };
}

/** 办结, 过号, 转办: the ticket leaves the window, which calls its next one in auto-call mode. */
async function leave(
  ops: HallOps,
  ctx: Ctx,
  p: { windowId: string; ticketId: string },
  action: LeaveAction,
): Promise<CommandResult<'ticket:finish'>> {
  const window = ops.window(ctx, p.windowId);
  const ticket = await ops.ticket(ctx, p.ticketId);
  return result(await ops.apply(ctx, endAtWindow(ops.hall(ctx), window, ticket, action)));
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
