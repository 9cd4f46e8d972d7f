import type { BalanceOptions, CalibrationOptions, WaitCalibration } from '@onewindow/domain';
import type { Absence } from './absences.js';
import type { PolicyName } from './policies.js';

/** What one simulated hall day produced, per resident and per window, and what it can be run with. */
export interface CustomerOutcome {
  id: number;
  matterId: string;
  arrival: number;
  /** Minutes since midnight when called, or null when never served. */
  calledAt: number | null;
  /** What the resident was told at issuance, in minutes. */
  estimateMin: number | null;
  /** The range told at issuance (the hall's calibrated range), or null. */
  rangeFromMin: number | null;
  rangeToMin: number | null;
  /** The simple predictor at issuance: people ahead × average handle time ÷ windows able to serve. */
  naiveEstimateMin: number | null;
  windowId: string | null;
  /** Minutes since midnight when the resident gave up waiting and left, or null. */
  leftAt: number | null;
  /** Called, recalled and never came: 过号. */
  noShow: boolean;
}

export interface WindowOutcome {
  id: string;
  busyMin: number;
  openMin: number;
}

export interface DayResult {
  customers: CustomerOutcome[];
  windows: WindowOutcome[];
  /** What the hall had learned of its estimates by the day's end (undefined: no learning). */
  learned?: WaitCalibration | undefined;
}

export interface SimOptions {
  /** Tuning of the OneWindow policy (defaults to the live server's). */
  balance?: BalanceOptions;
  /** Weight of the observed pace in wait estimates (defaults to the live server's). */
  paceWeight?: number;
  /** The day's staff absences (drawn once per seed, the same under every policy). */
  absences?: readonly Absence[];
  /**
   * How the hall learns its estimates (the live server's by default); `null` tells the structural
   * estimate as it is, without learning.
   */
  calibration?: CalibrationOptions | null;
  /**
   * Visits the hall saw before this day (matter and minutes, in the order they ended): what a running
   * hall's server has in its store. The day's estimates of visits under way start from them.
   */
  history?: readonly { matterId: string; minutes: number }[];
  /**
   * The policies whose days tell each resident a wait (all by default). A comparison whose told waits
   * nobody reads can leave them out: the estimate never changes who is called when, and it is most of
   * a simulated day's cost.
   */
  toldBy?: readonly PolicyName[];
  /**
   * What the hall had learned of its estimates by the end of the day before (simulateDay starts from
   * it; without it, from nothing). runDays and the floor carry it from each day to the next, the first
   * day starting from its own day before (`learnedBefore`); given to runDays, its first day's.
   */
  learned?: WaitCalibration | undefined;
  /** runDays: each day is the hall's first, with nothing learned before it (a new hall). */
  newHall?: boolean;
}
