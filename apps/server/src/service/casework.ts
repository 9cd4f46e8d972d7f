import {
  addWorkingDays,
  DomainError,
  type Evaluation,
  isWorkingDay,
  maskName,
  type Notice,
  RECTIFY_AT_OR_BELOW,
  type Rectification,
  type UnresolvedCase,
} from '@onewindow/domain';
import { CommandError } from '../errors.js';
import { reportRating } from '../integrations/hall-events.js';
import { maskPhone } from '../privacy.js';
import type { Handlers } from './handlers.js';
import type { HallOps } from './ops.js';

/**
 * The resident's phone rates as the visit's own pad would, under this device id and the ticket's: an
 * enrolled device's id starts with a letter or digit, so none can pass for a phone.
 */
export const PHONE_DEVICE_PREFIX = '~phone:';

type CaseworkCommands = 'notice:issue' | 'unresolved:record' | 'evaluation:submit' | 'hall:broadcast';

/** What a visit leaves behind: one-time notices, 办不成事 cases, ratings and their rectifications. */
export function caseworkHandlers(ops: HallOps): Pick<Handlers, CaseworkCommands> {
  return {
    'notice:issue': async (ctx, p) => {
      const window = ops.window(ctx, p.windowId);
      const ticket = await ops.ticket(ctx, p.ticketId);
      if (ticket.windowId !== window.id) {
        throw new DomainError(
          'TICKET_NOT_AT_WINDOW',
          `ticket ${ticket.number} was not served at this window`,
          {
            ticketId: ticket.id,
            windowId: window.id,
          },
        );
      }
      const clerk = window.staffId === null ? undefined : ctx.hall.staff.find((s) => s.id === window.staffId);
      const notice: Notice = {
        id: ops.deps.ids.uuid(),
        hallId: ctx.hall.id,
        ticketId: ticket.id,
        ticketNumber: ticket.number,
        matterId: ticket.matterId,
        matterName: ctx.hall.matters.get(ticket.matterId)?.name ?? ticket.matterId,
        windowId: window.id,
        // As residents know it: the number is what they will look for next time.
        windowName: `${window.number}号窗口 ${window.name}`,
        staffId: window.staffId,
        staffName: clerk?.name ?? null,
        staffNo: clerk?.staffNo ?? null,
        missing: p.missing,
        note: p.note ?? null,
        at: ctx.now,
      };
      await ctx.tx.insertCase('notice', notice);
      return { notice };
    },
    'unresolved:record': async (ctx, p) => {
      const window = ops.window(ctx, p.windowId);
      const ticket = p.ticketId === undefined ? undefined : await ops.ticket(ctx, p.ticketId);
      if (ticket !== undefined && ticket.windowId !== window.id) {
        throw new CommandError('FORBIDDEN', `ticket ${ticket.number} was not served at this window`, {
          ticketId: ticket.id,
          windowId: window.id,
        });
      }
      const hasContact = p.contactName !== undefined || p.contactPhone !== undefined;
      const record: UnresolvedCase = {
        id: ops.deps.ids.uuid(),
        hallId: ctx.hall.id,
        ticketId: ticket?.id ?? null,
        ticketNumber: ticket?.number ?? null,
        matterId: ticket?.matterId ?? null,
        windowId: window.id,
        staffId: window.staffId,
        request: p.request,
        reason: p.reason,
        // Masked in the record, its events and replies; whole only sealed, for staff who follow it up.
        contactName: p.contactName === undefined ? null : maskName(p.contactName),
        contactPhone: p.contactPhone === undefined ? null : maskPhone(p.contactPhone),
        contactSealed: hasContact
          ? ops.deps.personalData.seal(
              JSON.stringify({ name: p.contactName ?? null, phone: p.contactPhone ?? null }),
            )
          : null,
        status: 'open',
        at: ctx.now,
        assignee: null,
        steps: [],
        outcome: null,
        notifications: [],
        closedAt: null,
        forwardedFrom: null,
        history: [],
      };
      await ctx.tx.insertCase('unresolved', record);
      return { case: record };
    },
    'evaluation:submit': async (ctx, p) => {
      const ticket = await ops.ticket(ctx, p.ticketId);
      if (ticket.status !== 'done') {
        throw new CommandError(
          'NOT_EVALUABLE',
          `ticket ${ticket.number} is ${ticket.status}; only finished visits are rated`,
        );
      }
      if (ctx.device.role === 'pad' && ticket.windowId !== ctx.device.windowId) {
        throw new CommandError('FORBIDDEN', 'a rating pad rates only the visits of its own window', {
          ticketId: ticket.id,
        });
      }
      // A kiosk rates only visits of tickets it issued: it cannot be used to rate clerks at will.
      if (
        ctx.device.role === 'kiosk' &&
        (await ctx.tx.getTicket(ticket.id))?.deviceId !== ctx.device.deviceId
      ) {
        throw new CommandError('FORBIDDEN', 'a kiosk rates only the visits of tickets it issued', {
          ticketId: ticket.id,
        });
      }
      if ((await ctx.tx.getEvaluationByTicket(ticket.id)) !== undefined) {
        throw new CommandError(
          'ALREADY_EVALUATED',
          `the visit of ticket ${ticket.number} has already been rated`,
        );
      }
      const evaluation: Evaluation = {
        id: ops.deps.ids.uuid(),
        hallId: ctx.hall.id,
        ticketId: ticket.id,
        windowId: ticket.windowId,
        staffId: ticket.staffId,
        matterId: ticket.matterId,
        level: p.level,
        reasons: p.reasons,
        comment: p.comment ?? null,
        channel:
          ctx.device.role === 'kiosk'
            ? 'kiosk'
            : ctx.device.deviceId.startsWith(PHONE_DEVICE_PREFIX)
              ? 'mobile'
              : 'pad',
        at: ctx.now,
      };
      await ctx.tx.insertEvaluation(evaluation);
      let rectification: Rectification | null = null;
      if (evaluation.level <= RECTIFY_AT_OR_BELOW) {
        const days = ctx.hall.hall.rules.rectificationDays;
        rectification = {
          id: ops.deps.ids.uuid(),
          hallId: ctx.hall.id,
          evaluationId: evaluation.id,
          ticketId: ticket.id,
          ticketNumber: ticket.number,
          windowId: ticket.windowId,
          staffId: ticket.staffId,
          matterId: ticket.matterId,
          level: evaluation.level,
          reasons: evaluation.reasons,
          comment: evaluation.comment,
          openedDay: ctx.day,
          workingDays: days,
          deadlineDay: addWorkingDays(ctx.day, days, isWorkingDay(ops.deps.calendar)),
          status: 'open',
          at: ctx.now,
          assignee: null,
          cause: null,
          measures: null,
          returnVisits: [],
          reopened: 0,
          closedAt: null,
          history: [{ at: ctx.now, action: 'opened', by: null, note: null }],
        };
        await ctx.tx.insertCase('rectification', rectification);
      }
      // 好差评 upward and to subscribers: queued with the rating, in its transaction.
      if (ops.deps.deliveries !== undefined)
        await reportRating(ops.deps.deliveries, ctx.tx, ctx.hall, evaluation, ticket, null);
      return { evaluation, rectification };
    },
    'hall:broadcast': async (ctx, p) => {
      const broadcast =
        p.text === '' ? null : { text: p.text, at: ctx.now, until: ctx.now + p.minutes * 60_000 };
      await ctx.tx.setBroadcast(ctx.hall.id, broadcast);
      ctx.live.setBroadcast(broadcast);
      ctx.events.push({ type: 'hall:broadcast', hallId: ctx.hall.id, at: ctx.now, broadcast });
      return { broadcast };
    },
  };
}
