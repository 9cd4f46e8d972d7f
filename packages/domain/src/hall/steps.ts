import { idleWindowOrder } from '../balance.js';
import { isEligible } from '../dispatch.js';
import { DomainError } from '../errors.js';
import type { Ticket, Window } from '../model.js';
import { applyTicketAction, assertAtWindow, isQueued } from '../ticket.js';
import { applyWindowAction, assertCanCall } from '../window.js';
import { pickNext } from './queue.js';
import {
  effectiveWindow,
  effectiveWindows,
  type HallEffect,
  type HallState,
  type HallStep,
} from './state.js';

/**
 * A hall's steps at a window, each from the hall as it stands to the changes it makes. The window
 * passed in is the stored one (its own skills); decisions read the AB岗-widened windows, changes apply
 * to the stored window, so cover never leaks into a window's saved skills.
 */

/** 叫号: the window calls the ticket the dispatch rule picks for it. */
export function callNext(hall: HallState, window: Window): HallStep {
  assertCanCall(window); // a busy or closed window hears that, not "queue empty"
  const next = pickNext(hall, window);
  if (next === undefined) {
    throw new DomainError('QUEUE_EMPTY', `no ticket is waiting that window ${window.number} can serve`, {
      windowId: window.id,
    });
  }
  return call(hall, window, next);
}

/** A clerk picks a ticket from the list: any queued ticket the window may serve right now. */
export function callTicket(hall: HallState, window: Window, ticket: Ticket): HallStep {
  const skills = effectiveWindow(hall, window.id) ?? window;
  if (isQueued(ticket) && !isEligible(skills, ticket, hall.matters)) {
    throw new DomainError('NOT_ELIGIBLE', `window ${window.number} does not serve ticket ${ticket.number}`, {
      ticketId: ticket.id,
      windowId: window.id,
    });
  }
  return call(hall, window, ticket);
}

/** 重呼: the ticket is called again; past the hall's recalls it is a no-show and the window moves on. */
export function recall(hall: HallState, window: Window, ticket: Ticket): HallStep {
  assertAtWindow(ticket, window.id);
  const updated = applyTicketAction(ticket, { type: 'recall', at: hall.now, maxRecalls: hall.maxRecalls });
  if (updated.status === 'noShow')
    return leave(hall, window, updated, 'noShow', [{ kind: 'ticket', ticket: updated }]);
  return staying(updated, window, { kind: 'called', ticket: updated, window, recall: true });
}

/** The resident arrived at the window: service starts. */
export function startService(hall: HallState, window: Window, ticket: Ticket): HallStep {
  assertAtWindow(ticket, window.id);
  const updated = applyTicketAction(ticket, { type: 'start', at: hall.now });
  return staying(updated, window, { kind: 'changed', ticket: updated, change: 'started' });
}

export type LeaveAction =
  | { type: 'finish' }
  | { type: 'noShow' }
  | { type: 'transfer'; to: { matterId: string } | { windowId: string }; note: string | null };

/**
 * The ticket leaves the window (办结, 过号, 转办); the window is free, and in auto-call mode it calls its
 * next ticket. A ticket transferred away queues again but is not called straight back by this window.
 */
export function endAtWindow(hall: HallState, window: Window, ticket: Ticket, action: LeaveAction): HallStep {
  assertAtWindow(ticket, window.id);
  const at = hall.now;
  const updated = applyTicketAction(
    ticket,
    action.type === 'transfer'
      ? { type: 'transfer', at, to: action.to, note: action.note }
      : { type: action.type, at },
  );
  const change = action.type === 'finish' ? 'finished' : action.type === 'noShow' ? 'noShow' : 'transferred';
  return leave(hall, window, updated, change, [{ kind: 'ticket', ticket: updated }]);
}

/** A no-show taken back at the window that marked it: the resident arrived just after. */
export function restoreNoShow(hall: HallState, window: Window, ticket: Ticket, withinMs: number): HallStep {
  if (ticket.windowId !== window.id) {
    throw new DomainError('TICKET_NOT_AT_WINDOW', `ticket ${ticket.number} was not called at this window`, {
      ticketId: ticket.id,
      windowId: window.id,
    });
  }
  const restored = applyTicketAction(ticket, { type: 'restore', at: hall.now, withinMs });
  const taken = applyWindowAction(window, { type: 'take', at: hall.now, ticketId: ticket.id });
  return taking(restored, taken, { kind: 'changed', ticket: restored, change: 'restored' });
}

/** A window in auto-call mode that is open and free calls its next ticket; undefined when it calls none. */
export function autoCall(hall: HallState, window: Window): HallStep | undefined {
  if (!window.autoCall || window.state !== 'open' || window.currentTicketId !== null) return undefined;
  const next = pickNext(hall, window);
  return next === undefined ? undefined : call(hall, window, next);
}

/**
 * A new ticket in the queue (the caller has added it): the first idle auto-call window that may serve
 * it calls its next ticket — narrow windows are asked first, so broad ones stay free for what only they
 * can serve. Undefined when no window called.
 */
export function autoCallOnArrival(hall: HallState, ticket: Ticket): HallStep | undefined {
  const effective = effectiveWindows(hall);
  const stored = new Map(hall.windows.map((w) => [w.id, w]));
  const order = hall.offerNarrowFirst === false ? effective : idleWindowOrder(effective, hall.matters);
  for (const w of order) {
    if (!w.autoCall || w.state !== 'open' || !isEligible(w, ticket, hall.matters)) continue;
    const step = autoCall(hall, stored.get(w.id) ?? w);
    if (step !== undefined) return step;
  }
  return undefined;
}

function call(hall: HallState, window: Window, ticket: Ticket): HallStep {
  const taken = applyWindowAction(window, { type: 'take', at: hall.now, ticketId: ticket.id });
  const called = applyTicketAction(ticket, {
    type: 'call',
    at: hall.now,
    windowId: window.id,
    staffId: window.staffId,
  });
  return taking(called, taken, { kind: 'called', ticket: called, window: taken, recall: false });
}

/** The ticket changes and stays at the window: it is saved, then screens hear of it. */
function staying(ticket: Ticket, window: Window, heard: HallEffect): HallStep {
  return { ticket, window, next: null, effects: [{ kind: 'ticket', ticket }, heard] };
}

/** A window takes a ticket: both saved, then what screens hear of it. */
function taking(ticket: Ticket, window: Window, heard: HallEffect): HallStep {
  return {
    ticket,
    window,
    next: null,
    effects: [{ kind: 'ticket', ticket }, { kind: 'window', window }, heard],
  };
}

function leave(
  hall: HallState,
  window: Window,
  ticket: Ticket,
  change: 'finished' | 'noShow' | 'transferred',
  before: HallEffect[],
): HallStep {
  const released = applyWindowAction(window, { type: 'release', at: hall.now });
  const effects: HallEffect[] = [
    ...before,
    { kind: 'changed', ticket, change },
    { kind: 'window', window: released },
  ];
  const next = autoCall(withWindow(hall, released), released);
  return {
    ticket,
    window: next?.window ?? released,
    next: next?.ticket ?? null,
    effects: next === undefined ? effects : [...effects, ...next.effects],
  };
}

/** The hall with one window's new state (the queue is unchanged). */
function withWindow(hall: HallState, window: Window): HallState {
  return { ...hall, windows: hall.windows.map((w) => (w.id === window.id ? window : w)) };
}
