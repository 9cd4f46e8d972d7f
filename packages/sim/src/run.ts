import type { WaitCalibration } from '@onewindow/domain';
import { generateAbsences } from './absences.js';
import { generateCustomers } from './customers.js';
import { POLICY_NAMES, type PolicyName, type SimOptions, simulateDay } from './engine.js';
import { averageMetrics, dayMetrics, halfWidths, type PolicyMetrics } from './metrics.js';
import type { Scenario } from './scenario.js';

/** A policy's mean wait against FIFO's on the same residents: the mean of the per-day differences. */
export interface PairedDifference {
  meanMin: number;
  /** 95 % confidence interval of that mean (Student's t over the simulated days). */
  ci95: [number, number];
}

export interface ScenarioReport {
  scenario: string;
  seeds: number;
  policies: Record<PolicyName, PolicyMetrics>;
  /** Each figure's 95 % confidence half-width over the simulated days (figure ± this). */
  ci95: Record<PolicyName, PolicyMetrics>;
  /** Each policy's mean wait minus FIFO's, day by day; one day's mean swings far more than this. */
  vsFifo: Partial<Record<PolicyName, PairedDifference>>;
}

/** Two-sided 95 % Student's t for n − 1 degrees of freedom (n ≥ 2); 1.96 from 120 on. */
export function t95(df: number): number {
  const table: [number, number][] = [
    [1, 12.71],
    [2, 4.3],
    [3, 3.18],
    [4, 2.78],
    [5, 2.57],
    [6, 2.45],
    [7, 2.36],
    [8, 2.31],
    [9, 2.26],
    [10, 2.23],
    [15, 2.13],
    [20, 2.09],
    [30, 2.04],
    [40, 2.02],
    [60, 2.0],
    [120, 1.98],
  ];
  for (const [d, t] of table) if (df <= d) return t;
  return 1.96;
}

export function pairedDifference(a: readonly number[], b: readonly number[]): PairedDifference {
  const d = a.map((x, i) => x - (b[i] ?? 0));
  const n = d.length;
  const mean = d.reduce((s, x) => s + x, 0) / Math.max(1, n);
  if (n < 2) return { meanMin: mean, ci95: [mean, mean] };
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const half = (t95(n - 1) * sd) / Math.sqrt(n);
  return { meanMin: mean, ci95: [mean - half, mean + half] };
}

/** Each policy's metrics day by day, on the same residents and staff: seeds seed … seed+N−1. */
export function runDays(
  scenario: Scenario,
  seeds: number,
  options: SimOptions = {},
  policies: readonly PolicyName[] = POLICY_NAMES,
  firstSeed = scenario.seed,
): Map<PolicyName, PolicyMetrics[]> {
  const perPolicy = new Map<PolicyName, PolicyMetrics[]>(policies.map((p) => [p, []]));
  // The days follow one another: each starts from what the hall learned by the end of the one before
  // (the first, from its own day before), as a hall in service replays its earlier days on every load.
  const learned = new Map<PolicyName, WaitCalibration | undefined>();
  for (let k = 0; k < seeds; k++) {
    const customers = generateCustomers(scenario, firstSeed + k);
    const absences = generateAbsences(scenario, firstSeed + k);
    const history = options.history ?? daysBefore(scenario, firstSeed + k);
    for (const p of policies) {
      const tells = options.toldBy === undefined || options.toldBy.includes(p);
      const before =
        !tells || options.newHall
          ? undefined
          : k === 0
            ? (options.learned ?? learnedBefore(scenario, firstSeed, p, options))
            : learned.get(p);
      const day = simulateDay(scenario, customers, p, { ...options, absences, history, learned: before });
      learned.set(p, day.learned);
      perPolicy.get(p)!.push(dayMetrics(scenario, customers, day));
    }
  }
  return perPolicy;
}

/** The seed of the hall's day before the simulated day of `seed`: the latest of `daysBefore`. */
const seedBefore = (seed: number, d: number): number => -(seed * 16 + d);

/**
 * What the hall had learned of its estimates by the end of the day before the one of `seed`, under
 * `policy`: that day (the latest of `daysBefore`, with its own residents and absences) is played with
 * the policy, its estimates learned as the server learns them. A hall in service replays its earlier
 * days' outcomes on every start (apps/server's loadLive); undefined where the hall does not learn.
 */
export function learnedBefore(
  scenario: Scenario,
  seed: number,
  policy: PolicyName,
  options: SimOptions = {},
): WaitCalibration | undefined {
  if (options.calibration === null) return undefined;
  const before = seedBefore(seed, 1);
  return simulateDay(scenario, generateCustomers(scenario, before), policy, {
    ...options,
    learned: undefined,
    absences: generateAbsences(scenario, before),
    history: options.history ?? daysBefore(scenario, seed, HISTORY_DAYS, 2),
    toldBy: [policy],
  }).learned;
}

/** Days of the hall's history a simulated day starts from. */
export const HISTORY_DAYS = 5;

/**
 * The visits of the hall's days before the simulated one (its own residents, drawn apart from every
 * simulated day), oldest first: a hall in service has its history in the store, and a new hall's first
 * days are not the days anyone judges its estimates by. `latest`: how many days back the last of them
 * is (1: the day before; 2 for the history of that day itself).
 */
export function daysBefore(
  scenario: Scenario,
  seed: number,
  days = HISTORY_DAYS,
  latest = 1,
): { matterId: string; minutes: number }[] {
  const out: { matterId: string; minutes: number }[] = [];
  for (let d = days + latest - 1; d >= latest; d--) {
    const day = generateCustomers(scenario, seedBefore(seed, d)).sort((a, b) => a.arrival - b.arrival);
    for (const c of day) out.push({ matterId: c.matterId, minutes: c.serviceMin });
  }
  return out;
}

/** Every policy on the same residents, averaged over seeds seed … seed+N−1. */
export function runScenario(
  scenario: Scenario,
  seeds: number,
  options: SimOptions = {},
  policies: readonly PolicyName[] = POLICY_NAMES,
): ScenarioReport {
  return report(scenario.name, runDays(scenario, seeds, options, policies));
}

/** The report of days already simulated. */
export function report(
  scenario: string,
  perPolicy: ReadonlyMap<PolicyName, PolicyMetrics[]>,
): ScenarioReport {
  const means = (p: PolicyName) => (perPolicy.get(p) ?? []).map((m) => m.meanWaitMin);
  const vsFifo: Partial<Record<PolicyName, PairedDifference>> = {};
  if (perPolicy.has('fifo'))
    for (const p of perPolicy.keys()) vsFifo[p] = pairedDifference(means(p), means('fifo'));
  const seeds = [...perPolicy.values()][0]?.length ?? 0;
  return {
    scenario,
    seeds,
    policies: Object.fromEntries([...perPolicy].map(([p, days]) => [p, averageMetrics(days)])) as Record<
      PolicyName,
      PolicyMetrics
    >,
    ci95: Object.fromEntries([...perPolicy].map(([p, days]) => [p, halfWidths(days, t95)])) as Record<
      PolicyName,
      PolicyMetrics
    >,
    vsFifo,
  };
}

/** Most seeds `--seeds auto` runs before it gives up separating the intervals. */
export const MAX_AUTO_SEEDS = 160;
export const MIN_SEEDS = 40;

/** Policies whose mean-wait interval (figure ± half-width) overlaps `against`'s. */
export function overlapping(r: ScenarioReport, against: PolicyName = 'onewindow'): PolicyName[] {
  const mine = r.policies[against];
  if (mine === undefined) return [];
  return (Object.keys(r.policies) as PolicyName[]).filter(
    (p) =>
      p !== against &&
      Math.abs(mine.meanWaitMin - r.policies[p].meanWaitMin) <=
        r.ci95[against].meanWaitMin + r.ci95[p].meanWaitMin,
  );
}

/**
 * Starts at MIN_SEEDS days and doubles while a policy that differs from `onewindow` (paired interval
 * without zero) still has an interval overlapping it, up to `max` days.
 */
export function runUntilSeparated(
  scenario: Scenario,
  options: SimOptions = {},
  max = MAX_AUTO_SEEDS,
): { report: ScenarioReport; stillOverlapping: PolicyName[] } {
  const days = runDays(scenario, MIN_SEEDS, options);
  for (;;) {
    const r = report(scenario.name, days);
    const waiting = separatedPairs(days).filter((p) => overlapping(r).includes(p));
    if (waiting.length === 0 || r.seeds >= max) return { report: r, stillOverlapping: waiting };
    const more = runDays(
      scenario,
      Math.min(r.seeds, max - r.seeds),
      options,
      POLICY_NAMES,
      scenario.seed + r.seeds,
    );
    for (const [p, list] of more) days.get(p)!.push(...list);
  }
}

/** Policies whose day-by-day mean wait differs from onewindow's with 95 % confidence. */
export function separatedPairs(days: ReadonlyMap<PolicyName, PolicyMetrics[]>): PolicyName[] {
  const mine = (days.get('onewindow') ?? []).map((m) => m.meanWaitMin);
  const out: PolicyName[] = [];
  for (const [p, list] of days) {
    if (p === 'onewindow') continue;
    const d = pairedDifference(
      mine,
      list.map((m) => m.meanWaitMin),
    );
    if (d.ci95[0] > 0 || d.ci95[1] < 0) out.push(p);
  }
  return out;
}
