import { Random } from './random.js';
import { parseScenario, type Scenario, type ScenarioMatter, type ScenarioWindow } from './scenario.js';

/** How arrivals move through a generated day, as a share of the base rate (like the shipped days). */
const PROFILE: [string, number][] = [
  ['08:30', 1.3],
  ['10:30', 1],
  ['12:00', 0.3],
  ['14:00', 1],
  ['16:30', 0.5],
  ['17:00', 0],
];
const LUNCH: [string, string][] = [
  ['08:30', '12:00'],
  ['13:30', '17:30'],
];
/** The most work per able window any group of categories may bring at the base rate. */
export const MAX_GROUP_LOAD = 0.92;

/**
 * A hall day such as a user might write: 2–4 categories, 4–10 matters (visits of 3 to 30 minutes,
 * targets that grow with them), 3–8 windows (one universal, the others universal or by category with
 * perhaps a secondary one, some closed over lunch), 70–95 % base load with a morning peak. The same
 * seed gives the same hall. Halls that no policy could serve (a group of categories bringing more
 * work than the windows able to take it) are drawn again: see `carriesEveryGroup`.
 */
export function generateHall(seed: number): Scenario {
  for (let attempt = 0; ; attempt++) {
    const hall = drawHall(seed, new Random(seed * 7919 + attempt * 104_729 + 1));
    if (hall !== undefined) return hall;
  }
}

function drawHall(seed: number, r: Random): Scenario | undefined {
  const int = (lo: number, hi: number) => lo + Math.floor(r.next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r.next() * xs.length)]!;
  const categories = ['c1', 'c2', 'c3', 'c4'].slice(0, int(2, 4));
  const weights: number[] = [];
  const matters: ScenarioMatter[] = Array.from({ length: int(4, 10) }, (_, i) => {
    const meanMin = Math.round(Math.exp(Math.log(3) + r.next() * Math.log(10)));
    weights.push(0.3 + 2 * r.next());
    return {
      id: `m${i + 1}`,
      name: `matter ${i + 1}`,
      category: categories[i % categories.length]!,
      targetWaitMin: pick(meanMin <= 8 ? [10, 15] : meanMin <= 15 ? [15, 20] : [20, 30]),
      service: { meanMin, cv: 0.4 + 0.4 * r.next() },
      arrivals: [],
    };
  });
  const windowCount = int(3, 8);
  const windows: ScenarioWindow[] = [{ id: 'w1', type: 'universal', primary: { all: true } }];
  for (let i = 2; i <= windowCount; i++) {
    const hours = r.next() < 0.3 ? { hours: LUNCH } : {};
    if (r.next() < 0.35) {
      windows.push({ id: `w${i}`, type: 'universal', primary: { all: true }, ...hours });
      continue;
    }
    const main = pick(categories);
    const second =
      r.next() < 0.5 ? { secondary: { categories: [pick(categories.filter((c) => c !== main))] } } : {};
    windows.push({ id: `w${i}`, type: 'category', primary: { categories: [main] }, ...second, ...hours });
  }
  // Arrivals per hour at the base rate, so the whole hall's work is the drawn share of its windows.
  const load = 0.7 + 0.25 * r.next();
  const work = matters.reduce((s, m, i) => s + weights[i]! * m.service.meanMin, 0);
  const perWeight = (load * windowCount * 60) / work;
  const base = weights.map((w) => w * perWeight);
  if (!carriesEveryGroup(matters, base, windows)) return undefined;
  for (const [i, m] of matters.entries())
    m.arrivals = PROFILE.map(([at, f]) => [at, Math.round(base[i]! * f * 100) / 100]);
  return parseScenario(
    {
      name: `generated hall ${seed}`,
      seed,
      day: { open: '08:30', close: '17:30' },
      matters,
      windows,
      priorityShare: { green: 0.1 * r.next(), appointment: 0.05 * r.next() },
    },
    `generated hall ${seed}`,
  );
}

/**
 * Hall's condition at the base rate: every group of categories brings at most `MAX_GROUP_LOAD` of
 * the windows able to serve any of them (a window closed over lunch counts whole). A hall that fails
 * it is short of windows whatever the dispatch does, which is the staffing advice's business.
 */
function carriesEveryGroup(
  matters: readonly ScenarioMatter[],
  perHour: readonly number[],
  windows: readonly ScenarioWindow[],
): boolean {
  const categories = [...new Set(matters.map((m) => m.category))];
  const serves = (w: ScenarioWindow, c: string) =>
    w.primary.all === true ||
    (w.primary.categories ?? []).includes(c) ||
    (w.secondary?.categories ?? []).includes(c);
  for (let mask = 1; mask < 1 << categories.length; mask++) {
    const group = categories.filter((_, i) => (mask & (1 << i)) !== 0);
    let work = 0;
    for (const [i, m] of matters.entries())
      if (group.includes(m.category)) work += (perHour[i]! * m.service.meanMin) / 60;
    const able = windows.filter((w) => group.some((c) => serves(w, c))).length;
    if (work > MAX_GROUP_LOAD * able) return false;
  }
  return true;
}
