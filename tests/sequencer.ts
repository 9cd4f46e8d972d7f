import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest files first, so the last minute of `npm test` is not one long file running while the
 * other worker idles. Vitest orders by the durations of a previous run, which a fresh clone (CI) does
 * not have; these files are known to run for a minute or for tens of seconds.
 */
const FIRST = [
  'tests/install.test.ts',
  'packages/sim/test/sim.test.ts',
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
