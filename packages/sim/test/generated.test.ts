import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  generateHall,
  HALL_KINDS,
  MAX_GROUP_LOAD,
  pairedDifference,
  runDays,
  type Scenario,
  sweepHalls,
  sweepKind,
  verdict,
} from '../src/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Work per hour each group of categories brings at the base rate (10:30), against its able windows. */
function worstGroupLoad(s: Scenario): number {
  const cats = [...new Set(s.matters.map((m) => m.category))];
  let worst = 0;
  for (let mask = 1; mask < 1 << cats.length; mask++) {
    const group = cats.filter((_, i) => mask & (1 << i));
    const work = s.matters
      .filter((m) => group.includes(m.category))
      .reduce((sum, m) => sum + (m.arrivals.find(([at]) => at === '10:30')![1] * m.service.meanMin) / 60, 0);
    const able = s.windows.filter(
      (w) =>
        w.primary.all === true ||
        group.some((c) => w.primary.categories?.includes(c) || w.secondary?.categories?.includes(c)),
    ).length;
    worst = Math.max(worst, work / able);
  }
  return worst;
}

describe('generated halls', () => {
  it('are the same for a seed, differ between seeds, and are halls the windows can carry', () => {
    expect(generateHall(7)).toEqual(generateHall(7));
    expect(generateHall(7)).not.toEqual(generateHall(8));
    for (let seed = 1; seed <= 150; seed++) {
      const hall = generateHall(seed);
      expect(hall.matters.length).toBeGreaterThanOrEqual(4);
      expect(hall.matters.length).toBeLessThanOrEqual(10);
      expect(hall.windows.length).toBeGreaterThanOrEqual(3);
      expect(hall.windows.length).toBeLessThanOrEqual(8);
      expect(hall.windows[0]!.primary.all).toBe(true);
      // Rounding of the rates to 0.01 per hour may add a hair to the drawn load.
      expect(worstGroupLoad(hall)).toBeLessThanOrEqual(MAX_GROUP_LOAD + 0.01);
    }
  });
});

describe('the harder kinds of hall day', () => {
  const rate = (s: Scenario, id: string, at: string) =>
    [...s.matters.find((m) => m.id === id)!.arrivals].reverse().find(([from]) => from <= at)?.[1] ?? 0;

  it('come in turn in the sweep, each the same for a seed', () => {
    expect(HALL_KINDS.map((_, i) => sweepKind(i + 1))).toEqual([...HALL_KINDS]);
    for (const kind of HALL_KINDS) expect(generateHall(3, kind)).toEqual(generateHall(3, kind));
  });

  it('overloaded: for 2–4 hours one category brings more work than every window able to take it', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const hall = generateHall(seed, 'overloaded');
      const calm = generateHall(seed, 'typical');
      const grown = hall.matters.filter((m) =>
        ['09:00', '10:00', '11:00', '12:00', '13:00'].some(
          (at) => rate(hall, m.id, at) > 1.2 * rate(calm, m.id, at) + 0.5,
        ),
      );
      expect(grown.length).toBeGreaterThan(0);
      const category = grown[0]!.category;
      expect(grown.every((m) => m.category === category)).toBe(true);
    }
  });

  it('bimodal: some matters with most visits short and a few very long', () => {
    let long = 0;
    for (let seed = 1; seed <= 20; seed++)
      for (const m of generateHall(seed, 'bimodal').matters)
        if (m.service.long !== undefined) {
          long++;
          expect(m.service.long.meanMin).toBeGreaterThanOrEqual(40);
          expect(m.service.long.share).toBeLessThanOrEqual(0.15);
          expect(m.service.meanMin).toBeLessThan(7);
        }
    expect(long).toBeGreaterThan(10);
  });

  it('single: one category served by exactly one window', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const hall = generateHall(seed, 'single');
      const counts = [...new Set(hall.matters.map((m) => m.category))].map(
        (c) =>
          hall.windows.filter(
            (w) =>
              w.primary.all === true ||
              w.primary.categories?.includes(c) ||
              w.secondary?.categories?.includes(c),
          ).length,
      );
      expect(counts).toContain(1);
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    }
  });

  it('quiet: a hall at 30–50 % of its capacity, where the typical one runs at 70–95 %', () => {
    const load = (s: Scenario) =>
      s.matters.reduce((sum, m) => sum + (rate(s, m.id, '10:30') * m.service.meanMin) / 60, 0) /
      s.windows.length;
    for (let seed = 1; seed <= 20; seed++) {
      expect(load(generateHall(seed, 'quiet'))).toBeLessThanOrEqual(0.51);
      expect(load(generateHall(seed, 'quiet'))).toBeGreaterThanOrEqual(0.29);
      expect(load(generateHall(seed, 'typical'))).toBeGreaterThanOrEqual(0.69);
    }
  });
});

describe('the sweep over generated halls', () => {
  it('names each goal held, within noise or missed from the paired interval', () => {
    expect(verdict({ meanMin: -0.2, ci95: [-0.5, 0.1] })).toBe('held');
    expect(verdict({ meanMin: 0, ci95: [-0.3, 0.3] })).toBe('held');
    expect(verdict({ meanMin: 0.2, ci95: [-0.1, 0.5] })).toBe('noise');
    expect(verdict({ meanMin: 0.4, ci95: [0.1, 0.7] })).toBe('missed');
  });

  it('compares onewindow with FIFO on the same days of each hall', () => {
    const sweep = sweepHalls(2, 3, 5);
    expect(sweep.map((v) => v.seed)).toEqual([5, 6]);
    expect(sweep.map((v) => v.kind)).toEqual([sweepKind(5), sweepKind(6)]);
    const days = runDays(generateHall(5, sweepKind(5)), 3, {}, ['fifo', 'onewindow']);
    const max = pairedDifference(
      days.get('onewindow')!.map((m) => m.maxWaitMin),
      days.get('fifo')!.map((m) => 1.02 * m.maxWaitMin),
    );
    expect(sweep[0]!.maxOver).toEqual(max);
    expect(sweep[0]!.verdicts.max).toBe(verdict(max));
    expect(sweep[0]!.matters).toBe(generateHall(5, sweepKind(5)).matters.length);
    expect(sweep[0]!.estimate.coverage).toBeGreaterThan(0);
  });

  it('runs from the command line, and refuses a bad count', () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(root, 'packages/sim/dist/cli.js'), ...args], { encoding: 'utf8' });
    const ok = cli('--sweep', '2', '--seeds', '2');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('2 generated hall(s), 2 day(s) each');
    expect(ok.stdout).toMatch(/max +held in \d, within noise in \d, missed in \d of 2/);
    const bad = cli('--sweep', '0');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('--sweep must be a whole number from 1 to 500');
    const mixed = cli('--sweep', '2', '--advise');
    expect(mixed.status).not.toBe(0);
    expect(mixed.stderr).toContain(
      '--sweep generates its halls: it takes no --scenario, --advise or --variants',
    );
    expect(mixed.stdout).toBe('');
  });
});
