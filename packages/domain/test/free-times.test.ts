import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  endedAtLeast,
  onewindowPolicy,
  queuePosition,
  type RestWithin,
  staggeredFreeTimes,
  VisitDurations,
} from '../src/index.js';
import { matter, mattersMap, T0, ticket, window } from './fixtures.js';

const MIN = 60_000;
/** A rest spread evenly over 0 … `max` minutes. */
const uniform =
  (max: number): RestWithin =>
  (t) =>
    Math.min(1, Math.max(0, t / max));

describe('when the busy windows free up: the k-th at the median of the k-th rest to end', () => {
  it('counts independent endings exactly (the Poisson-binomial tail)', () => {
    expect(endedAtLeast([0.5, 0.5])).toEqual([1, 0.75, 0.25]);
    expect(endedAtLeast([])).toEqual([1]);
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (p) => {
        const tail = endedAtLeast(p);
        expect(tail).toHaveLength(p.length + 1);
        expect(tail[0]).toBeCloseTo(1, 9);
        // The expected count is the sum of the tail past 0.
        const expected = p.reduce((s, q) => s + q, 0);
        expect(tail.slice(1).reduce((s, q) => s + q, 0)).toBeCloseTo(expected, 9);
        for (let k = 1; k < tail.length; k++) expect(tail[k]!).toBeLessThanOrEqual(tail[k - 1]! + 1e-12);
      }),
    );
  });

  it('tells three windows busy alike to free up one after another, not all at their common median', () => {
    // Rests even over 0 … 10 minutes, each window's median 5: the first of three ends at the median
    // 10·(1 − ½^⅓) ≈ 2.06, the second at 5, the last at 10·½^⅓ ≈ 7.94.
    const out = staggeredFreeTimes([5, 5, 5], [uniform(10), uniform(10), uniform(10)]);
    expect(out[0]).toBeCloseTo(10 * (1 - 0.5 ** (1 / 3)), 1);
    expect(out[1]).toBeCloseTo(5, 1);
    expect(out[2]).toBeCloseTo(10 * 0.5 ** (1 / 3), 1);
  });

  it('keeps the windows in the order of their own medians, and leaves alone what it cannot stagger', () => {
    // Idle windows (0), a window with no learned rest, and a lone busy window keep their times.
    expect(staggeredFreeTimes([0, 4, 6], [undefined, undefined, uniform(12)])).toEqual([0, 4, 6]);
    const out = staggeredFreeTimes([0, 8, 3, 7], [uniform(5), uniform(16), uniform(6), undefined]);
    expect(out[0]).toBe(0);
    expect(out[3]).toBe(7);
    // The window whose own median is shorter frees up first.
    expect(out[2]!).toBeLessThan(out[1]!);
    expect(out[2]!).toBeLessThanOrEqual(3 + 1e-9);
  });

  it('never tells a window free sooner than none of the rests could end, nor past them all', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0.5, max: 60, noNaN: true }), fc.boolean()), { maxLength: 12 }),
        (spec) => {
          const median = spec.map(([max, learned]) => (learned ? max / 2 : max));
          const rest = spec.map(([max, learned]) => (learned ? uniform(max) : undefined));
          const out = staggeredFreeTimes(median, rest);
          const learnedMax = Math.max(0, ...spec.filter(([, l]) => l).map(([max]) => max));
          for (const [i, [, learned]] of spec.entries()) {
            if (!learned) expect(out[i]).toBe(median[i]);
            else {
              expect(out[i]!).toBeGreaterThanOrEqual(0);
              expect(out[i]!).toBeLessThanOrEqual(learnedMax + 1e-9);
            }
          }
          // The times keep the windows' own order.
          const learned = spec.map((_, i) => i).filter((i) => spec[i]![1]);
          for (const a of learned)
            for (const b of learned)
              if (median[a]! < median[b]!) expect(out[a]!).toBeLessThanOrEqual(out[b]!);
        },
      ),
    );
  });

  it('moves the printed wait: the first in line behind three busy windows waits for the first to free up', () => {
    const matters = mattersMap(matter('m1', 'c', { avgHandleMin: 10 }));
    const now = T0 + 60 * MIN;
    const windows = ['w1', 'w2', 'w3'].map((id, i) => ({
      ...window(id, { all: true }),
      currentTicketId: `busy${i}`,
    }));
    const inService = new Map(windows.map((w) => [w.id, { matterId: 'm1', since: now }]));
    // Visits of 0.5 … 20 minutes, evenly: one window's median rest is about 10.
    const visits = VisitDurations.from(
      Array.from({ length: 400 }, (_, k) => ({ matterId: 'm1', minutes: 0.5 + (19.5 * k) / 399 })),
    );
    const t = ticket('m1', now);
    const told = queuePosition(t, {
      tickets: [t],
      windows,
      matters,
      now,
      inService,
      visits,
      policy: onewindowPolicy,
    }).estimatedWaitMin!;
    // The first of three even rests over 0.5 … 20 ends at about 0.5 + 19.5·(1 − ½^⅓) ≈ 4.5 minutes.
    expect(told).toBeGreaterThanOrEqual(4);
    expect(told).toBeLessThanOrEqual(5);
    expect(visits.remaining('m1', 0)).toBeGreaterThan(9);
  });
});
