import type { SimOptions } from './engine.js';
import { generateHall } from './generated.js';
import { type PairedDifference, pairedDifference, runDays } from './run.js';

/**
 * How a goal of the form "onewindow no worse than FIFO" fared on one hall: held (no worse on the mean
 * over days), within noise (worse on the mean, but the 95 % interval reaches zero) or missed (the
 * whole interval worse).
 */
export type GoalVerdict = 'held' | 'noise' | 'missed';

export interface HallVerdict {
  seed: number;
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
}

export function verdict(d: PairedDifference): GoalVerdict {
  return d.meanMin <= 0 ? 'held' : d.ci95[0] <= 0 ? 'noise' : 'missed';
}

/**
 * The dispatch goals on generated halls (`generateHall`, seeds first … first+count−1), each over
 * `days` simulated days with common random numbers: how far "on any reasonable hall day" holds.
 */
export function sweepHalls(count: number, days: number, first = 1, options: SimOptions = {}): HallVerdict[] {
  const out: HallVerdict[] = [];
  for (let seed = first; seed < first + count; seed++) {
    const hall = generateHall(seed);
    const runs = runDays(hall, days, options, ['fifo', 'onewindow']);
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
    out.push({
      seed,
      matters: hall.matters.length,
      windows: hall.windows.length,
      fifoMeanMin: avg(fifo.map((m) => m.meanWaitMin)),
      fifoMaxMin: avg(fifo.map((m) => m.maxWaitMin)),
      mean,
      p95,
      maxOver,
      verdicts: { mean: verdict(mean), p95: verdict(p95), max: verdict(maxOver) },
    });
  }
  return out;
}
