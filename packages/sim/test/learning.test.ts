import { beforeAll, describe, expect, it } from 'vitest';
import {
  dayMetrics,
  daysBefore,
  generateAbsences,
  generateCustomers,
  generateHall,
  type HallVerdict,
  learnedBefore,
  runDays,
  simulateDay,
  sweepHalls,
} from '../src/index.js';

describe('the hall learns its estimates through the day', () => {
  it('never from an outcome before it happened: changing the afternoon leaves every morning estimate as it was', () => {
    const hall = generateHall(7, 'overloaded');
    const customers = generateCustomers(hall, 41);
    const absences = generateAbsences(hall, 41);
    const noon = 12 * 60;
    // The afternoon's residents take twice as long and some leave: the morning cannot know.
    const changed = customers.map((c) =>
      c.arrival < noon ? c : { ...c, serviceMin: 2 * c.serviceMin, patienceMin: 5 },
    );
    const a = simulateDay(hall, customers, 'onewindow', { absences });
    const b = simulateDay(hall, changed, 'onewindow', { absences });
    const morning = (r: typeof a) =>
      r.customers.filter((o) => o.arrival < noon).map((o) => [o.estimateMin, o.rangeFromMin, o.rangeToMin]);
    expect(morning(b)).toEqual(morning(a));
    const afternoon = (r: typeof a) => r.customers.filter((o) => o.arrival >= noon).map((o) => o.estimateMin);
    expect(afternoon(b)).not.toEqual(afternoon(a));
  });

  it('starts each day from what it learned the day before, as a hall in service replays its store', () => {
    const hall = generateHall(12, 'overloaded');
    const customers = generateCustomers(hall, 44);
    const absences = generateAbsences(hall, 44);
    const learned = learnedBefore(hall, 44, 'onewindow');
    expect(learned?.observed).toBeGreaterThan(100);
    // The day before is played with the policy's own calls: another policy learns another day.
    // (The count of outcomes may match by chance; what they taught does not.)
    expect(learnedBefore(hall, 44, 'fifo')).not.toEqual(learned);
    expect(learnedBefore(hall, 44, 'onewindow', { calibration: null })).toBeUndefined();
    const fresh = simulateDay(hall, customers, 'onewindow', { absences });
    const carried = simulateDay(hall, customers, 'onewindow', { absences, learned });
    // The same calls either way: the estimate never decides who is called.
    expect(carried.customers.map((c) => c.calledAt)).toEqual(fresh.customers.map((c) => c.calledAt));
    // The morning's first residents are told differently: the new hall tells the structure as it is.
    const first = (r: typeof fresh) => r.customers.slice(0, 40).map((c) => c.estimateMin);
    expect(first(carried)).not.toEqual(first(fresh));
    // runDays plays its days one after another: the second starts from what the first learned.
    const [, second] = runDays(hall, 2, {}, ['onewindow'], 44).get('onewindow')!;
    const day1 = simulateDay(hall, customers, 'onewindow', {
      absences,
      history: daysBefore(hall, 44),
      learned,
    });
    const next = generateCustomers(hall, 45);
    const day2 = simulateDay(hall, next, 'onewindow', {
      absences: generateAbsences(hall, 45),
      history: daysBefore(hall, 45),
      learned: day1.learned,
    });
    expect(second).toEqual(dayMetrics(hall, next, day2));
    // And over days the carried learning is the better told wait.
    const days = runDays(hall, 8, {}, ['onewindow']).get('onewindow')!;
    const newHall = runDays(hall, 8, { newHall: true }, ['onewindow']).get('onewindow')!;
    const mae = (xs: typeof days) => xs.reduce((s, m) => s + m.estimateMaeMin, 0) / xs.length;
    expect(mae(days)).toBeLessThan(mae(newHall));
  });

  it('corrects its estimates on an overloaded day: less bias and error than the structure alone', () => {
    const hall = generateHall(17, 'overloaded');
    const learned = runDays(hall, 12, {}, ['onewindow']).get('onewindow')!;
    const fixed = runDays(hall, 12, { calibration: null }, ['onewindow']).get('onewindow')!;
    const avg = (xs: typeof learned, f: (m: (typeof learned)[number]) => number) =>
      xs.reduce((s, m) => s + f(m), 0) / xs.length;
    expect(Math.abs(avg(learned, (m) => m.estimateBiasMin))).toBeLessThan(
      0.7 * Math.abs(avg(fixed, (m) => m.estimateBiasMin)),
    );
    expect(avg(learned, (m) => m.estimateMaeMin)).toBeLessThan(avg(fixed, (m) => m.estimateMaeMin));
  });
});

/** Halls of the sweep run here: one of each kind (`SIM_SWEEP_HALLS=40` for the full figures). */
const SWEEP_HALLS = Number(process.env.SIM_SWEEP_HALLS ?? 5);

describe('goals over the sweep’s harder halls (each kind, 40 days each)', () => {
  let sweep: HallVerdict[] = [];
  beforeAll(() => {
    sweep = sweepHalls(SWEEP_HALLS, 40);
  }, 600_000);

  it('draws every kind: typical, overloaded, bimodal, single-window and quiet halls', () => {
    expect(new Set(sweep.map((v) => v.kind)).size).toBe(5);
  });

  it('never worse than FIFO beyond noise on mean, p95 and longest wait, overloaded halls included', () => {
    for (const v of sweep) {
      expect(v.verdicts.mean, `hall ${v.seed} (${v.kind})`).not.toBe('missed');
      expect(v.verdicts.p95, `hall ${v.seed} (${v.kind})`).not.toBe('missed');
      expect(v.verdicts.max, `hall ${v.seed} (${v.kind})`).not.toBe('missed');
    }
  });

  it('keeps its printed ranges to 80 % ± 5 wherever residents wait a few minutes, and its bias small', () => {
    for (const v of sweep) {
      const e = v.estimate;
      if (e.meanWaitMin >= 2) {
        expect(e.coverage, `hall ${v.seed} (${v.kind})`).toBeGreaterThanOrEqual(0.75);
        expect(e.coverage, `hall ${v.seed} (${v.kind})`).toBeLessThanOrEqual(0.85);
      }
      expect(Math.abs(e.biasShare), `hall ${v.seed} (${v.kind})`).toBeLessThanOrEqual(0.15);
    }
  });

  it('tells typical, single-window and overloaded halls their wait within 40 % of the mean, bias within 10 %', () => {
    // Bimodal and quiet halls are left out: there the one long visit ahead, or a wait of seconds,
    // decides what is left of the error (packages/sim/README.md, "Where the policy stands").
    const judged = sweep.filter(
      (v) => v.kind === 'typical' || v.kind === 'single' || v.kind === 'overloaded',
    );
    expect(judged.length).toBeGreaterThanOrEqual(3);
    for (const v of judged) {
      expect(v.estimate.maeShare, `hall ${v.seed} (${v.kind})`).toBeLessThanOrEqual(0.4);
      expect(Math.abs(v.estimate.biasShare), `hall ${v.seed} (${v.kind})`).toBeLessThanOrEqual(0.1);
    }
  });
});
