import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { estimateFloor, parseScenario, type Scenario } from '../src/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** One window, one matter; residents who neither walk, step away nor leave; clerks always there. */
const hallWith = (cv: number): Scenario =>
  parseScenario({
    name: `one window, cv ${cv}`,
    seed: 3,
    day: { open: '09:00', close: '11:00' },
    matters: [
      {
        id: 'a',
        name: 'A',
        category: 'x',
        targetWaitMin: 20,
        service: { meanMin: 8, cv },
        arrivals: [['09:00', 6.5]],
      },
    ],
    windows: [{ id: 'w1', type: 'universal', primary: { all: true } }],
    priorityShare: { green: 0, appointment: 0 },
    behaviour: {
      walk: { meanSec: 0, cv: 0 },
      away: { share: 0, returnMeanMin: 1, recallAfterMin: 1, maxRecalls: 0 },
      patience: null,
      absences: { perWindowDay: 0, meanMin: 1, cv: 0, backupShare: 0, backupAfterMin: 0 },
    },
  });

describe('the floor of the estimate’s error', () => {
  it('is the rounding alone where nothing is left to chance: exact visits, one queue in arrival order', () => {
    const f = estimateFloor(hallWith(0), { days: 2, plays: 4, every: 1 });
    expect(f.tickets).toBeGreaterThan(10);
    // Every play is the day as it went: the floor misses each wait only by its rounding to whole minutes.
    expect(f.floorMaeMin).toBeLessThanOrEqual(0.5);
    expect(Math.abs(f.floor.biasShare * f.meanWaitMin)).toBeLessThanOrEqual(0.5);
  });

  it('is well above zero where visits vary: part of a wait cannot be known when the ticket is issued', () => {
    const f = estimateFloor(hallWith(1.5), { days: 2, plays: 8, every: 2 });
    expect(f.tickets).toBeGreaterThan(5);
    expect(f.meanWaitMin).toBeGreaterThan(1);
    expect(f.floor.maeShare).toBeGreaterThan(0.15);
    expect(Number.isFinite(f.told.maeShare)).toBe(true);
  });

  it('runs from the command line beside the estimate’s own error', () => {
    const out = spawnSync(
      process.execPath,
      [join(root, 'packages/sim/dist/cli.js'), '--floor', '--sweep', '1', '--seeds', '1'],
      { encoding: 'utf8' },
    );
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^1 typical +\d+ +[\d.]+ +\d+% +-?\d+% +\d+% +-?\d+%$/m);
    expect(out.stdout).toMatch(/floor MAE above 40 % of the mean wait on [01] of 1/);
    const mixed = spawnSync(
      process.execPath,
      [join(root, 'packages/sim/dist/cli.js'), '--floor', '--advise'],
      {
        encoding: 'utf8',
      },
    );
    expect(mixed.status).not.toBe(0);
    expect(mixed.stderr).toContain('--floor measures estimates only: it takes no --advise');
    expect(mixed.stdout).toBe('');
  });
});
