import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printedRange, WaitCalibration, type WaitOutcome } from '../src/wait-calibration.js';

/** A small deterministic generator, so the streams below are the same every run. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Actual waits spread around `truth` (lognormal-ish, cv about 0.4), as a hall's are. */
function noisy(rand: () => number, truth: number): number {
  const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return truth * Math.exp(0.4 * z - 0.08);
}

/** Feeds a stream of tickets: each is told a wait, then its actual wait comes in. */
function play(
  n: number,
  seed: number,
  baseOf: (truth: number) => number,
  c0 = WaitCalibration.initial(),
): { calibration: WaitCalibration; inside: number; errors: number[] } {
  const rand = lcg(seed);
  let c = c0;
  let inside = 0;
  const errors: number[] = [];
  for (let i = 0; i < n; i++) {
    const truth = 5 + 40 * rand();
    const base = baseOf(truth);
    const told = c.tell('m1', base);
    const actual = noisy(rand, truth);
    if (actual >= told.fromMin && actual <= told.toMin) inside++;
    errors.push(told.estimateMin - actual);
    c = c.observe({ matterId: 'm1', baseMin: base, toldMin: told.estimateMin, ...told, actualMin: actual });
  }
  return { calibration: c, inside, errors };
}

describe('wait estimates that learn from their hall', () => {
  it('tells the structural estimate while the hall has no outcomes, with a wide range', () => {
    const c = WaitCalibration.initial();
    const told = c.tell('m1', 20);
    expect(told.estimateMin).toBe(20);
    expect(told.fromMin).toBeLessThanOrEqual(10);
    expect(told.toMin).toBeGreaterThanOrEqual(40);
  });

  it('learns a biased structure away: told waits come to match the actual ones on average', () => {
    // The structure says half again as long as the waits turn out to be.
    const { errors } = play(1_500, 7, (truth) => 1.5 * truth);
    const late = errors.slice(500);
    const bias = late.reduce((s, e) => s + e, 0) / late.length;
    const mean = 25;
    expect(Math.abs(bias)).toBeLessThan(0.1 * mean);
    const early = errors.slice(0, 5).reduce((s, e) => s + e, 0) / 5;
    expect(early).toBeGreaterThan(0.25 * mean); // it did start out told too long
  });

  it('holds the stated share of actual waits inside the printed range', () => {
    const { inside } = play(3_000, 11, (truth) => truth);
    expect(inside / 3_000).toBeGreaterThan(0.75);
    expect(inside / 3_000).toBeLessThan(0.85);
  });

  it('sizes the range of long told waits from long told waits: a hall of mostly no wait does not narrow them', () => {
    // Three in four are told 0 and wait 0 (a quiet township hall); the rest are told about 20 and wait
    // around it. Judged together, the zeros would make every range as narrow as theirs.
    const rand = lcg(5);
    let c = WaitCalibration.initial();
    let long = 0;
    let longInside = 0;
    for (let i = 0; i < 4_000; i++) {
      const waits = rand() < 0.25;
      const base = waits ? 20 : 0;
      const told = c.tell('m1', base);
      const actual = waits ? noisy(rand, 20) : 0;
      if (waits && i >= 1_000) {
        long++;
        if (actual >= told.fromMin && actual <= told.toMin) longInside++;
      }
      c = c.observe({ matterId: 'm1', baseMin: base, toldMin: told.estimateMin, ...told, actualMin: actual });
    }
    // Every told-0 wait falls inside its range, so the level steers the long ones below 80 %, not to none.
    expect(longInside / long).toBeGreaterThan(0.4);
    expect(longInside / long).toBeLessThan(0.85);
    const range = c.tell('m1', 20);
    expect(range.toMin - range.fromMin).toBeGreaterThanOrEqual(5);
  });

  it('narrows the range as outcomes come in: little data, a wide range', () => {
    const width = (c: WaitCalibration) => {
      const t = c.tell('m1', 30);
      return t.toMin - t.fromMin;
    };
    const few = play(3, 3, (truth) => truth).calibration;
    const many = play(600, 3, (truth) => truth).calibration;
    expect(width(WaitCalibration.initial())).toBeGreaterThan(width(many));
    expect(width(few)).toBeGreaterThan(width(many));
  });

  it('is a value: observing returns a new calibration and leaves the old one as it was (undo)', () => {
    const c = WaitCalibration.initial();
    const before = c.tell('m1', 30);
    const after = c.observe({
      matterId: 'm1',
      baseMin: 30,
      toldMin: 30,
      actualMin: 5,
      fromMin: 20,
      toMin: 40,
    });
    expect(c.tell('m1', 30)).toEqual(before);
    expect(after.observed).toBe(1);
    expect(after.tell('m1', 30).estimateMin).toBeLessThan(30);
  });

  it('never uses an outcome before it happened: what is told at any point depends only on outcomes before it', () => {
    const outcome = fc.record({
      matterId: fc.constantFrom('m1', 'm2'),
      baseMin: fc.double({ min: 0, max: 120, noNaN: true }),
      toldMin: fc.integer({ min: 0, max: 120 }),
      actualMin: fc.double({ min: 0, max: 200, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(outcome, { maxLength: 60 }),
        fc.array(outcome, { maxLength: 60 }),
        (past, future) => {
          const now = WaitCalibration.from(past);
          // Whatever comes later, what was told from `past` alone stays what it was.
          const later = WaitCalibration.from([...past, ...future]);
          expect(now.observed).toBe(past.length);
          expect(later.observed).toBe(past.length + future.length);
          expect(WaitCalibration.from(past).tell('m1', 17)).toEqual(now.tell('m1', 17));
        },
      ),
    );
  });

  it('learns how often queued tickets go unserved, per minute of waiting', () => {
    let c = WaitCalibration.initial();
    expect(c.attritionPerMin()).toBe(0);
    const served: WaitOutcome = { matterId: 'm1', baseMin: 30, toldMin: 30, actualMin: 30 };
    for (let i = 0; i < 40; i++) c = c.observe(served);
    for (let i = 0; i < 10; i++) c = c.observeDrop(30);
    // About 10 drops over about 1,500 minutes of waiting.
    expect(c.attritionPerMin()).toBeGreaterThan(0.004);
    expect(c.attritionPerMin()).toBeLessThan(0.01);
  });

  it('keeps each matter’s recent error, bias and coverage for the console', () => {
    let c = WaitCalibration.initial();
    expect(c.accuracy('m1')).toBeUndefined();
    c = c.observe({ matterId: 'm1', baseMin: 10, toldMin: 10, actualMin: 14, fromMin: 5, toMin: 15 });
    c = c.observe({ matterId: 'm1', baseMin: 10, toldMin: 10, actualMin: 20, fromMin: 5, toMin: 15 });
    const a = c.accuracy('m1')!;
    expect(a.maeMin).toBeGreaterThan(6.9);
    expect(a.maeMin).toBeLessThan(7.1);
    expect(a.biasMin).toBeLessThan(-6.9);
    expect(a.coverage).toBeGreaterThan(0.49);
    expect(a.coverage).toBeLessThan(0.51);
  });

  it('takes what it learned into a new day, and starts the day’s figures for the console afresh', () => {
    // Yesterday the structure ran half again as long as the waits did.
    const yesterday = play(600, 5, (truth) => 1.5 * truth).calibration;
    const morning = yesterday.startDay();
    expect(morning.tell('m1', 30)).toEqual(yesterday.tell('m1', 30));
    expect(morning.tell('m1', 30).estimateMin).toBeLessThan(25);
    expect(morning.range(20)).toEqual(yesterday.range(20));
    expect(morning.level).toBe(yesterday.level);
    expect(morning.stillThere(10, 30)).toBe(yesterday.stillThere(10, 30));
    expect(yesterday.accuracy('m1')?.outcomes).toBeGreaterThan(100);
    expect(morning.accuracy('m1')).toBeUndefined();
  });

  it('prints ranges in whole minutes up to 10 and five-minute steps beyond, never empty', () => {
    expect(printedRange(2.4, 6.6)).toEqual({ fromMin: 2, toMin: 7 });
    expect(printedRange(12, 33)).toEqual({ fromMin: 10, toMin: 35 });
    expect(printedRange(3.2, 3.4)).toEqual({ fromMin: 3, toMin: 4 });
    expect(printedRange(40, 41)).toEqual({ fromMin: 40, toMin: 45 });
    expect(printedRange(-3, 0.2)).toEqual({ fromMin: 0, toMin: 1 });
  });
});
