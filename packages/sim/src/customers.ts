import { clockTimeToMinutes, type PriorityClass } from '@onewindow/domain';
import { Random } from './random.js';
import type { Scenario } from './scenario.js';

/** One resident of the simulated day; the same list is replayed under every policy. */
export interface Customer {
  id: number;
  matterId: string;
  /** Minutes since midnight. */
  arrival: number;
  priorityClass: PriorityClass;
  serviceMin: number;
  /** Minutes from the call until the resident reaches the window (0 when absent). */
  walkMin?: number;
  /** Minutes after the call until an away resident is back at the seat (0 or absent: present). */
  awayMin?: number;
  /** Minutes the resident waits before leaving (absent: never leaves). */
  patienceMin?: number;
}

/** A second stream for behaviour, so adding it leaves arrivals and service times of a seed unchanged. */
const BEHAVIOUR_STREAM = 0x5bd1e995;

/**
 * Poisson arrivals at piecewise-constant rates, lognormal service times, priority classes by share.
 * Arrival times, classes and service times are all drawn here, up front, so every policy sees exactly
 * the same residents.
 */
export function generateCustomers(scenario: Scenario, seed: number): Customer[] {
  const rng = new Random(seed);
  const close = clockTimeToMinutes(scenario.day.close);
  const out: Omit<Customer, 'id'>[] = [];
  for (const m of scenario.matters) {
    m.arrivals.forEach(([from, rate], i) => {
      const start = clockTimeToMinutes(from);
      const next = m.arrivals[i + 1];
      const end = Math.min(close, next === undefined ? close : clockTimeToMinutes(next[0]));
      if (rate <= 0 || end <= start) return;
      for (let t = start + rng.exponential(60 / rate); t < end; t += rng.exponential(60 / rate)) {
        const u = rng.next();
        const priorityClass: PriorityClass =
          u < scenario.priorityShare.appointment
            ? 'appointment'
            : u < scenario.priorityShare.appointment + scenario.priorityShare.green
              ? 'green'
              : 'normal';
        out.push({
          matterId: m.id,
          arrival: t,
          priorityClass,
          serviceMin: serviceTime(rng, m.service),
        });
      }
    });
  }
  out.sort((a, b) => a.arrival - b.arrival);
  const b = scenario.behaviour;
  const more = new Random((seed ^ BEHAVIOUR_STREAM) >>> 0);
  return out.map((c, id) => {
    const walkMin = b.walk.meanSec > 0 ? more.lognormal(b.walk.meanSec, b.walk.cv) / 60 : 0;
    const away = more.next() < b.away.share;
    const awayMin = more.exponential(b.away.returnMeanMin);
    const patienceMin = b.patience === null ? undefined : more.lognormal(b.patience.meanMin, b.patience.cv);
    return {
      ...c,
      id,
      walkMin,
      awayMin: away ? awayMin : 0,
      ...(patienceMin === undefined ? {} : { patienceMin }),
    };
  });
}

/** A visit's handle time: lognormal, or from the long mode for bimodal matters (drawn only for them). */
export function serviceTime(rng: Random, s: Scenario['matters'][number]['service']): number {
  if (s.long !== undefined && rng.next() < s.long.share) return rng.lognormal(s.long.meanMin, 0.3);
  return rng.lognormal(s.meanMin, s.cv);
}
