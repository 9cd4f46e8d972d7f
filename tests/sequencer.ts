import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest files first, so the last minute of `npm test` is not one long file running while the
 * other worker idles. Vitest orders by the durations of a previous run, which a fresh clone (CI) does
 * not have; these files are known to run for a minute or for tens of seconds.
 */
const FIRST = [
  // The goal files: a minute of one core each (the bent days' a quarter), simulated days played first.
  'packages/sim/test/goals-disrupted.test.ts',
  'packages/sim/test/goals.test.ts',
  'packages/sim/test/goals-bent.test.ts',
  'tests/install.test.ts',
  'packages/sim/test/learning.test.ts',
  'packages/sim/test/sim.test.ts',
  'apps/server/test/live-state.test.ts',
  'apps/server/test/dispatch.test.ts',
  'apps/server/test/integrations.test.ts',
  'apps/server/test/store/store.test.ts',
];

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification): number => {
      const i = FIRST.findIndex((path) => f.moduleId.endsWith(`/${path}`));
      return i === -1 ? FIRST.length : i;
    };
    // Array.prototype.sort is stable: the base order holds among the rest.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
