import { describe, expect, it } from 'vitest';
import { expectedFreeIn, OVERRUN_REST_SHARE, servicesUnderWay, type Ticket } from '../src/index.js';
import { matter, mattersMap, T0, ticket, window } from './fixtures.js';

const MIN = 60_000;

describe('the visits under way', () => {
  it('names each window’s current ticket’s matter and when its visit started (else when it was called)', () => {
    const serving = ticket('a', T0, 'normal', {
      status: 'serving',
      calledAt: T0 + MIN,
      startedAt: T0 + 2 * MIN,
    });
    const called = ticket('b', T0, 'normal', { status: 'called', calledAt: T0 + 3 * MIN });
    const ws = [
      { ...window('w1', { all: true }, {}, 'serving'), currentTicketId: serving.id },
      { ...window('w2', { all: true }, {}, 'serving'), currentTicketId: called.id },
      window('w3', { all: true }),
      // A ticket the caller does not know (another hall's, or already gone) is left out.
      { ...window('w4', { all: true }, {}, 'serving'), currentTicketId: 'gone' },
    ];
    const known = new Map<string, Ticket>([serving, called].map((t) => [t.id, t]));
    const under = servicesUnderWay(ws, (id) => known.get(id), T0 + 5 * MIN);
    expect([...under]).toEqual([
      ['w1', { matterId: 'a', since: T0 + 2 * MIN }],
      ['w2', { matterId: 'b', since: T0 + 3 * MIN }],
    ]);
  });

  it('expects a window free after its visit’s handle time, never sooner than a fifth of it, and an idle one now', () => {
    const ms = mattersMap(matter('a', 'x', { avgHandleMin: 10 }), matter('b', 'x', { avgHandleMin: 20 }));
    const now = T0 + 30 * MIN;
    const under = new Map([
      ['w1', { matterId: 'a', since: now - 4 * MIN }],
      ['w2', { matterId: 'b', since: now - 40 * MIN }],
    ]);
    const free = expectedFreeIn(under, undefined, ms, now);
    expect(free('w1')).toBe(6);
    expect(free('w2')).toBe(OVERRUN_REST_SHARE * 20);
    expect(free('w3')).toBe(0);
    // The hall's learned handle times go before the configured ones.
    expect(expectedFreeIn(under, new Map([['a', 16]]), ms, now)('w1')).toBe(12);
  });
});
