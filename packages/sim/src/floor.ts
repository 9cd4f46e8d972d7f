import type { WaitCalibration } from '@onewindow/domain';
import { type Absence, absenceLength, generateAbsences } from './absences.js';
import { type Customer, generateCustomers, serviceTime } from './customers.js';
import { simulateDay } from './engine.js';
import { Random } from './random.js';
import { daysBefore, learnedBefore } from './run.js';
import type { Scenario } from './scenario.js';

/**
 * How well any wait estimate could do on a hall: for tickets of simulated days, the hall played on
 * from the moment of issue many times over, with everything known then kept — who waits for what, who
 * is at which window and since when, the windows' hours, the clerks away now, the dispatch policy
 * itself — and everything not known yet drawn afresh: how long each visit not ended lasts (a visit
 * under way: longer than it has lasted so far), who else comes, whether the residents waiting step away
 * or give up (not before now), when a clerk away now comes back, which clerks step away later. The median of those plays, in whole
 * minutes, is what a told wait judged by how far off it is should say; its error is the floor of the
 * estimate's. It knows the distributions exactly where the estimate learns them, so where its error is
 * above a goal no estimate holds the goal. (Where residents' patience weighs most, an overloaded hall,
 * the estimate's learned attrition can come out ahead of these draws.)
 */
export interface FloorOptions {
  /** Days simulated (seeds first … first + days − 1). */
  days: number;
  /** Plays per ticket judged. */
  plays: number;
  /** Every how many tickets one is judged (the plays are the cost). */
  every: number;
}

export const DEFAULT_FLOOR: FloorOptions = { days: 5, plays: 20, every: 4 };

export interface EstimateFloor {
  /** Tickets judged (called, told a wait at issue). */
  tickets: number;
  meanWaitMin: number;
  /** The estimate's error and bias on those tickets, as shares of their mean wait. */
  told: { maeShare: number; biasShare: number };
  /** The floor's: the median of the plays, in whole minutes. */
  floor: { maeShare: number; biasShare: number };
  /** The floor's mean absolute error in minutes. */
  floorMaeMin: number;
}

/** Seeds of the plays' draws, apart from every simulated day's. */
const FLOOR_STREAM = 0x3c6ef372;

export function estimateFloor(
  scenario: Scenario,
  options: FloorOptions = DEFAULT_FLOOR,
  first = scenario.seed,
): EstimateFloor {
  const sums = { n: 0, actual: 0, told: 0, toldSigned: 0, floor: 0, floorSigned: 0 };
  let learned: WaitCalibration | undefined;
  for (let k = 0; k < options.days; k++) {
    const seed = first + k;
    const customers = generateCustomers(scenario, seed);
    const absences = generateAbsences(scenario, seed);
    const history = daysBefore(scenario, seed);
    // As runDays: each day starts from what the hall learned by the end of the one before.
    const day = simulateDay(scenario, customers, 'onewindow', {
      absences,
      history,
      toldBy: ['onewindow'],
      learned: k === 0 ? learnedBefore(scenario, seed, 'onewindow') : learned,
    });
    learned = day.learned;
    for (const c of customers) {
      const o = day.customers[c.id]!;
      if (c.id % options.every !== 0 || o.calledAt === null || o.leftAt !== null || o.estimateMin === null)
        continue;
      const waits: number[] = [];
      for (let r = 0; r < options.plays; r++) {
        const drawSeed = (FLOOR_STREAM ^ (seed * 1_000_003 + c.id * 7919 + r)) >>> 0;
        const rng = new Random((drawSeed ^ 0x9e3779b9) >>> 0);
        const fresh = generateCustomers(scenario, drawSeed);
        const known = customers
          .filter((x) => x.arrival <= c.arrival)
          .map((x) => knownThen(x, day.customers[x.id]!.calledAt, c.arrival, rng, fresh, scenario));
        const later = fresh
          .filter((f) => f.arrival > c.arrival)
          .map((f, i) => ({ ...f, id: known.length + i }));
        const away: Absence[] = [
          // A clerk away now: gone since then, back at a time nobody knows yet.
          ...absences
            .filter((a) => a.at <= c.arrival)
            .map((a) =>
              a.at + a.minutes <= c.arrival
                ? a
                : {
                    ...a,
                    minutes: drawAbove(
                      () => absenceLength(rng, scenario.behaviour.absences),
                      c.arrival - a.at,
                    ),
                  },
            ),
          ...generateAbsences(scenario, drawSeed).filter((a) => a.at > c.arrival),
        ].sort((a, b) => a.at - b.at || a.window - b.window);
        const play = simulateDay(scenario, [...known, ...later], 'onewindow', {
          absences: away,
          history,
          toldBy: [],
        }).customers[c.id]!;
        waits.push((play.calledAt ?? play.leftAt ?? c.arrival) - c.arrival);
      }
      const actual = o.calledAt - c.arrival;
      // The median: what a told wait judged by how far off it is should be.
      waits.sort((a, b) => a - b);
      const floor = Math.round(waits[Math.floor(waits.length / 2)] ?? 0);
      sums.n++;
      sums.actual += actual;
      sums.told += Math.abs(o.estimateMin - actual);
      sums.toldSigned += o.estimateMin - actual;
      sums.floor += Math.abs(floor - actual);
      sums.floorSigned += floor - actual;
    }
  }
  const share = (x: number) => x / Math.max(1e-9, sums.actual);
  return {
    tickets: sums.n,
    meanWaitMin: sums.actual / Math.max(1, sums.n),
    told: { maeShare: share(sums.told), biasShare: share(sums.toldSigned) },
    floor: { maeShare: share(sums.floor), biasShare: share(sums.floorSigned) },
    floorMaeMin: sums.floor / Math.max(1, sums.n),
  };
}

/**
 * A resident who came by `at`, as known then: a visit ended by then keeps its length; one under way
 * lasts longer than it has so far; one not begun, and what a waiting resident will do, are drawn anew.
 */
function knownThen(
  x: Customer,
  calledAt: number | null,
  at: number,
  rng: Random,
  fresh: readonly Customer[],
  scenario: Scenario,
): Customer {
  const service = scenario.matters.find((m) => m.id === x.matterId)!.service;
  if (calledAt === null || calledAt > at) {
    const like = fresh[Math.floor(rng.next() * fresh.length)];
    const { walkMin: _w, awayMin: _a, patienceMin: _p, ...rest } = x;
    const patience = scenario.behaviour.patience;
    return {
      ...rest,
      serviceMin: serviceTime(rng, service),
      ...(like?.walkMin === undefined ? {} : { walkMin: like.walkMin }),
      ...(like?.awayMin === undefined ? {} : { awayMin: like.awayMin }),
      // Still waiting at `at`: patience that has lasted so far.
      ...(patience === null
        ? {}
        : { patienceMin: drawAbove(() => rng.lognormal(patience.meanMin, patience.cv), at - x.arrival) }),
    };
  }
  const start = calledAt + (x.walkMin ?? 0);
  if (start + x.serviceMin <= at) return x;
  return { ...x, serviceMin: drawAbove(() => serviceTime(rng, service), Math.max(0, at - start)) };
}

/** A draw longer than `least` (by rejection; just over it if a thousand draws fall short). */
function drawAbove(draw: () => number, least: number): number {
  for (let i = 0; i < 1000; i++) {
    const d = draw();
    if (d > least) return d;
  }
  return least + 0.1;
}
