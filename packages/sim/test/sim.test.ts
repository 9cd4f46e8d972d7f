import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Customer,
  dayMetrics,
  generateAbsences,
  generateCustomers,
  loadScenario,
  MIN_SEEDS,
  overlapping,
  parseScenario,
  runScenario,
  runUntilSeparated,
  type Scenario,
  ScenarioError,
  simulateDay,
  staffingAdvice,
  whatIf,
} from '../src/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const scenarios = fileURLToPath(new URL('../scenarios/', import.meta.url));

/** Two windows: w1 serves x (and y as a side skill), w2 serves only y. Service times are exact. */
const tiny: Scenario = parseScenario({
  name: 'tiny',
  seed: 1,
  day: { open: '09:00', close: '10:00' },
  matters: [
    {
      id: 'a',
      name: 'A',
      category: 'x',
      targetWaitMin: 10,
      service: { meanMin: 10, cv: 0 },
      arrivals: [['09:00', 4]],
    },
    {
      id: 'b',
      name: 'B',
      category: 'y',
      targetWaitMin: 10,
      service: { meanMin: 10, cv: 0 },
      arrivals: [['09:00', 2]],
    },
  ],
  windows: [
    { id: 'w1', type: 'category', primary: { categories: ['x'] }, secondary: { categories: ['y'] } },
    { id: 'w2', type: 'dedicated', primary: { categories: ['y'] } },
  ],
  priorityShare: { green: 0, appointment: 0 },
});
const c = (id: number, matterId: string, arrival: number): Customer => ({
  id,
  matterId,
  arrival,
  priorityClass: 'normal',
  serviceMin: 10,
});
// 09:00 a, 09:00:30 b, 09:01 a, 09:02 a
const customers = [c(0, 'a', 540), c(1, 'b', 540.5), c(2, 'a', 541), c(3, 'a', 542)];

describe('simulator against hand-computed queues', () => {
  it('fifo: w2 cannot help with A, so the last A waits for w1 (waits 0, 0, 9, 18)', () => {
    const r = simulateDay(tiny, customers, 'fifo');
    expect(r.customers.map((o) => o.calledAt)).toEqual([540, 540.5, 550, 560]);
    expect(r.customers.map((o) => o.windowId)).toEqual(['w1', 'w2', 'w1', 'w1']);
    // When A at 09:01 arrives both windows that serve it are busy: w1 frees at 09:10.
    expect(r.customers[2]?.estimateMin).toBe(9);
    const m = dayMetrics(tiny, customers, r);
    expect(m).toMatchObject({ served: 4, unserved: 0, maxWaitMin: 18, p50WaitMin: 0, slaAttainment: 0.75 });
    expect(m.meanWaitMin).toBeCloseTo(6.75, 10);
    // w1 busy 30 of 60 open minutes, w2 10 of 60: utilisations 0.5 and 1/6.
    const u = [0.5, 1 / 6];
    const mean = (u[0]! + u[1]!) / 2;
    expect(m.utilizationCv).toBeCloseTo(Math.abs(u[0]! - mean) / mean, 10);
  });

  it('pooled: w2 takes the last A when it frees up (waits 0, 0, 9, 8.5)', () => {
    const r = simulateDay(tiny, customers, 'pooled');
    expect(r.customers.map((o) => o.calledAt)).toEqual([540, 540.5, 550, 550.5]);
    const m = dayMetrics(tiny, customers, r);
    expect(m.meanWaitMin).toBeCloseTo(4.375, 10);
    expect(m).toMatchObject({ maxWaitMin: 9, slaAttainment: 1 });
  });

  it('dedicated equals fifo here, since w1’s side skill is never needed', () => {
    expect(simulateDay(tiny, customers, 'dedicated').customers).toEqual(
      simulateDay(tiny, customers, 'fifo').customers,
    );
  });

  it('finishes a service under way at closing time and reports tickets never served', () => {
    const short = parseScenario({
      ...tiny,
      windows: [{ id: 'w1', type: 'universal', primary: { all: true }, hours: [['09:00', '09:15']] }],
    });
    const r = simulateDay(short, customers, 'fifo');
    // At 09:10 the oldest waiting ticket is B (09:00:30); it is still being served when the window closes.
    expect(r.customers.map((o) => o.calledAt)).toEqual([540, 550, null, null]);
    expect(r.windows[0]).toEqual({ id: 'w1', busyMin: 20, openMin: 20 });
    expect(dayMetrics(short, customers, r)).toMatchObject({ served: 2, unserved: 2, slaAttainment: 0.5 });
  });
});

describe('what a hall has besides its timetable', () => {
  const one = (extra: Partial<Customer>): Customer[] => [{ ...c(0, 'a', 540), ...extra }, c(1, 'a', 541)];

  it('the walk to the window holds the window but ends the wait at the call', () => {
    const r = simulateDay(tiny, one({ walkMin: 0.5 }), 'fifo');
    // The first is called at 09:00 and reaches w1 at 09:00:30; w1 is free again at 09:10:30.
    expect(r.customers.map((o) => o.calledAt)).toEqual([540, 550.5]);
    expect(r.windows[0]?.busyMin).toBeCloseTo(20.5, 10);
  });

  it('a resident away when called is recalled every minute and, after two recalls, marked 过号', () => {
    const gone = simulateDay(tiny, one({ awayMin: 10 }), 'fifo');
    // Called 09:00, recalled 09:01 and 09:02, no-show at 09:03: the next is called then.
    expect(gone.customers[0]).toMatchObject({ calledAt: 540, noShow: true });
    expect(gone.customers[1]?.calledAt).toBe(543);
    const back = simulateDay(tiny, one({ awayMin: 1.5 }), 'fifo');
    // Back at 09:01:30 with the number still called on the screen: served from then, w1 free at 09:11:30.
    expect(back.customers[0]).toMatchObject({ calledAt: 540, noShow: false });
    expect(back.customers[1]?.calledAt).toBe(551.5);
    const m = dayMetrics(tiny, one({ awayMin: 10 }), gone);
    expect(m).toMatchObject({ served: 1, noShows: 1, abandoned: 0, unserved: 0 });
  });

  it('a resident out of patience leaves, and the wait up to leaving still counts', () => {
    // Both want w1 (A); the second gives up after 5 minutes of the first one's 10-minute visit.
    const list = [c(0, 'a', 540), { ...c(1, 'a', 541), patienceMin: 5 }];
    const r = simulateDay(tiny, list, 'fifo');
    expect(r.customers[1]).toMatchObject({ calledAt: null, leftAt: 546 });
    const m = dayMetrics(tiny, list, r);
    expect(m).toMatchObject({ served: 1, abandoned: 1, unserved: 0, maxWaitMin: 5 });
    expect(m.meanWaitMin).toBeCloseTo(2.5, 10);
    expect(m.slaAttainment).toBe(0.5);
  });

  it('a clerk steps away after the visit under way, and the window calls again on return', () => {
    const absences = [{ window: 0, at: 545, minutes: 7 }];
    const r = simulateDay(tiny, one({}), 'fifo', { absences });
    // The visit ends 09:10; the clerk is away until 09:17, so the second A is called then.
    expect(r.customers.map((o) => o.calledAt)).toEqual([540, 557]);
    // An absence at an idle window starts at once.
    const idle = simulateDay(tiny, [c(0, 'a', 541)], 'fifo', {
      absences: [{ window: 0, at: 540.5, minutes: 4 }],
    });
    expect(idle.customers[0]?.calledAt).toBe(544.5);
  });

  it('AB岗 as the server plays it: while w1’s clerk is away, w2’s clerk (their backup) serves A too', () => {
    const covered = parseScenario({
      ...tiny,
      windows: [tiny.windows[0], { ...tiny.windows[1], backupOf: ['w1'] }],
    });
    const absences = [{ window: 0, at: 540.25, minutes: 30 }];
    const list = [c(0, 'a', 540.5), c(1, 'a', 541)];
    // Without cover both A wait for w1's clerk to come back at 09:30:15, then one after the other.
    const alone = simulateDay(tiny, list, 'onewindow', { absences });
    expect(alone.customers.map((o) => [o.calledAt, o.windowId])).toEqual([
      [570.25, 'w1'],
      [580.25, 'w1'],
    ]);
    // With w2 backing w1 up, w2 takes A while w1 is closed: the first at once, the second after it.
    const cover = simulateDay(covered, list, 'onewindow', { absences });
    expect(cover.customers.map((o) => [o.calledAt, o.windowId])).toEqual([
      [540.5, 'w2'],
      [550.5, 'w2'],
    ]);
    expect(() =>
      parseScenario({ ...tiny, windows: [{ ...tiny.windows[0], backupOf: ['w9'] }, tiny.windows[1]] }),
    ).toThrow(/unknown window "w9"/);
  });

  it('draws behaviour from its own stream: arrivals and visits of a seed do not change with it', () => {
    const s = loadScenario(join(scenarios, 'township.json'));
    const off = parseScenario({
      ...s,
      behaviour: {
        walk: { meanSec: 0, cv: 0 },
        away: { share: 0, returnMeanMin: 1, recallAfterMin: 1, maxRecalls: 2 },
        patience: null,
        absences: { perWindowDay: 0, meanMin: 1, cv: 0, backupShare: 0, backupAfterMin: 0 },
      },
    });
    const plain = (list: Customer[]) => list.map((x) => [x.arrival, x.matterId, x.serviceMin]);
    expect(plain(generateCustomers(s, 9))).toEqual(plain(generateCustomers(off, 9)));
    expect(generateCustomers(off, 9).every((x) => x.walkMin === 0 && x.awayMin === 0)).toBe(true);
    expect(generateAbsences(off, 9)).toEqual([]);
    // With the defaults: about 5 % away, everyone walks, some absences, the same for the same seed.
    const days = [1, 2, 3, 4, 5].flatMap((k) => generateCustomers(s, k));
    const away = days.filter((x) => (x.awayMin ?? 0) > 0).length / days.length;
    expect(away).toBeGreaterThan(0.02);
    expect(away).toBeLessThan(0.09);
    expect(days.every((x) => (x.walkMin ?? 0) > 0 && (x.patienceMin ?? 0) > 0)).toBe(true);
    expect(generateAbsences(s, 3)).toEqual(generateAbsences(s, 3));
    const absences = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((k) => generateAbsences(s, k));
    // 0.5 per window and day over 5 windows and 8 days: about 20.
    expect(absences.length).toBeGreaterThan(5);
    expect(absences.length).toBeLessThan(40);
    // AB岗 cover: most absences end after the 5 minutes the backup clerk needs.
    expect(absences.filter((a) => a.minutes <= 5).length).toBeGreaterThan(absences.length / 2);
  });

  it('a day that tells no waits (toldBy) calls every resident exactly when the day that tells them does', () => {
    const s = loadScenario(join(scenarios, 'township.json'));
    const list = generateCustomers(s, 4);
    const options = { absences: generateAbsences(s, 4) };
    const told = simulateDay(s, list, 'onewindow', options);
    const silent = simulateDay(s, list, 'onewindow', { ...options, toldBy: ['fifo'] });
    const calls = (r: typeof told) => r.customers.map((o) => [o.id, o.calledAt, o.windowId, o.leftAt]);
    expect(calls(silent)).toEqual(calls(told));
    expect(told.customers.filter((o) => o.estimateMin !== null).length).toBeGreaterThan(100);
    expect(silent.customers.every((o) => o.estimateMin === null && o.rangeFromMin === null)).toBe(true);
  });
});

describe('how many days a run takes', () => {
  it('stops at 40 days when the intervals already say what the paired differences say, else doubles up to the cap', () => {
    const s = loadScenario(join(scenarios, 'township.json'));
    // Mean waits only: no day tells waits (the calls are the same without, and cost a fraction).
    const { report, stillOverlapping } = runUntilSeparated(s, { toldBy: [] }, 2 * MIN_SEEDS);
    expect([MIN_SEEDS, 2 * MIN_SEEDS]).toContain(report.seeds);
    // Whatever it still reports overlapping does overlap onewindow's interval in the report it gives.
    for (const p of stillOverlapping) expect(overlapping(report)).toContain(p);
    if (report.seeds === MIN_SEEDS) expect(stillOverlapping).toEqual([]);
    // The days are the seeded ones: the run equals a fixed run of as many days.
    const plain = runScenario(s, report.seeds, { toldBy: [] }, ['onewindow']);
    expect(report.policies.onewindow.meanWaitMin).toBeCloseTo(plain.policies.onewindow.meanWaitMin, 10);
  }, 120_000);

  it('calls intervals overlapping when the figures are closer than their half-widths add up to', () => {
    const s = loadScenario(join(scenarios, 'township.json'));
    const r = runScenario(s, 3);
    const near = {
      ...r,
      policies: {
        ...r.policies,
        fifo: { ...r.policies.fifo, meanWaitMin: r.policies.onewindow.meanWaitMin + 0.1 },
      },
      ci95: {
        ...r.ci95,
        fifo: { ...r.ci95.fifo, meanWaitMin: 0.1 },
        onewindow: { ...r.ci95.onewindow, meanWaitMin: 0.1 },
      },
    };
    expect(overlapping(near)).toContain('fifo');
    const far = {
      ...near,
      policies: {
        ...near.policies,
        fifo: { ...near.policies.fifo, meanWaitMin: r.policies.onewindow.meanWaitMin + 1 },
      },
    };
    expect(overlapping(far)).not.toContain('fifo');
  });
});

describe('generated days', () => {
  it('gives the same output for the same seed and another for another seed', () => {
    const s = loadScenario(join(scenarios, 'township.json'));
    expect(JSON.stringify(runScenario(s, 2))).toBe(JSON.stringify(runScenario(s, 2)));
    expect(generateCustomers(s, 3)).toEqual(generateCustomers(s, 3));
    expect(generateCustomers(s, 3)).not.toEqual(generateCustomers(s, 4));
  });

  it('draws Poisson arrivals at the scheduled rates, none after closing', () => {
    const s = parseScenario({
      ...tiny,
      day: { open: '08:00', close: '18:00' },
      matters: [
        {
          ...tiny.matters[0]!,
          arrivals: [
            ['08:00', 30],
            ['12:00', 0],
            ['13:00', 60],
          ],
        },
        { ...tiny.matters[1]!, arrivals: [['08:00', 0]] },
      ],
    });
    const days = [0, 1, 2, 3, 4].map((k) => generateCustomers(s, 100 + k));
    const all = days.flat();
    expect(all.every((x) => x.matterId === 'a')).toBe(true);
    expect(all.some((x) => x.arrival >= 12 * 60 && x.arrival < 13 * 60)).toBe(false);
    expect(all.every((x) => x.arrival < 18 * 60)).toBe(true);
    // Expected 4 h × 30 + 5 h × 60 = 420 a day; five days are within 4 standard deviations of 2,100.
    expect(Math.abs(all.length - 2100)).toBeLessThan(4 * Math.sqrt(2100));
  });

  it('draws lognormal service times with the configured mean', () => {
    const s = parseScenario({
      ...tiny,
      matters: [
        { ...tiny.matters[0]!, service: { meanMin: 12, cv: 0.6 }, arrivals: [['09:00', 3000]] },
        tiny.matters[1]!,
      ],
    });
    const times = generateCustomers(s, 9).map((x) => x.serviceMin);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    expect(times.length).toBeGreaterThan(2500);
    expect(mean).toBeGreaterThan(11.5);
    expect(mean).toBeLessThan(12.5);
  });
});

describe('scenario files', () => {
  it('ships four valid scenarios', () => {
    for (const f of ['township', 'county-weekday', 'estate-spike', 'category-closes']) {
      const s = loadScenario(join(scenarios, `${f}.json`));
      expect(s.windows.length).toBeGreaterThanOrEqual(f === 'township' ? 4 : 20);
    }
  });

  it('rejects errors with the path of the bad field', () => {
    const problems = (data: unknown): string[] => {
      try {
        parseScenario(data);
        return [];
      } catch (e) {
        return e instanceof ScenarioError ? [...e.problems] : ['unexpected'];
      }
    };
    const bad = structuredClone(tiny) as unknown as {
      matters: { arrivals: unknown[]; service: { meanMin: number } }[];
      windows: { primary: unknown; hours?: unknown }[];
      day: { close: string };
    };
    bad.matters[0]!.arrivals = [
      ['09:30', 2],
      ['09:00', 1],
    ];
    bad.matters[1]!.service.meanMin = -1;
    bad.windows[1]!.primary = { categories: ['nowhere'] };
    expect(problems(bad)).toEqual([
      'matters[1].service.meanMin: Too small: expected number to be >0',
      'matters[0].arrivals[1][0]: arrival times must increase',
      'windows[1].primary.categories[0]: no matter has category "nowhere"',
    ]);
    bad.day.close = '25:00';
    expect(problems(bad)).toContain('day.close: must be HH:MM (24-hour)');
    expect(problems({ ...tiny, extra: 1 })[0]).toMatch(/Unrecognized key/);
  });
});

describe('staffing advice and what-if', () => {
  it('sizes each hour and group with Erlang C and ranks simulated changes', () => {
    const s = loadScenario(join(scenarios, 'township.json'));
    const advice = staffingAdvice(s);
    expect(advice.length).toBeGreaterThan(10);
    for (const a of advice) {
      expect(a.windowsNeeded).toBeGreaterThanOrEqual(Math.ceil(a.load));
      expect(a.hour).toMatch(/^\d\d:\d\d–\d\d:\d\d$/);
    }
    const w = whatIf(s, 1, 3);
    expect(w.options).toHaveLength(3);
    expect(w.options[0]!.reductionMin).toBeGreaterThanOrEqual(w.options[1]!.reductionMin);
    // Another window all day must shorten the waits of a hall that has queues at all.
    expect(
      whatIf(s, 1, 100).options.find((o) => o.change.startsWith('open one more'))!.reductionMin,
    ).toBeGreaterThan(0);
  });
});

describe('npm run sim', () => {
  beforeAll(() => {
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '-b', join(root, 'packages/sim')],
      { stdio: 'inherit' },
    );
  });

  it('prints one JSON object with every policy’s figures', () => {
    const out = execFileSync(
      process.execPath,
      [
        join(root, 'packages/sim/dist/cli.js'),
        '--scenario',
        join(scenarios, 'township.json'),
        '--seeds',
        '2',
        '--json',
      ],
      { encoding: 'utf8' },
    );
    const r = JSON.parse(out) as {
      scenario: string;
      seeds: number;
      policies: Record<string, Record<string, number>>;
    };
    expect(r.seeds).toBe(2);
    expect(Object.keys(r.policies)).toEqual(['dedicated', 'fifo', 'onewindow', 'pooled']);
    expect(Object.keys(r.policies.onewindow!)).toEqual([
      'served',
      'unserved',
      'abandoned',
      'noShows',
      'meanWaitMin',
      'p50WaitMin',
      'p90WaitMin',
      'p95WaitMin',
      'maxWaitMin',
      'slaAttainment',
      'utilizationCv',
      'estimateMaeMin',
      'estimateBiasMin',
      'naiveMaeMin',
      'rangeCoverage',
    ]);
    // Every figure comes with its 95 % confidence half-width over the seeds.
    const ci = (JSON.parse(out) as { ci95: Record<string, Record<string, number>> }).ci95;
    expect(Object.keys(ci.onewindow!)).toEqual(Object.keys(r.policies.onewindow!));
    expect(ci.onewindow!.meanWaitMin).toBeGreaterThanOrEqual(0);
  });

  it('refuses a bad scenario file with the path of the problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-sim-'));
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({ ...tiny, priorityShare: { green: 0.7, appointment: 0.6 } }),
    );
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(root, 'packages/sim/dist/cli.js'), ...args], { encoding: 'utf8' });
    const r = cli('--scenario', join(dir, 'bad.json'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('priorityShare: green and appointment shares add up to more than 1');
    writeFileSync(
      join(dir, 'bad-behaviour.json'),
      JSON.stringify({
        ...tiny,
        behaviour: { away: { share: 2, returnMeanMin: 3, recallAfterMin: 1, maxRecalls: 2 } },
      }),
    );
    const b = cli('--scenario', join(dir, 'bad-behaviour.json'));
    expect(b.status).toBe(1);
    expect(b.stderr).toContain('behaviour.away.share');
    const seeds = cli('--seeds', 'many');
    expect(seeds.status).not.toBe(0);
    expect(seeds.stderr).toContain('--seeds must be auto or a whole number from 1 to 1000');
  });
});
