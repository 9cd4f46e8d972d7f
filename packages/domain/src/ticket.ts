import { DomainError } from './errors.js';
import type { GreenReason, PriorityClass, ResidentMasked, Ticket, TicketStatus } from './model.js';

export type TicketAction =
  | { type: 'call'; at: number; windowId: string; staffId: string | null }
  | { type: 'recall'; at: number; maxRecalls: number }
  | { type: 'noShow'; at: number }
  | { type: 'start'; at: number }
  | { type: 'finish'; at: number }
  | { type: 'transfer'; at: number; to: TransferTarget; note: string | null }
  | { type: 'cancel'; at: number; reason: string }
  | { type: 'expire'; at: number; reason: string }
  /** Takes back a no-show at the window that marked it, within `withinMs` of marking it. */
  | { type: 'restore'; at: number; withinMs: number };
export type TicketActionType = TicketAction['type'];

export type TransferTarget = { matterId: string } | { windowId: string };

/** Tickets in these states wait in a queue and may be called. */
export const QUEUED_STATUSES: readonly TicketStatus[] = ['waiting', 'transferred'];
/** Tickets in these states belong to a window. */
export const AT_WINDOW_STATUSES: readonly TicketStatus[] = ['called', 'serving'];
export const TERMINAL_STATUSES: readonly TicketStatus[] = ['done', 'noShow', 'cancelled', 'expired'];

/**
 * Which actions each state allows. A transferred ticket keeps its number and queues again, so the
 * resident does not start over; it is queued like a waiting one.
 */
export const TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketActionType[]>> = {
  waiting: ['call', 'cancel', 'expire'],
  transferred: ['call', 'cancel', 'expire'],
  // Clerks often finish a quick matter without pressing start: the service then counts from the call.
  called: ['recall', 'noShow', 'start', 'finish', 'transfer', 'cancel', 'expire'],
  // A service under way survives closing time; only a day gone by expires it.
  serving: ['finish', 'transfer', 'expire'],
  done: [],
  noShow: ['restore'],
  cancelled: [],
  expired: [],
};

export const isQueued = (t: Pick<Ticket, 'status'>): boolean => QUEUED_STATUSES.includes(t.status);
export const isAtWindow = (t: Pick<Ticket, 'status'>): boolean => AT_WINDOW_STATUSES.includes(t.status);
export const isTerminal = (t: Pick<Ticket, 'status'>): boolean => TERMINAL_STATUSES.includes(t.status);

export function canApply(status: TicketStatus, action: TicketActionType): boolean {
  return TRANSITIONS[status].includes(action);
}

export interface NewTicketInput {
  id: string;
  hallId: string;
  serviceDay: string;
  prefix: string;
  seq: number;
  number: string;
  matterId: string;
  priorityClass: PriorityClass;
  greenReason: GreenReason | null;
  issuedAt: number;
  appointmentId: string | null;
  slotStart?: number | null;
  resident: ResidentMasked | null;
}

/**
 * A ticket as it is issued. Every field is written out in one fixed order: tickets built by spreading
 * their input get object shapes the engine reads up to twenty times slower, and a hall reads its whole
 * queue for every estimate.
 */
export function newTicket(input: NewTicketInput): Ticket {
  return {
    id: input.id,
    hallId: input.hallId,
    serviceDay: input.serviceDay,
    prefix: input.prefix,
    seq: input.seq,
    number: input.number,
    matterId: input.matterId,
    priorityClass: input.priorityClass,
    greenReason: input.greenReason,
    status: 'waiting',
    issuedAt: input.issuedAt,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    windowId: null,
    targetWindowId: null,
    staffId: null,
    recallCount: 0,
    transferCount: 0,
    appointmentId: input.appointmentId,
    slotStart: input.slotStart ?? null,
    resident: input.resident,
    note: null,
    endReason: null,
    estimatedWaitMin: null,
    estimateBaseMin: null,
    waitFromMin: null,
    waitToMin: null,
  };
}

/** Applies one action; illegal ones throw ILLEGAL_TRANSITION and leave the ticket as it was. */
export function applyTicketAction(ticket: Ticket, action: TicketAction): Ticket {
  if (!canApply(ticket.status, action.type)) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      `ticket ${ticket.number} is ${ticket.status}; it cannot be ${describe(action.type)}`,
      { ticketId: ticket.id, status: ticket.status, action: action.type },
    );
  }
  switch (action.type) {
    case 'call':
      return {
        ...ticket,
        status: 'called',
        calledAt: action.at,
        startedAt: null,
        windowId: action.windowId,
        staffId: action.staffId,
        recallCount: 0,
      };
    case 'recall':
      // Bounded recalls: one past the limit means the resident did not come (叫号三次未到视为过号).
      if (ticket.recallCount >= action.maxRecalls) {
        return { ...ticket, status: 'noShow', finishedAt: action.at, endReason: 'recallLimit' };
      }
      return { ...ticket, calledAt: action.at, recallCount: ticket.recallCount + 1 };
    case 'noShow':
      return { ...ticket, status: 'noShow', finishedAt: action.at, endReason: 'noShow' };
    case 'start':
      return { ...ticket, status: 'serving', startedAt: action.at };
    case 'finish':
      return {
        ...ticket,
        status: 'done',
        startedAt: ticket.startedAt ?? ticket.calledAt,
        finishedAt: action.at,
        endReason: 'done',
      };
    case 'transfer': {
      const to = action.to;
      return {
        ...ticket,
        status: 'transferred',
        matterId: 'matterId' in to ? to.matterId : ticket.matterId,
        targetWindowId: 'windowId' in to ? to.windowId : null,
        transferCount: ticket.transferCount + 1,
        recallCount: 0,
        note: action.note,
      };
    }
    case 'cancel':
      return { ...ticket, status: 'cancelled', finishedAt: action.at, endReason: action.reason };
    case 'expire':
      return { ...ticket, status: 'expired', finishedAt: action.at, endReason: action.reason };
    case 'restore':
      if (ticket.finishedAt === null || action.at - ticket.finishedAt > action.withinMs) {
        throw new DomainError(
          'UNDO_TOO_LATE',
          `the no-show of ticket ${ticket.number} can no longer be taken back`,
          { ticketId: ticket.id, markedAt: ticket.finishedAt, withinMs: action.withinMs },
        );
      }
      // Called again at the same window; the wait still counts to the first call.
      return { ...ticket, status: 'called', finishedAt: null, endReason: null };
  }
}

/**
 * What the day's longest wait to a call counts for a ticket: issue to its latest call (recalls and a
 * call after a transfer included, so the figure only grows as a ticket changes); null before any call.
 */
export function waitToCallMs(ticket: Pick<Ticket, 'issuedAt' | 'calledAt'>): number | null {
  return ticket.calledAt === null ? null : Math.max(0, ticket.calledAt - ticket.issuedAt);
}

/** Calls, recalls and every other act on a called ticket come from the window that called it. */
export function assertAtWindow(ticket: Ticket, windowId: string): void {
  if (!isAtWindow(ticket) || ticket.windowId !== windowId) {
    throw new DomainError('TICKET_NOT_AT_WINDOW', `ticket ${ticket.number} is not at window ${windowId}`, {
      ticketId: ticket.id,
      windowId,
    });
  }
}

function describe(action: TicketActionType): string {
  const words: Record<TicketActionType, string> = {
    call: 'called',
    recall: 'recalled',
    noShow: 'marked no-show',
    start: 'started',
    finish: 'finished',
    transfer: 'transferred',
    cancel: 'cancelled',
    expire: 'expired',
    restore: 'taken back from no-show',
  };
  return words[action];
}
