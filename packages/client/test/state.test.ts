import { HallRules, weekdayHours } from '@onewindow/domain';
import type { HallEvent, HallSnapshot } from '@onewindow/protocol';
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  applySnapshot,
  classifyEvent,
  initialState,
  queuedTickets,
  selectTotalWaiting,
} from '../src/index.js';

const ticket = (
  id: string,
  status: 'waiting' | 'done',
  issuedAt: number,
  finishedAt: number | null = null,
) => ({
  id,
  hallId: 'h1',
  serviceDay: '2026-11-23',
  prefix: 'A',
  seq: issuedAt,
  number: `A${String(issuedAt).padStart(3, '0')}`,
  matterId: 'm1',
  priorityClass: 'normal' as const,
  greenReason: null,
  status,
  issuedAt,
  calledAt: null,
  startedAt: null,
  finishedAt,
  windowId: null,
  targetWindowId: null,
  staffId: null,
  recallCount: 0,
  transferCount: 0,
  appointmentId: null,
  slotStart: null,
  resident: null,
  note: null,
  endReason: null,
  estimatedWaitMin: null,
  estimateBaseMin: null,
  waitFromMin: null,
  waitToMin: null,
});

const snapshot = (seq: number): HallSnapshot => ({
  hallId: 'h1',
  seq,
  at: 0,
  serviceDay: '2026-11-23',
  hall: {
    id: 'h1',
    name: 'Hall',
    level: 'county',
    hours: weekdayHours('08:30', '17:30'),
    rules: HallRules.parse({}),
  },
  categories: [],
  matters: [],
  windows: [],
  staff: [{ id: 's1', name: '王丽', staffNo: 'QS0001' }],
  cover: [{ id: 's1', windowIds: ['w1'], backupOf: [] }],
  dispatch: { handleMin: {}, longestWaitMs: 0 },
  tickets: [ticket('t1', 'waiting', 1)],
  recentCalls: [],
  stats: { at: 0, totalWaiting: 1, windowsOpen: 0, longestWaitMin: 0, matters: [] },
  you: { deviceId: 'd', hallId: 'h1', role: 'display', windowId: null },
  configVersion: 1,
  broadcast: null,
  openToday: [{ open: '08:30', close: '17:30' }],
});

const issued = (seq: number, id: string): HallEvent => ({
  type: 'ticket:issued',
  hallId: 'h1',
  seq,
  at: 0,
  ticket: ticket(id, 'waiting', seq),
});

describe('client state', () => {
  it('ignores events until the first snapshot', () => {
    expect(classifyEvent(initialState(), issued(1, 'x'))).toBe('unsynced');
  });

  it('applies the next event, drops stale ones and flags gaps', () => {
    const s = applySnapshot(initialState(), snapshot(5));
    expect(classifyEvent(s, issued(5, 'old'))).toBe('stale');
    expect(classifyEvent(s, issued(7, 'later'))).toBe('gap');
    expect(classifyEvent(s, issued(6, 't2'))).toBe('applied');
    const next = applyEvent(s, issued(6, 't2'));
    expect(next.seq).toBe(6);
    expect(queuedTickets(next).map((t) => t.id)).toEqual(['t1', 't2']);
    expect(selectTotalWaiting(next)).toBe(1); // stats come from the server, not computed here
  });

  it('records calls newest first and keeps the last ten', () => {
    let s = applySnapshot(initialState(), snapshot(0));
    for (let i = 1; i <= 12; i++) {
      s = applyEvent(s, {
        type: 'ticket:called',
        hallId: 'h1',
        seq: i,
        at: i,
        ticket: ticket(`c${i}`, 'waiting', i),
        call: { ticketId: `c${i}`, number: `A${i}`, windowId: 'w1', windowNumber: '1', at: i, recall: false },
      });
    }
    expect(s.recentCalls).toHaveLength(10);
    expect(s.lastCall?.number).toBe('A12');
    expect(s.recentCalls[9]?.number).toBe('A3');
  });

  it('keeps at most fifty finished tickets so a screen running all day stays small', () => {
    let s = applySnapshot(initialState(), snapshot(0));
    for (let i = 1; i <= 80; i++) {
      s = applyEvent(s, {
        type: 'ticket:updated',
        hallId: 'h1',
        seq: i,
        at: i,
        change: 'finished',
        ticket: ticket(`f${i}`, 'done', i, i),
      });
    }
    const finished = Object.values(s.tickets).filter((t) => t.status === 'done');
    expect(finished).toHaveLength(50);
    expect(s.tickets.f80).toBeDefined();
    expect(s.tickets.f30).toBeUndefined();
    expect(s.tickets.t1).toBeDefined();
  });

  it('keeps what dispatch weighs current: handle times of finished visits, the longest wait to a call', () => {
    let s = applySnapshot(initialState(), snapshot(0));
    expect(s.dispatch).toEqual({ handleMin: {}, longestWaitMs: 0 });
    s = applyEvent(s, {
      type: 'ticket:updated',
      hallId: 'h1',
      seq: 1,
      at: 1,
      change: 'finished',
      ticket: ticket('f1', 'done', 1, 2),
      handleMin: 7.5,
    });
    expect(s.dispatch?.handleMin).toEqual({ m1: 7.5 });
    const called = { ...ticket('c1', 'waiting', 1_000), status: 'called' as const, calledAt: 61_000 };
    const call = {
      ticketId: 'c1',
      number: called.number,
      windowId: 'w1',
      windowNumber: '1',
      at: 61_000,
      recall: false,
    };
    s = applyEvent(s, { type: 'ticket:called', hallId: 'h1', seq: 2, at: 61_000, ticket: called, call });
    expect(s.dispatch?.longestWaitMs).toBe(60_000);
    // A shorter wait leaves the record as it is.
    const quick = { ...ticket('c2', 'waiting', 60_000), status: 'called' as const, calledAt: 61_000 };
    s = applyEvent(s, { type: 'ticket:called', hallId: 'h1', seq: 3, at: 61_000, ticket: quick, call });
    expect(s.dispatch?.longestWaitMs).toBe(60_000);
  });
});
