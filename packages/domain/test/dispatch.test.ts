import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareQueueOrder,
  isEligible,
  priorityFifo,
  selectNext,
  serviceTier,
  type Ticket,
} from '../src/index.js';
import { matter, mattersMap, T0, ticket, window } from './fixtures.js';

const matters = mattersMap(matter('m1', 'social'), matter('m2', 'social'), matter('m3', 'tax'));
const MIN = 60_000;

describe('eligibility', () => {
  it('follows primary and secondary skills by matter, category or all', () => {
    expect(serviceTier(window('w', { all: true }), matter('m3', 'tax'))).toBe('primary');
    expect(serviceTier(window('w', { categories: ['social'] }), matter('m1', 'social'))).toBe('primary');
    expect(serviceTier(window('w', { matters: ['m1'] }, { categories: ['tax'] }), matter('m3', 'tax'))).toBe(
      'secondary',
    );
    expect(serviceTier(window('w', { matters: ['m1'] }), matter('m2', 'social'))).toBeNull();
  });

  it('lets only the target window call a ticket transferred to a window', () => {
    const t = ticket('m1', T0, 'normal', { status: 'transferred', targetWindowId: 'w2' });
    expect(isEligible(window('w1', { all: true }), t, matters)).toBe(false);
    expect(isEligible(window('w2', { matters: ['m3'] }), t, matters)).toBe(true);
  });

  it('ignores tickets that are not queued or belong to another hall', () => {
    const w = window('w1', { all: true });
    expect(isEligible(w, ticket('m1', T0, 'normal', { status: 'called' }), matters)).toBe(false);
    expect(isEligible(w, ticket('m1', T0, 'normal', { hallId: 'other' }), matters)).toBe(false);
    expect(isEligible(w, ticket('unknown', T0), matters)).toBe(false);
  });
});

describe('first dispatch rule', () => {
  const w = window('w1', { categories: ['social'] });

  it('calls appointment before green before normal', () => {
    const normal = ticket('m1', T0);
    const green = ticket('m1', T0 + MIN, 'green');
    const appt = ticket('m2', T0 + 2 * MIN, 'appointment');
    const ctx = { window: w, matters, now: T0 + 3 * MIN };
    expect(selectNext({ ...ctx, tickets: [normal, green, appt] }, priorityFifo)?.id).toBe(appt.id);
    expect(selectNext({ ...ctx, tickets: [normal, green] }, priorityFifo)?.id).toBe(green.id);
    expect(selectNext({ ...ctx, tickets: [normal] }, priorityFifo)?.id).toBe(normal.id);
  });

  it('is first come first served inside a class, with the sequence breaking ties', () => {
    const a = ticket('m1', T0 + MIN);
    const b = ticket('m2', T0);
    const c = ticket('m1', T0);
    expect(selectNext({ window: w, matters, now: T0, tickets: [a, b, c] }, priorityFifo)?.id).toBe(b.id);
  });

  it('skips tickets the window cannot serve and returns nothing when none is eligible', () => {
    const tax = ticket('m3', T0, 'appointment');
    const social = ticket('m1', T0 + MIN);
    expect(selectNext({ window: w, matters, now: T0, tickets: [tax, social] }, priorityFifo)?.id).toBe(
      social.id,
    );
    expect(selectNext({ window: w, matters, now: T0, tickets: [tax] }, priorityFifo)).toBeUndefined();
  });

  const ticketArb = fc
    .record({
      matterId: fc.constantFrom('m1', 'm2', 'm3'),
      at: fc.integer({ min: 0, max: 120 }),
      cls: fc.constantFrom('appointment', 'green', 'normal' as const),
      status: fc.constantFrom('waiting', 'transferred', 'called', 'done' as const),
    })
    .map((r) => ticket(r.matterId, T0 + r.at * MIN, r.cls, { status: r.status }));

  it('always picks the first eligible ticket in queue order, deterministically (property)', () => {
    fc.assert(
      fc.property(fc.array(ticketArb, { maxLength: 40 }), fc.boolean(), (tickets: Ticket[], reverse) => {
        const input = reverse ? [...tickets].reverse() : tickets;
        const picked = priorityFifo({ window: w, tickets: input, matters, now: T0 });
        const eligible = tickets.filter((t) => isEligible(w, t, matters)).sort(compareQueueOrder);
        expect(picked?.id).toBe(eligible[0]?.id);
      }),
    );
  });
});
