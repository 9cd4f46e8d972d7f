import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  generateHall,
  judgeHall,
  judgeVariants,
  loadScenario,
  ScenarioError,
  VARIANTS,
  variantOf,
} from '../src/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const township = loadScenario(join(root, 'packages/sim/scenarios/township.json'));

describe('the shipped days bent (--variants)', () => {
  it('scales arrivals, visits and their spread, and keeps the hall as it is', () => {
    const busier = variantOf(township, { name: 'busier', arrivals: 1.15, visits: 0.7, spread: 1.8 });
    expect(busier.name).toBe(`${township.name} (busier)`);
    expect(busier.windows).toEqual(township.windows);
    expect(busier.day).toEqual(township.day);
    expect(busier.seed).toBe(township.seed);
    for (const [i, m] of busier.matters.entries()) {
      const was = township.matters[i]!;
      expect(m.id).toBe(was.id);
      expect(m.targetWaitMin).toBe(was.targetWaitMin);
      expect(m.service.meanMin).toBeCloseTo(was.service.meanMin * 0.7, 9);
      expect(m.service.cv).toBeCloseTo(Math.min(5, was.service.cv * 1.8), 9);
      expect(m.arrivals.map(([at]) => at)).toEqual(was.arrivals.map(([at]) => at));
      for (const [k, [, rate]] of m.arrivals.entries())
        expect(rate).toBeCloseTo(was.arrivals[k]![1] * 1.15, 2);
    }
  });

  it('leaves the day as written alone, bends long visits too and keeps the spread a scenario allows', () => {
    expect(variantOf(township, VARIANTS[0]!)).toEqual(township);
    const bimodal = generateHall(3, 'bimodal');
    const longer = variantOf(bimodal, { name: 'longer', arrivals: 1, visits: 1.5, spread: 100 });
    const withLong = bimodal.matters.findIndex((m) => m.service.long !== undefined);
    expect(withLong).toBeGreaterThanOrEqual(0);
    expect(longer.matters[withLong]!.service.long!.meanMin).toBeCloseTo(
      bimodal.matters[withLong]!.service.long!.meanMin * 1.5,
      9,
    );
    expect(longer.matters[withLong]!.service.long!.share).toBe(
      bimodal.matters[withLong]!.service.long!.share,
    );
    expect(Math.max(...longer.matters.map((m) => m.service.cv))).toBe(5);
    // A variant is checked like any scenario: no negative or empty day slips through.
    expect(() => variantOf(township, { name: 'none', arrivals: -1, visits: 1, spread: 1 })).toThrow(
      ScenarioError,
    );
  });

  it('judges every scenario under every variant as the sweep judges a hall', () => {
    const variants = [VARIANTS[0]!, VARIANTS[1]!];
    const rows = judgeVariants([township], 2, {}, variants);
    expect(rows.map((r) => [r.scenario, r.variant])).toEqual([
      [township.name, VARIANTS[0]!.name],
      [township.name, VARIANTS[1]!.name],
    ]);
    const quieter = judgeHall(variantOf(township, VARIANTS[1]!), 2);
    expect(rows[1]).toEqual({ scenario: township.name, variant: VARIANTS[1]!.name, ...quieter });
    // Fewer residents of the same hall: FIFO's residents wait less.
    expect(quieter.fifoMeanMin).toBeLessThan(rows[0]!.fifoMeanMin);
  });

  it('runs from the command line, and refuses what it cannot combine', () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(root, 'packages/sim/dist/cli.js'), ...args], { encoding: 'utf8' });
    const ok = cli(
      '--variants',
      '--seeds',
      '1',
      '--scenario',
      join(root, 'packages/sim/scenarios/township.json'),
    );
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`${VARIANTS.length} hall day(s) as written and bent, 1 day(s) each`);
    for (const v of VARIANTS) expect(ok.stdout).toContain(v.name);
    expect(ok.stdout).toMatch(
      new RegExp(`max +held in \\d, within noise in \\d, missed in \\d of ${VARIANTS.length}`),
    );
    const mixed = cli('--variants', '--advise');
    expect(mixed.status).not.toBe(0);
    expect(mixed.stderr).toContain('--variants judges the policies: it takes no --advise or --floor');
    expect(mixed.stdout).toBe('');
    const swept = cli('--sweep', '2', '--variants');
    expect(swept.status).not.toBe(0);
    expect(swept.stderr).toContain('--sweep generates its halls');
  });
});
