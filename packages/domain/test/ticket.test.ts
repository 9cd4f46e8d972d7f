import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyTicketAction,
  assertAtWindow,
  DomainError,
  TERMINAL_STATUSES,
  type Ticket,
  type TicketAction,
  type TicketActionType,
  TicketStatus,
  TRANSITIONS,
} from '../src/index.js';
import { T0, ticket } from './fixtures.js';

const ACTIONS: Record<TicketActionType, TicketAction> = {
  call: { type: 'call', at: T0 + 1, windowId: 'w1', staffId: 's1' },
  recall: { type: 'recall', at: T0 + 2, maxRecalls: 2 },
  noShow: { type: 'noShow', at: T0 + 3 },
  start: { type: 'start', at: T0 + 4 },
  finish: { type: 'finish', at: T0 + 5 },
  transfer: { type: 'transfer', at: T0 + 6, to: { matterId: 'm2' }, note: 'needs tax window' },
  cancel: { type: 'cancel', at: T0 + 7, reason: 'resident left' },
  expire: { type: 'expire', at: T0 + 8, reason: 'dayClosed' },
  restore: { type: 'restore', at: T0 + 9, withinMs: 60_000 },
};

const LEGAL: Record<TicketStatus, TicketActionType[]> = {
  waiting: ['call', 'cancel', 'expire'],
  transferred: ['call', 'cancel', 'expire'],
  called: ['recall', 'noShow', 'start', 'finish', 'transfer', 'cancel', 'expire'],
  serving: ['finish', 'transfer', 'expire'],
  done: [],
  noShow: ['restore'],
  cancelled: [],
  expired: [],
};

const inStatus = (status: TicketStatus): Ticket =>
  ticket('m1', T0, 'normal', {
    status,
    windowId: 'w1',
    ...(TERMINAL_STATUSES.includes(status) ? { finishedAt: T0 } : {}),
  });

describe('taking back a no-show', () => {
  it('calls the ticket again within the undo period, keeping its first call, and refuses after it', () => {
    const noShow = { ...inStatus('noShow'), calledAt: T0 - 60_000, endReason: 'noShow' };
    expect(applyTicketAction(noShow, { type: 'restore', at: T0 + 60_000, withinMs: 60_000 })).toMatchObject({
      status: 'called',
      calledAt: T0 - 60_000,
      finishedAt: null,
      endReason: null,
    });
    expect(() =>
      applyTicketAction(noShow, { type: 'restore', at: T0 + 60_001, withinMs: 60_000 }),
    ).toThrowError(expect.objectContaining({ code: 'UNDO_TOO_LATE' }));
  });
});

describe('ticket state machine', () => {
  it('allows exactly the documented transitions', () => {
    expect(TRANSITIONS).toEqual(LEGAL);
  });

  for (const status of TicketStatus.options) {
    for (const action of Object.keys(ACTIONS) as TicketActionType[]) {
      const legal = LEGAL[status].includes(action);
      it(`${status} --${action}--> ${legal ? 'allowed' : 'ILLEGAL_TRANSITION'}`, () => {
        const before = inStatus(status);
        const frozen = structuredClone(before);
        if (legal) {
          const after = applyTicketAction(before, ACTIONS[action]);
          expect(after.id).toBe(before.id);
          expect(after.number).toBe(before.number);
        } else {
          expect(() => applyTicketAction(before, ACTIONS[action])).toThrowError(
            expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }),
          );
        }
        expect(before).toEqual(frozen); // pure: the input is never mutated
      });
    }
  }

  it('walks the happy path waiting → called → serving → done with timestamps', () => {
    let t = ticket('m1', T0);
    t = applyTicketAction(t, ACTIONS.call);
    expect(t).toMatchObject({ status: 'called', calledAt: T0 + 1, windowId: 'w1', staffId: 's1' });
    t = applyTicketAction(t, ACTIONS.start);
    expect(t).toMatchObject({ status: 'serving', startedAt: T0 + 4 });
    t = applyTicketAction(t, ACTIONS.finish);
    expect(t).toMatchObject({ status: 'done', finishedAt: T0 + 5, endReason: 'done' });
  });

  it('finishes a quick matter straight from the call, counting the service from the call', () => {
    const called = applyTicketAction(ticket('m1', T0), ACTIONS.call);
    expect(applyTicketAction(called, ACTIONS.finish)).toMatchObject({
      status: 'done',
      startedAt: T0 + 1,
      finishedAt: T0 + 5,
    });
  });

  it('bounds recalls: after maxRecalls the next recall marks a no-show', () => {
    let t = applyTicketAction(ticket('m1', T0), ACTIONS.call);
    t = applyTicketAction(t, { type: 'recall', at: T0 + 10, maxRecalls: 2 });
    t = applyTicketAction(t, { type: 'recall', at: T0 + 20, maxRecalls: 2 });
    expect(t).toMatchObject({ status: 'called', recallCount: 2, calledAt: T0 + 20 });
    t = applyTicketAction(t, { type: 'recall', at: T0 + 30, maxRecalls: 2 });
    expect(t).toMatchObject({ status: 'noShow', endReason: 'recallLimit', finishedAt: T0 + 30 });
  });

  it('keeps the number on transfer and queues the ticket for the new matter or window', () => {
    const called = applyTicketAction(ticket('m1', T0), ACTIONS.call);
    const toMatter = applyTicketAction(called, ACTIONS.transfer);
    expect(toMatter).toMatchObject({
      status: 'transferred',
      matterId: 'm2',
      targetWindowId: null,
      transferCount: 1,
    });
    expect(toMatter.number).toBe(called.number);
    const toWindow = applyTicketAction(called, {
      type: 'transfer',
      at: T0,
      to: { windowId: 'w9' },
      note: null,
    });
    expect(toWindow).toMatchObject({ status: 'transferred', matterId: 'm1', targetWindowId: 'w9' });
    expect(applyTicketAction(toWindow, ACTIONS.call).status).toBe('called');
  });

  it('refuses acts on a ticket from a window that did not call it', () => {
    const called = applyTicketAction(ticket('m1', T0), ACTIONS.call);
    expect(() => assertAtWindow(called, 'w1')).not.toThrow();
    expect(() => assertAtWindow(called, 'w2')).toThrowError(
      expect.objectContaining({ code: 'TICKET_NOT_AT_WINDOW' }),
    );
    expect(() => assertAtWindow(ticket('m1', T0), 'w1')).toThrowError(DomainError);
  });

  it('never leaves a terminal state (but for taking back a no-show) and never invents a status (property)', () => {
    const actionArb = fc.constantFrom(...(Object.keys(ACTIONS) as TicketActionType[]));
    fc.assert(
      fc.property(fc.array(actionArb, { maxLength: 30 }), (seq) => {
        let t = ticket('m1', T0);
        for (const a of seq) {
          const wasTerminal = TERMINAL_STATUSES.includes(t.status);
          try {
            const next = applyTicketAction(t, ACTIONS[a]);
            expect(wasTerminal && !(t.status === 'noShow' && a === 'restore')).toBe(false);
            expect(LEGAL[t.status]).toContain(a);
            t = next;
          } catch (e) {
            expect(e).toBeInstanceOf(DomainError);
            expect(LEGAL[t.status]).not.toContain(a);
          }
          expect(TicketStatus.options).toContain(t.status);
          expect(t.recallCount).toBeLessThanOrEqual(2);
        }
      }),
    );
  });
});
