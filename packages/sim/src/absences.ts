import { clockTimeToMinutes } from '@onewindow/domain';
import { Random } from './random.js';
import type { Scenario } from './scenario.js';

/** A clerk away from the window: from `at` (or the end of the service under way) for `minutes`. */
export interface Absence {
  window: number;
  at: number;
  minutes: number;
}

const ABSENCE_STREAM = 0x27d4eb2f;

/** Poisson draws per window at uniform times of the day; AB岗 cover shortens the covered ones. */
export function generateAbsences(scenario: Scenario, seed: number): Absence[] {
  const a = scenario.behaviour.absences;
  if (a.perWindowDay <= 0) return [];
  const rng = new Random((seed ^ ABSENCE_STREAM) >>> 0);
  const open = clockTimeToMinutes(scenario.day.open);
  const close = clockTimeToMinutes(scenario.day.close);
  const out: Absence[] = [];
  scenario.windows.forEach((_, window) => {
    // Poisson count by exponential gaps over one unit of "day".
    for (let u = rng.exponential(1 / a.perWindowDay); u < 1; u += rng.exponential(1 / a.perWindowDay)) {
      const at = open + rng.next() * (close - open);
      out.push({ window, at, minutes: absenceLength(rng, a) });
    }
  });
  return out.sort((x, y) => x.at - y.at || x.window - y.window);
}

/** How long one absence keeps the window shut: its length, or until the AB岗 backup takes over. */
export function absenceLength(rng: Random, a: Scenario['behaviour']['absences']): number {
  const length = rng.lognormal(a.meanMin, a.cv);
  const covered = rng.next() < a.backupShare;
  return covered ? Math.min(length, a.backupAfterMin) : length;
}
