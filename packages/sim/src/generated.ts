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
 * The kinds of hall day the sweep draws, besides the typical one:
 * - `overloaded`: for 2–4 hours one category's arrivals bring 1.3–1.8 times what its windows can take
 *   (a 不动产 rush): waits of hours, pooling no better than FIFO;
 * - `bimodal`: most visits short, a few very long (5–15 % of 40–90 minutes), the rest skewed;
 * - `single`: one category only one window serves;
 * - `quiet`: a township hall at 30–50 % load.
 */
export const HALL_KINDS = ['typical', 'overloaded', 'bimodal', 'single', 'quiet'] as const;
export type HallKind = (typeof HALL_KINDS)[number];

/**
 * A hall day such as a user might write: 2–4 categories, 4–10 matters (visits of 3 to 30 minutes,
 * targets that grow with them), 3–8 windows (one universal, the others universal or by category with
 * perhaps a secondary one, some closed over lunch), 70–95 % base load with a morning peak; `kind`
 * bends it as HALL_KINDS says. The same seed and kind give the same hall. Halls that no policy could
 * serve at the base rate (a group of categories bringing more work than the windows able to take it)
 * are drawn again: see `carriesEveryGroup`.
 */
export function generateHall(seed: number, kind: HallKind = 'typical'): Scenario {
  for (let attempt = 0; ; attempt++) {
    const hall = drawHall(seed, kind, new Random(seed * 7919 + attempt * 104_729 + 1));
    if (hall !== undefined) return hall;
  }
}

function drawHall(seed: number, kind: HallKind, r: Random): Scenario | undefined {
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
  if (kind === 'bimodal')
    for (const m of matters) {
      if (r.next() < 0.4) {
        const short = 3 + Math.floor(r.next() * 4);
        m.service = {
          meanMin: short,
          cv: 0.5,
          long: { share: 0.05 + 0.1 * r.next(), meanMin: 40 + 50 * r.next() },
        };
        m.targetWaitMin = 15;
      } else m.service.cv = 1.2 + 0.8 * r.next();
    }
  const windowCount = int(3, 8);
  // `single`: the last category has one window of its own, and no other window serves it.
  const lone = kind === 'single' ? categories[categories.length - 1]! : undefined;
  const others = categories.filter((c) => c !== lone);
  const windows: ScenarioWindow[] =
    lone === undefined
      ? [{ id: 'w1', type: 'universal', primary: { all: true } }]
      : [{ id: 'w1', type: 'category', primary: { categories: [lone] } }];
  for (let i = 2; i <= windowCount; i++) {
    const hours = r.next() < 0.3 ? { hours: LUNCH } : {};
    if (lone !== undefined) {
      const main = pick(others);
      const rest = others.filter((c) => c !== main);
      const second = rest.length > 0 && r.next() < 0.5 ? { secondary: { categories: [pick(rest)] } } : {};
      windows.push({ id: `w${i}`, type: 'category', primary: { categories: [main] }, ...second, ...hours });
      continue;
    }
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
  const load = kind === 'quiet' ? 0.3 + 0.2 * r.next() : 0.7 + 0.25 * r.next();
  const work = matters.reduce((s, m, i) => s + weights[i]! * meanService(m), 0);
  const perWeight = (load * windowCount * 60) / work;
  const base = weights.map((w) => w * perWeight);
  if (!carriesEveryGroup(matters, base, windows)) return undefined;
  for (const [i, m] of matters.entries())
    m.arrivals = PROFILE.map(([at, f]) => [at, Math.round(base[i]! * f * 100) / 100]);
  if (kind === 'overloaded') addRush(r, matters, base, windows);
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
  for (let mask = 1; mask < 1 << categories.length; mask++) {
    const group = categories.filter((_, i) => (mask & (1 << i)) !== 0);
    let work = 0;
    for (const [i, m] of matters.entries())
      if (group.includes(m.category)) work += (perHour[i]! * meanService(m)) / 60;
    const able = windows.filter((w) => group.some((c) => serves(w, c))).length;
    if (work > MAX_GROUP_LOAD * able) return false;
  }
  return true;
}

/** The mean visit of a matter, the long mode included. */
function meanService(m: ScenarioMatter): number {
  const long = m.service.long;
  return long === undefined
    ? m.service.meanMin
    : (1 - long.share) * m.service.meanMin + long.share * long.meanMin;
}

const serves = (w: ScenarioWindow, c: string) =>
  w.primary.all === true ||
  (w.primary.categories ?? []).includes(c) ||
  (w.secondary?.categories ?? []).includes(c);

/**
 * A rush on one category: from a time between 09:00 and 12:00, for 2–4 hours, its matters' arrivals
 * bring 1.3–1.8 times the work of every window able to serve it (all of them at once, so no policy can
 * keep up), then the day goes on as before.
 */
function addRush(
  r: Random,
  matters: ScenarioMatter[],
  base: readonly number[],
  windows: readonly ScenarioWindow[],
) {
  const categories = [...new Set(matters.map((m) => m.category))];
  const category = categories[Math.floor(r.next() * categories.length)]!;
  const able = windows.filter((w) => serves(w, category)).length;
  const start = 9 * 60 + Math.floor(r.next() * 7) * 30;
  const end = start + 120 + Math.floor(r.next() * 5) * 30;
  const factor = 1.3 + 0.5 * r.next();
  const mine = matters.map((m, i) => ({ m, i })).filter(({ m }) => m.category === category);
  const work = mine.reduce((s, { m, i }) => s + (base[i]! * meanService(m)) / 60, 0);
  const scale = (factor * able) / Math.max(1e-9, work);
  const clock = (min: number) =>
    `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
  for (const { m, i } of mine) {
    const rush = Math.round(base[i]! * scale * 100) / 100;
    const before = m.arrivals.filter(([at]) => clockMin(at) < start);
    const after = m.arrivals.filter(([at]) => clockMin(at) > end);
    const resume = [...m.arrivals].reverse().find(([at]) => clockMin(at) <= end)!;
    m.arrivals = [...before, [clock(start), rush], [clock(end), resume[1]], ...after];
  }
}

const clockMin = (at: string): number => {
  const [h, m] = at.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};
