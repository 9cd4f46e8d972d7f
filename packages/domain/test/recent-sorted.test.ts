import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keepLast, lastOf, lowerBound, NO_VALUES, upperBound } from '../src/recent-sorted.js';

describe('the last values of a stream, kept in order and sorted', () => {
  it('keeps the last `window` values one by one exactly as built at once, the sorted copy ascending', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { maxLength: 120 }),
        fc.integer({ min: 1, max: 40 }),
        (values, window) => {
          let r = NO_VALUES;
          for (const v of values) r = keepLast(r, v, window);
          const all = lastOf(values, window);
          expect(r.recent).toEqual(values.slice(-window));
          expect(r.sorted).toEqual([...values.slice(-window)].sort((a, b) => a - b));
          expect(all).toEqual(r);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is a value: keeping one more leaves the old one as it was', () => {
    const a = keepLast(keepLast(NO_VALUES, 3, 2), 1, 2);
    const b = keepLast(a, 2, 2);
    expect(a).toEqual({ recent: [3, 1], sorted: [1, 3] });
    expect(b).toEqual({ recent: [1, 2], sorted: [1, 2] });
  });

  it('finds the bounds of a value among equal ones', () => {
    const xs = [1, 2, 2, 2, 5];
    expect(lowerBound(xs, 2)).toBe(1);
    expect(upperBound(xs, 2)).toBe(4);
    expect(lowerBound(xs, 0)).toBe(0);
    expect(upperBound(xs, 9)).toBe(5);
    expect(lowerBound([], 1)).toBe(0);
  });
});
