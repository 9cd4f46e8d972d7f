import { existsSync } from 'node:fs';
import type { Plugin } from 'vitest/config';

/**
 * `npm test` builds once before its suites (tests/run-suites.mjs); a test file then loads the workspace
 * code it imports from that build, natively, instead of transforming the same few hundred sources again
 * in every test file — import time was a third of the node suites' time. One copy of each module: a
 * test importing `../src/x.js` and one importing `@onewindow/server` both get `dist/x.js`. The kiosk
 * stays on its sources because its tests replace `electron` with vi.mock, which reaches only modules
 * vitest loads itself.
 */
const SOURCE = /^(.*\/(?:apps|packages|hardware)\/(?!kiosk\/)[^/]+)\/src\/(.+)\.tsx?$/;
export const BUILT = /\/(?:apps|packages|hardware)\/[^/]+\/dist\//;

export function builtModules(root: string): Plugin {
  return {
    name: 'onewindow:built-modules',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (importer === undefined || source.startsWith('\0')) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      const m = resolved === null ? null : SOURCE.exec(resolved.id);
      if (m === null || !m[1]?.startsWith(root)) return null;
      const built = `${m[1]}/dist/${m[2]}.js`;
      return existsSync(built) ? built : null;
    },
  };
}
