import { describe, expect, it } from 'vitest';
import { MIN_SEEDS } from '../src/index.js';
import { daily, dispatchGoals, interval, playShipped } from './goals-support.js';

/** The goals on the ordinary shipped days; goals-disrupted.test.ts holds the disrupted ones. */
const ORDINARY = ['county-weekday', 'township'] as const;
const runs = playShipped(ORDINARY);

dispatchGoals(runs, ORDINARY);

it.each(ORDINARY)('on %s the mean wait is clearly below FIFO’s (the whole interval under 0)', (name) => {
  const [, high] = interval(daily(runs.get(name)!.days, (m) => m.onewindow.meanWaitMin - m.fifo.meanWaitMin));
  expect(high).toBeLessThan(0);
});

describe('goals on the county weekday', () => {
  const days = () => runs.get('county-weekday')!.days;

  it('closes at least 30 % of the FIFO → pooled gap in mean wait', () => {
    const [low] = interval(
      daily(
        days(),
        (m) =>
          m.fifo.meanWaitMin - m.onewindow.meanWaitMin - 0.3 * (m.fifo.meanWaitMin - m.pooled.meanWaitMin),
      ),
    );
    expect(low).toBeGreaterThan(0);
  });

  it('tells waits within 40 % of the mean wait, without bias, and far better than the simple predictor', () => {
    const [, maeHigh] = interval(
      daily(days(), (m) => m.onewindow.estimateMaeMin - 0.4 * m.onewindow.meanWaitMin),
    );
    expect(maeHigh).toBeLessThan(0);
    // No systematic bias: the mean signed error is within ±10 % of the mean wait.
    const [biasLow, biasHigh] = interval(daily(days(), (m) => m.onewindow.estimateBiasMin));
    const mean =
      days()
        .get('onewindow')!
        .reduce((s, m) => s + m.meanWaitMin, 0) / MIN_SEEDS;
    expect(biasLow).toBeGreaterThan(-0.1 * mean);
    expect(biasHigh).toBeLessThan(0.1 * mean);
    const [, better] = interval(
      daily(days(), (m) => m.onewindow.estimateMaeMin - 0.5 * m.onewindow.naiveMaeMin),
    );
    expect(better).toBeLessThan(0);
  });
});
