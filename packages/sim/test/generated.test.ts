import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  generateHall,
  MAX_GROUP_LOAD,
  pairedDifference,
  runDays,
  type Scenario,
  sweepHalls,
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
    const days = runDays(generateHall(5), 3, {}, ['fifo', 'onewindow']);
    const max = pairedDifference(
      days.get('onewindow')!.map((m) => m.maxWaitMin),
      days.get('fifo')!.map((m) => 1.02 * m.maxWaitMin),
    );
    expect(sweep[0]!.maxOver).toEqual(max);
    expect(sweep[0]!.verdicts.max).toBe(verdict(max));
    expect(sweep[0]!.matters).toBe(generateHall(5).matters.length);
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
    expect(mixed.stderr).toContain('--sweep generates its halls: it takes no --scenario or --advise');
    expect(mixed.stdout).toBe('');
  });
});
