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

/** Every policy on the same residents, averaged over seeds seed … seed+N−1. */
export function runScenario(
  scenario: Scenario,
  seeds: number,
  options: SimOptions = {},
  policies: readonly PolicyName[] = POLICY_NAMES,
): ScenarioReport {
  const perPolicy = new Map<PolicyName, PolicyMetrics[]>(policies.map((p) => [p, []]));
  for (let k = 0; k < seeds; k++) {
    const customers = generateCustomers(scenario, scenario.seed + k);
    for (const p of policies)
      perPolicy.get(p)!.push(dayMetrics(scenario, customers, simulateDay(scenario, customers, p, options)));
  }
  const means = (p: PolicyName) => (perPolicy.get(p) ?? []).map((m) => m.meanWaitMin);
  const vsFifo: Partial<Record<PolicyName, PairedDifference>> = {};
  if (perPolicy.has('fifo')) for (const p of policies) vsFifo[p] = pairedDifference(means(p), means('fifo'));
  return {
    scenario: scenario.name,
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
