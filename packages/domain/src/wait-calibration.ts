import { Attrition } from './attrition.js';
import { keepLast, NO_VALUES, type RecentSorted } from './recent-sorted.js';

/**
 * Wait estimates that learn from their hall. The structural estimate (work ahead on the windows able to
 * take it) is the base; each ticket's actual wait to its first call, once it is known, corrects it:
 * - the bias, as a ratio of recent actual to base waits per matter, shrunk towards the hall's ratio and
 *   that towards 1 (a new hall or matter starts from the structure alone);
 * - the told range, from the spread of recent actual waits around what was told (split-conformal
 *   quantiles), mixed with a wide prior while there is little data; the quantile level itself adapts to
 *   whether the printed (rounded) ranges held (adaptive conformal inference), so over a day the stated
 *   share of actual waits falls inside the range residents read.
 * - attrition: how often a queued ticket goes without being served (the resident left: cancelled, or
 *   过号 when called), per minute of waiting and by the minutes already waited (`Attrition`); the
 *   estimate weighs the work ahead by the chance that each ticket ahead is still there when its turn
 *   comes (a long queue in an overloaded hall thins as it goes, and counting all of it tells every
 *   resident too long a wait).
 * A value: `observe` returns a new calibration, so a caller can keep the old one to undo a change. Pure:
 * the caller passes each outcome when it happens, so nothing is learned before it happened.
 */

export interface CalibrationOptions {
  /** Outcomes after which an old one weighs half (the hall drifts through the day). */
  halfLife: number;
  /** Strength of each ratio's prior, in minutes of base wait (offset included). */
  priorMin: number;
  /** Minutes added to both sides of a ratio, so that short waits do not make it swing. */
  offsetMin: number;
  /** Recent outcomes the range is taken from. */
  window: number;
  /** The prior range's weight, in outcomes: the range starts wide and narrows as outcomes come in. */
  priorOutcomes: number;
  /** The prior range as factors of the told wait (offset included): low and high. */
  priorLow: number;
  priorHigh: number;
  /** Share of actual waits the told range should hold. */
  coverage: number;
  /** What a correction is learned per: the matter, or the size of the base estimate. */
  keyBy: 'matter' | 'size';
  /** How fast the quantile level follows misses and hits of the printed range (0: not at all). */
  levelStep: number;
}

export const DEFAULT_CALIBRATION: CalibrationOptions = {
  halfLife: 150,
  priorMin: 200,
  offsetMin: 2,
  window: 240,
  priorOutcomes: 12,
  priorLow: 0.4,
  priorHigh: 2,
  coverage: 0.8,
  keyBy: 'size',
  levelStep: 0.01,
};

/** One ticket's outcome: what the structure said and what was told at issue, and the wait it had. */
export interface WaitOutcome {
  matterId: string;
  baseMin: number;
  toldMin: number;
  /** The printed range told at issue, when there was one. */
  fromMin?: number | null;
  toMin?: number | null;
  actualMin: number;
}

/**
 * What a resident is told: the corrected estimate (whole minutes) and the printed range that should
 * hold `coverage` of actual waits (whole minutes up to 10, five-minute steps beyond).
 */
export interface ToldWait {
  estimateMin: number;
  fromMin: number;
  toMin: number;
}

const STEP_FROM_MIN = 10;

/** A range in printed steps: whole minutes up to 10, five-minute steps beyond; never empty. */
export function printedRange(fromMin: number, toMin: number): { fromMin: number; toMin: number } {
  const round = (m: number) => (m <= STEP_FROM_MIN ? Math.round(m) : Math.round(m / 5) * 5);
  const from = round(Math.max(0, fromMin));
  const to = Math.max(round(Math.max(0, toMin)), from + (from < STEP_FROM_MIN ? 1 : 5));
  return { fromMin: from, toMin: to };
}

/** How a matter's told waits have fared lately: a hall director's answer to "can we trust them today?". */
export interface EstimateAccuracy {
  /** Outcomes behind the figures (decayed: recent ones count most). */
  outcomes: number;
  /** Mean absolute error of the told wait against the actual one, minutes. */
  maeMin: number;
  /** Mean of told − actual: above 0 tells too long. */
  biasMin: number;
  /** Share of actual waits inside the printed range (null before any range was told). */
  coverage: number | null;
}

interface Accuracy {
  n: number;
  abs: number;
  signed: number;
  ranged: number;
  inside: number;
}

interface Ratio {
  /** Decayed sum of actual waits (offset included). */
  actual: number;
  /** Decayed sum of base estimates (offset included). */
  base: number;
  /** Decayed count. */
  n: number;
}

const EMPTY: Ratio = { actual: 0, base: 0, n: 0 };

/** Bounds of the base-estimate sizes learned apart (minutes): errors differ with the wait's length. */
const SIZES = [3, 8, 20, 45, 90];

/** The size bucket of a wait (SIZES). */
function sizeOf(minutes: number): string {
  let k = 0;
  while (k < SIZES.length && minutes >= SIZES[k]!) k++;
  return `size:${k}`;
}

export class WaitCalibration {
  private readonly quantiles = new Map<string, { low: number; high: number }>();

  private constructor(
    readonly options: CalibrationOptions,
    private readonly hall: Ratio,
    private readonly matters: ReadonlyMap<string, Ratio>,
    /** Log-residuals ln((actual + offset) / (told + offset)), at most `window`. */
    private readonly residuals: RecentSorted,
    /** The same, per size of the told wait in whole minutes (`sizeOf`), at most `window` each. */
    private readonly residualsBySize: ReadonlyMap<string, RecentSorted>,
    /** Outcomes observed in all. */
    readonly observed: number,
    /** The quantile level the range is cut at now (starts at `coverage`, follows the printed ranges). */
    readonly level: number,
    /** How residents leave the queue unserved, by minutes already waited. */
    private readonly attrition: Attrition = Attrition.NONE,
    private readonly accuracies: ReadonlyMap<string, Accuracy> = new Map(),
  ) {}

  /** The told waits' recent error and range coverage per matter (undefined: no outcome yet). */
  accuracy(matterId: string): EstimateAccuracy | undefined {
    const a = this.accuracies.get(matterId);
    if (a === undefined || a.n <= 0) return undefined;
    return {
      outcomes: Math.round(a.n * 10) / 10,
      maeMin: a.abs / a.n,
      biasMin: a.signed / a.n,
      coverage: a.ranged > 0 ? a.inside / a.ranged : null,
    };
  }

  static initial(options: CalibrationOptions = DEFAULT_CALIBRATION): WaitCalibration {
    return new WaitCalibration(options, EMPTY, new Map(), NO_VALUES, new Map(), 0, options.coverage);
  }

  /** Chance per minute of waiting that a queued ticket goes unserved (0 until the hall shows any). */
  attritionPerMin(): number {
    return this.attrition.perMin();
  }

  /** The chance that a ticket queued for `waitedMin` is still there `forMin` minutes later. */
  stillThere(waitedMin: number, forMin: number): number {
    return this.attrition.stillThere(waitedMin, forMin);
  }

  /** The calibration after a queued ticket went unserved (left, or 过号) after waiting `waitedMin`. */
  observeDrop(waitedMin: number): WaitCalibration {
    if (!Number.isFinite(waitedMin)) return this;
    const keep = 0.5 ** (1 / this.options.halfLife);
    return this.with(this.attrition.after(waitedMin, true, keep), this.accuracies);
  }

  /**
   * What the hall takes into a new day: everything it learned of its estimates (a hall's bias, spread
   * and attrition hold from one day to the next, and a morning's first residents should not be told
   * the uncorrected structure), with the day's accuracy figures for the console started afresh.
   */
  startDay(): WaitCalibration {
    return this.with(this.attrition, new Map());
  }

  /** This calibration with another attrition and other accuracy figures. */
  private with(attrition: Attrition, accuracies: ReadonlyMap<string, Accuracy>): WaitCalibration {
    return new WaitCalibration(
      this.options,
      this.hall,
      this.matters,
      this.residuals,
      this.residualsBySize,
      this.observed,
      this.level,
      attrition,
      accuracies,
    );
  }

  /** Rebuilds a calibration from outcomes in the order they happened. */
  static from(
    outcomes: Iterable<WaitOutcome>,
    options: CalibrationOptions = DEFAULT_CALIBRATION,
  ): WaitCalibration {
    let c = WaitCalibration.initial(options);
    for (const o of outcomes) c = c.observe(o);
    return c;
  }

  private key(matterId: string, baseMin: number): string {
    return this.options.keyBy === 'matter' ? matterId : sizeOf(baseMin);
  }

  /** The factor base waits of this matter and size are multiplied by (offset included). */
  factor(matterId: string, baseMin = 0): number {
    const { priorMin } = this.options;
    const hall = (this.hall.actual + priorMin) / (this.hall.base + priorMin);
    const m = this.matters.get(this.key(matterId, baseMin)) ?? EMPTY;
    return (m.actual + priorMin * hall) / (m.base + priorMin);
  }

  /** The corrected estimate (minutes, unrounded) for a base estimate. */
  correct(matterId: string, baseMin: number): number {
    const d = this.options.offsetMin;
    return Math.max(0, this.factor(matterId, baseMin) * (Math.max(0, baseMin) + d) - d);
  }

  /** What to tell for a base estimate: the corrected minutes and the calibrated range around them. */
  tell(matterId: string, baseMin: number): ToldWait {
    const d = this.options.offsetMin;
    const estimateMin = this.correct(matterId, baseMin);
    // The size of the wait as printed: the outcome is filed under the told (whole) minutes too.
    const { low, high } = this.range(Math.round(estimateMin));
    return {
      estimateMin: Math.round(estimateMin),
      ...printedRange((estimateMin + d) * Math.exp(low) - d, (estimateMin + d) * Math.exp(high) - d),
    };
  }

  /**
   * The low and high log-factors of the range around a told wait of `toldMin`: the quantiles of recent
   * residuals of told waits of its size, mixed with the hall's (those mixed with the prior) while the
   * size has few. Waits told apart by size are judged apart (Mondrian conformal): in a hall where most
   * are told 0 and wait 0, those would otherwise make every range as narrow as theirs.
   */
  range(toldMin = 0): { low: number; high: number } {
    const key = sizeOf(toldMin);
    const known = this.quantiles.get(key);
    if (known !== undefined) return known;
    const o = this.options;
    const tail = (1 - this.level) / 2;
    const mix = ({ sorted }: RecentSorted, low: number, high: number) => {
      const n = sorted.length;
      if (n === 0) return { low, high };
      // Split-conformal ranks: the (n + 1)-corrected order statistics hold the share for new tickets.
      const at = (q: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * (n + 1)) - 1))]!;
      const w = n / (n + o.priorOutcomes);
      return { low: w * at(tail) + (1 - w) * low, high: w * at(1 - tail) + (1 - w) * high };
    };
    const hall = mix(this.residuals, Math.log(o.priorLow), Math.log(o.priorHigh));
    const mine = mix(this.residualsBySize.get(key) ?? NO_VALUES, hall.low, hall.high);
    const out = { low: Math.min(mine.low, 0), high: Math.max(mine.high, 0) };
    this.quantiles.set(key, out);
    return out;
  }

  /** The calibration after one more outcome (a ticket's first call). */
  observe(o: WaitOutcome): WaitCalibration {
    const { offsetMin: d, halfLife, window } = this.options;
    if (!Number.isFinite(o.baseMin) || !Number.isFinite(o.actualMin) || !Number.isFinite(o.toldMin))
      return this;
    const keep = 0.5 ** (1 / halfLife);
    const a = Math.max(0, o.actualMin) + d;
    const b = Math.max(0, o.baseMin) + d;
    const add = (r: Ratio): Ratio => ({
      actual: r.actual * keep + a,
      base: r.base * keep + b,
      n: r.n * keep + 1,
    });
    const matters = new Map(this.matters);
    const key = this.key(o.matterId, o.baseMin);
    matters.set(key, add(this.matters.get(key) ?? EMPTY));
    const residual = Math.log(a / (Math.max(0, o.toldMin) + d));
    const residuals = keepLast(this.residuals, residual, window);
    const residualsBySize = new Map(this.residualsBySize);
    const size = sizeOf(o.toldMin);
    residualsBySize.set(size, keepLast(this.residualsBySize.get(size) ?? NO_VALUES, residual, window));
    // Adaptive conformal inference: a miss of the printed range raises the level, a hit lowers it a little.
    let level = this.level;
    const ranged = o.fromMin != null && o.toMin != null;
    const held = ranged && o.actualMin >= (o.fromMin ?? 0) && o.actualMin <= (o.toMin ?? 0) ? 1 : 0;
    if (ranged)
      level = Math.min(0.99, Math.max(0.5, level + this.options.levelStep * (this.options.coverage - held)));
    const before = this.accuracies.get(o.matterId) ?? { n: 0, abs: 0, signed: 0, ranged: 0, inside: 0 };
    const accuracies = new Map(this.accuracies);
    accuracies.set(o.matterId, {
      n: before.n * keep + 1,
      abs: before.abs * keep + Math.abs(o.toldMin - o.actualMin),
      signed: before.signed * keep + (o.toldMin - o.actualMin),
      ranged: before.ranged * keep + (ranged ? 1 : 0),
      inside: before.inside * keep + held,
    });
    return new WaitCalibration(
      this.options,
      add(this.hall),
      matters,
      residuals,
      residualsBySize,
      this.observed + 1,
      level,
      this.attrition.after(o.actualMin, false, keep),
      accuracies,
    );
  }
}
