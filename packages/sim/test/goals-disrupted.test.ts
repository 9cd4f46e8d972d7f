import { expect, it } from 'vitest';
import { daily, dispatchGoals, interval, playShipped } from './goals-support.js';

/** The goals on the shipped days where the hall is disrupted: a 不动产 rush, a category's windows closing. */
const DISRUPTED = ['estate-spike', 'category-closes'] as const;
const runs = playShipped(DISRUPTED);

dispatchGoals(runs, DISRUPTED);

it('on category-closes the mean wait is clearly below FIFO’s (the whole interval under 0)', () => {
  const [, high] = interval(
    daily(runs.get('category-closes')!.days, (m) => m.onewindow.meanWaitMin - m.fifo.meanWaitMin),
  );
  expect(high).toBeLessThan(0);
});
