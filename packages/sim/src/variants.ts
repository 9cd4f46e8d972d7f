import type { SimOptions } from './day-result.js';
import { parseScenario, type Scenario } from './scenario.js';
import { type HallJudgement, judgeHall } from './sweep.js';

/**
 * A hall day bent the way real days differ from the one written down: more or fewer residents, longer
 * or shorter visits, visits more spread out. The estimates and the dispatch are judged on days nobody
 * tuned them to; bending a shipped day is the nearest thing to such a day that keeps its hall (its
 * windows, skills, lunch hours and AB岗) as it is.
 */
export interface Variant {
  name: string;
  /** Factor on every matter's arrival rates. */
  arrivals: number;
  /** Factor on every matter's mean visit (the long mode's too). */
  visits: number;
  /** Factor on every matter's coefficient of variation of visits (at most 5, as a scenario allows). */
  spread: number;
}

/**
 * The variants `--variants` runs: the day as written, a quieter and a busier one, the same work in
 * fewer longer visits and in more shorter ones, and visits twice as uneven.
 */
export const VARIANTS: readonly Variant[] = [
  { name: 'as written', arrivals: 1, visits: 1, spread: 1 },
  { name: 'arrivals ×0.8', arrivals: 0.8, visits: 1, spread: 1 },
  { name: 'arrivals ×1.15', arrivals: 1.15, visits: 1, spread: 1 },
  { name: 'longer visits', arrivals: 0.85, visits: 1.2, spread: 1 },
  { name: 'shorter visits', arrivals: 1.3, visits: 0.7, spread: 1 },
  { name: 'uneven visits', arrivals: 1, visits: 1, spread: 1.8 },
];

const MAX_CV = 5;

/** The scenario bent by a variant (validated like any scenario); the same hall and seed. */
export function variantOf(scenario: Scenario, v: Variant): Scenario {
  const round = (x: number) => Math.round(x * 100) / 100;
  return parseScenario(
    {
      ...scenario,
      name:
        v.arrivals === 1 && v.visits === 1 && v.spread === 1 ? scenario.name : `${scenario.name} (${v.name})`,
      matters: scenario.matters.map((m) => ({
        ...m,
        arrivals: m.arrivals.map(([at, rate]) => [at, round(rate * v.arrivals)]),
        service: {
          ...m.service,
          meanMin: m.service.meanMin * v.visits,
          cv: Math.min(MAX_CV, m.service.cv * v.spread),
          ...(m.service.long === undefined
            ? {}
            : { long: { ...m.service.long, meanMin: m.service.long.meanMin * v.visits } }),
        },
      })),
    },
    `${scenario.name} (${v.name})`,
  );
}

/** One scenario under one variant, judged against FIFO. */
export interface VariantVerdict extends HallJudgement {
  scenario: string;
  variant: string;
}

/** Every scenario under every variant, `days` days each (judgeHall). */
export function judgeVariants(
  scenarios: readonly Scenario[],
  days: number,
  options: SimOptions = {},
  variants: readonly Variant[] = VARIANTS,
): VariantVerdict[] {
  return scenarios.flatMap((s) =>
    variants.map((v) => ({
      scenario: s.name,
      variant: v.name,
      ...judgeHall(variantOf(s, v), days, options),
    })),
  );
}
