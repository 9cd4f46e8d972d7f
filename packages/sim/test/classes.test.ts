import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_BALANCE, type PriorityClass } from '@onewindow/domain';
import { describe, expect, it } from 'vitest';
import {
  daysBefore,
  generateAbsences,
  generateCustomers,
  loadScenario,
  type PolicyName,
  type SimOptions,
  simulateDay,
  VARIANTS,
  variantOf,
} from '../src/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const busier = VARIANTS.find((v) => v.arrivals > 1)!;
// The busiest bent day: social windows closed in the morning, 15 % more residents.
const hall = variantOf(loadScenario(join(root, 'packages/sim/scenarios/category-closes.json')), busier);

/** Mean wait to a call per priority class over the given days. */
function classWaits(
  policy: PolicyName,
  options: SimOptions,
  seeds: readonly number[],
): Map<PriorityClass, number> {
  const sums = new Map<PriorityClass, { n: number; s: number }>();
  for (const seed of seeds) {
    const customers = generateCustomers(hall, seed);
    const cls = new Map(customers.map((c) => [c.id, c.priorityClass]));
    const day = simulateDay(hall, customers, policy, {
      ...options,
      toldBy: [],
      absences: generateAbsences(hall, seed),
      history: daysBefore(hall, seed),
    });
    for (const o of day.customers) {
      if (o.calledAt === null) continue;
      const k = cls.get(o.id)!;
      const a = sums.get(k) ?? { n: 0, s: 0 };
      a.n++;
      a.s += o.calledAt - o.arrival;
      sums.set(k, a);
    }
  }
  return new Map([...sums].map(([k, a]) => [k, a.s / a.n]));
}

describe('priority classes on a busy day', () => {
  it('绿色通道 and appointments keep most of their priority while overdue normal tickets still go first', () => {
    const seeds = [hall.seed, hall.seed + 1];
    const fifo = classWaits('fifo', {}, seeds);
    const keep = classWaits('onewindow', {}, seeds);
    const passAll = classWaits(
      'onewindow',
      { balance: { ...DEFAULT_BALANCE, crossClassKeepShare: 0 } },
      seeds,
    );
    for (const c of ['green', 'appointment'] as const) {
      // Passing every later higher-class ticket, the classes wait nearly as long as a normal ticket's
      // target; the keep share at least halves that, though it stays above class-first FIFO's.
      expect(keep.get(c)!).toBeLessThan(0.6 * passAll.get(c)!);
      expect(keep.get(c)!).toBeGreaterThan(fifo.get(c)!);
    }
    // The normal tickets pay for it with little: their mean wait stays below FIFO's.
    expect(keep.get('normal')!).toBeLessThan(fifo.get('normal')!);
  }, 60_000);
});
