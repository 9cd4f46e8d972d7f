import { generateCustomers } from './customers.js';
import { POLICY_NAMES, type PolicyName, type SimOptions, simulateDay } from './engine.js';
import { averageMetrics, dayMetrics, type PolicyMetrics } from './metrics.js';
import type { Scenario } from './scenario.js';

export interface ScenarioReport {
  scenario: string;
  seeds: number;
  policies: Record<PolicyName, PolicyMetrics>;
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
  return {
    scenario: scenario.name,
    seeds,
    policies: Object.fromEntries([...perPolicy].map(([p, days]) => [p, averageMetrics(days)])) as Record<
      PolicyName,
      PolicyMetrics
    >,
  };
}
