import {
  emptyGuide,
  HallRules,
  initialWindow,
  type Matter,
  newTicket,
  onewindowPolicy,
  pickNext,
  QueueIndex,
  servicesUnderWay,
  type Ticket,
  type Window,
  weekdayHours,
} from '@onewindow/domain';
import { describe, expect, it } from 'vitest';
import { callableTickets, type HallClientState, initialState } from '../src/index.js';

const MIN = 60_000;
const T0 = Date.parse('2026-11-23T09:00:00+08:00');

const ticket = (id: string, matterId: string, issuedAt: number, extra: Partial<Ticket> = {}): Ticket => ({
  ...newTicket({
    id,
    hallId: 'h1',
    serviceDay: '2026-11-23',
    prefix: 'A',
    seq: 1,
    number: id.toUpperCase(),
    matterId,
    priorityClass: 'normal',
    greenReason: null,
    issuedAt,
    appointmentId: null,
    resident: null,
  }),
  ...extra,
});

const window = (id: string, categories: string[] | 'all', current: Ticket | null): Window => ({
  ...initialWindow(
    {
      id,
      number: id,
      name: id,
      type: 'universal',
      primary: categories === 'all' ? { all: true } : { categories },
      secondary: {},
    },
    'h1',
    T0,
  ),
  state: current === null ? 'open' : 'serving',
  currentTicketId: current?.id ?? null,
});

const matter = (id: string, categoryId: string) => ({
  id,
  code: id,
  name: id,
  categoryId,
  kind: 'instant' as const,
  ticketPrefix: 'A',
  targetWaitMin: 20,
});

describe('the window client’s list of calls', () => {
  it('weighs the visits under way at the other windows as the server does: first listed is what 叫号 calls', () => {
    const now = T0 + 5 * MIN;
    // The social window's visit is nearly over; the tax window's has just begun.
    const atSocial = ticket('x1', 'soc', T0 - 20 * MIN, {
      status: 'serving',
      calledAt: now - 9 * MIN,
      startedAt: now - 9 * MIN,
    });
    const atTax = ticket('x2', 'tax', T0 - 20 * MIN, { status: 'serving', calledAt: now, startedAt: now });
    const soc = ticket('q1', 'soc', T0);
    const tax = ticket('q2', 'tax', T0 + MIN);
    const windows = [
      window('u', 'all', null),
      window('s', ['social'], atSocial),
      window('t', ['tax'], atTax),
    ];
    const state: HallClientState = {
      ...initialState(),
      synced: true,
      hall: {
        id: 'h1',
        name: 'Hall',
        level: 'county',
        hours: weekdayHours('08:30', '17:30'),
        rules: HallRules.parse({}),
      },
      matters: [matter('soc', 'social'), matter('tax', 'tax')],
      tickets: Object.fromEntries([atSocial, atTax, soc, tax].map((t) => [t.id, t])),
      windows: Object.fromEntries(windows.map((w) => [w.id, w])),
      dispatch: { handleMin: { soc: 10, tax: 10 }, longestWaitMs: 0 },
    };
    const listed = callableTickets(state, 'u', now).map((t) => t.id);
    // The tax ticket goes first although the social one came first: its resident would wait ten minutes
    // for the tax window, the social one a minute or two for theirs.
    expect(listed).toEqual(['q2', 'q1']);
    // The same hall as the server's steps read it calls the same ticket.
    const matters = new Map<string, Matter>(
      state.matters.map((m) => [
        m.id,
        { ...m, department: '', promisedDays: null, avgHandleMin: 10, dailyQuota: null, guide: emptyGuide() },
      ]),
    );
    const served = pickNext(
      {
        windows,
        staff: [],
        matters,
        queue: new QueueIndex([soc, tax]),
        policy: onewindowPolicy,
        handleMin: new Map([
          ['soc', 10],
          ['tax', 10],
        ]),
        longestWaitMs: 0,
        inService: servicesUnderWay(windows, (id) => state.tickets[id], now),
        maxRecalls: 2,
        now,
      },
      windows[0]!,
    );
    expect(served?.id).toBe('q2');
  });
});
