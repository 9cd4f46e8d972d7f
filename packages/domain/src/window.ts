import { DomainError } from './errors.js';
import type { PauseReason, Staff, Window, WindowDef } from './model.js';

export type WindowAction =
  | { type: 'open'; at: number; staffId: string | null }
  | { type: 'pause'; at: number; reason: PauseReason }
  | { type: 'resume'; at: number }
  | { type: 'close'; at: number }
  | { type: 'take'; at: number; ticketId: string }
  | { type: 'release'; at: number }
  | { type: 'setAutoCall'; at: number; autoCall: boolean };

export function initialWindow(def: WindowDef, hallId: string, at: number): Window {
  return {
    ...def,
    hallId,
    state: 'closed',
    staffId: null,
    currentTicketId: null,
    pauseReason: null,
    autoCall: false,
    updatedAt: at,
    adjustedDay: null,
  };
}

/** Windows that take tickets from the queue right now. */
export const isCalling = (w: Pick<Window, 'state'>): boolean => w.state === 'open' || w.state === 'serving';

export function applyWindowAction(window: Window, action: WindowAction): Window {
  const at = action.at;
  switch (action.type) {
    case 'open':
      if (window.state !== 'closed') {
        throw new DomainError('WINDOW_ALREADY_OPEN', `window ${window.number} is already open`, {
          windowId: window.id,
        });
      }
      return { ...window, state: 'open', staffId: action.staffId, pauseReason: null, updatedAt: at };
    case 'pause':
      requireIdle(window, 'paused');
      if (window.state !== 'open') throw notOpen(window);
      return { ...window, state: 'paused', pauseReason: action.reason, updatedAt: at };
    case 'resume':
      if (window.state !== 'paused') {
        throw new DomainError('WINDOW_NOT_OPEN', `window ${window.number} is not paused`, {
          windowId: window.id,
        });
      }
      return { ...window, state: 'open', pauseReason: null, updatedAt: at };
    case 'close':
      if (window.state === 'closed') throw notOpen(window);
      requireIdle(window, 'closed');
      return { ...window, state: 'closed', staffId: null, pauseReason: null, autoCall: false, updatedAt: at };
    case 'take':
      assertCanCall(window);
      return { ...window, state: 'serving', currentTicketId: action.ticketId, updatedAt: at };
    case 'release':
      return {
        ...window,
        state: window.state === 'serving' ? 'open' : window.state,
        currentTicketId: null,
        updatedAt: at,
      };
    case 'setAutoCall':
      return { ...window, autoCall: action.autoCall, updatedAt: at };
  }
}

/** A window calls only while open and free of a ticket. */
export function assertCanCall(window: Window): void {
  if (window.state === 'closed' || window.state === 'paused') throw notOpen(window);
  requireIdle(window, 'given another ticket');
}

function requireIdle(window: Window, what: string): void {
  if (window.currentTicketId !== null) {
    throw new DomainError(
      'WINDOW_BUSY',
      `window ${window.number} still has a ticket; finish, transfer or mark it no-show before it is ${what}`,
      { windowId: window.id, ticketId: window.currentTicketId },
    );
  }
}

function notOpen(window: Window): DomainError {
  return new DomainError('WINDOW_NOT_OPEN', `window ${window.number} is ${window.state}`, {
    windowId: window.id,
    state: window.state,
  });
}

/**
 * AB岗: a person may work at their own windows and, as backup (B岗), at the windows of the people
 * they back up.
 */
export function staffMayWorkAt(staff: Staff, windowId: string, allStaff: readonly Staff[]): boolean {
  if (staff.windowIds.includes(windowId)) return true;
  return allStaff.some((a) => staff.backupOf.includes(a.id) && a.windowIds.includes(windowId));
}

/**
 * What the small screen above a window (窗口屏) shows: the window number and its current ticket, or that
 * it takes none. Residents read it, so a pause never names its internal reason. The same text goes to
 * LED screens and to the window-screen page.
 */
export function windowScreenText(
  window: Pick<Window, 'number' | 'state'>,
  ticketNumber: string | null,
): string {
  const head = `${window.number}号窗口`;
  if (window.state === 'closed' || window.state === 'paused') return `${head} 暂停服务`;
  if (ticketNumber !== null) return `${head} 请${ticketNumber}号`;
  return `${head} 欢迎办理`;
}
