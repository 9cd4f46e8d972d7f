import type { SimOptions } from './engine.js';
import { generateHall, HALL_KINDS, type HallKind } from './generated.js';
import { type PairedDifference, pairedDifference, runDays } from './run.js';
import type { Scenario } from './scenario.js';

/**
 * How a goal of the form "onewindow no worse than FIFO" fared on one hall: held (no worse on the mean
 * over days), within noise (worse on the mean, but the 95 % interval reaches zero) or missed (the
 * whole interval worse).
 */
export type GoalVerdict = 'held' | 'noise' | 'missed';

/** How onewindow fared against FIFO on one hall day over many days of it. */
export interface HallJudgement {
  matters: number;
  windows: number;
  fifoMeanMin: number;
  fifoMaxMin: number;
  /** Day by day: onewindow − FIFO. */
  mean: PairedDifference;
  p95: PairedDifference;
  /** Day by day: onewindow's longest wait − 1.02 × FIFO's (the goal allows 2 %). */
  maxOver: PairedDifference;
  verdicts: { mean: GoalVerdict; p95: GoalVerdict; max: GoalVerdict };
  /** OneWindow's told waits over the days: error and bias as shares of the mean wait, range coverage. */
  estimate: { maeShare: number; biasShare: number; coverage: number; meanWaitMin: number };
}

/** One generated hall of the sweep, judged. */
export interface HallVerdict extends HallJudgement {
  seed: number;
  kind: HallKind;
}

/** The kind of the sweep's hall `seed`: the kinds in turn, so any N halls mix them evenly. */
export const sweepKind = (seed: number): HallKind => HALL_KINDS[(seed - 1) % HALL_KINDS.length]!;

export function verdict(d: PairedDifference): GoalVerdict {
  return d.meanMin <= 0 ? 'held' : d.ci95[0] <= 0 ? 'noise' : 'missed';
}

/**
 * The dispatch and estimate goals on generated halls (`generateHall`, seeds first … first+count−1,
 * kinds in turn: `sweepKind`), each over `days` simulated days with common random numbers: how far
 * "on any reasonable hall day" holds.
 */
export function sweepHalls(count: number, days: number, first = 1, options: SimOptions = {}): HallVerdict[] {
  const out: HallVerdict[] = [];
  for (let seed = first; seed < first + count; seed++) {
    const kind = sweepKind(seed);
    out.push({ seed, kind, ...judgeHall(generateHall(seed, kind), days, options) });
  }
  return out;
}

/** One hall day against FIFO over `days` days with common random numbers: dispatch goals and estimates. */
export function judgeHall(hall: Scenario, days: number, options: SimOptions = {}): HallJudgement {
  // Only onewindow's told waits are judged: FIFO's days leave them out (the calls are the same).
  const runs = runDays(hall, days, { toldBy: ['onewindow'], ...options }, ['fifo', 'onewindow']);
  const fifo = runs.get('fifo')!;
  const ow = runs.get('onewindow')!;
  const avg = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  const mean = pairedDifference(
    ow.map((m) => m.meanWaitMin),
    fifo.map((m) => m.meanWaitMin),
  );
  const p95 = pairedDifference(
    ow.map((m) => m.p95WaitMin),
    fifo.map((m) => m.p95WaitMin),
  );
  const maxOver = pairedDifference(
    ow.map((m) => m.maxWaitMin),
    fifo.map((m) => 1.02 * m.maxWaitMin),
  );
  const owMean = avg(ow.map((m) => m.meanWaitMin));
  return {
    matters: hall.matters.length,
    windows: hall.windows.length,
    fifoMeanMin: avg(fifo.map((m) => m.meanWaitMin)),
    fifoMaxMin: avg(fifo.map((m) => m.maxWaitMin)),
    mean,
    p95,
    maxOver,
    verdicts: { mean: verdict(mean), p95: verdict(p95), max: verdict(maxOver) },
    estimate: {
      maeShare: avg(ow.map((m) => m.estimateMaeMin)) / Math.max(1e-9, owMean),
      biasShare: avg(ow.map((m) => m.estimateBiasMin)) / Math.max(1e-9, owMean),
      coverage: avg(ow.map((m) => m.rangeCoverage)),
      meanWaitMin: owMean,
    },
  };
}
