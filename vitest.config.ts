import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BUILT, builtModules } from './tests/built-modules.js';
import { LongestFirst } from './tests/sequencer.js';

const src = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

const UNIT = [
  'packages/*/test/**/*.test.ts',
  'hardware/*/test/**/*.test.ts',
  'apps/*/test/**/*.test.ts',
  'tests/**/*.test.ts',
];
const BROWSER = 'tests/**/*.e2e.test.ts';
const SCALE = 'tests/scale.test.ts';
/** Files that replace modules (Electron) for their own tests: each gets a fresh module graph. */
const MOCKING = ['apps/kiosk/test/main.test.ts', 'apps/kiosk/test/preload.test.ts'];
/** Set by tests/run-suites.mjs (npm test), which built everything before the suites start. */
const BUILT_ONCE = process.env.ONEWINDOW_TEST_BUILT === '1';

export default defineConfig({
  plugins: BUILT_ONCE ? [builtModules(src('.'))] : [],
  resolve: {
    // Tests run against sources so a change needs no rebuild; the build still typechecks everything.
    alias: {
      '@onewindow/cli': src('./packages/cli/src/index.ts'),
      '@onewindow/domain': src('./packages/domain/src/index.ts'),
      '@onewindow/identity': src('./packages/identity/src/index.ts'),
      '@onewindow/protocol/kiosk-channels': src('./packages/protocol/src/kiosk-channels.ts'),
      '@onewindow/protocol': src('./packages/protocol/src/index.ts'),
      '@onewindow/client': src('./packages/client/src/index.ts'),
      '@onewindow/sim': src('./packages/sim/src/index.ts'),
      '@onewindow/idcard': src('./hardware/idcard/src/index.ts'),
      '@onewindow/serial': src('./hardware/serial/src/index.ts'),
      '@onewindow/hw-sim': src('./hardware/sim/src/index.ts'),
      '@onewindow/led': src('./hardware/led/src/index.ts'),
      '@onewindow/printer': src('./hardware/printer/src/index.ts'),
      '@onewindow/server': src('./apps/server/src/index.ts'),
      '@onewindow/ui': src('./packages/ui/src/index.ts'),
      '@onewindow/kiosk': src('./apps/kiosk/src/device/index.ts'),
    },
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    sequence: { sequencer: LongestFirst },
    ...(BUILT_ONCE ? { server: { deps: { external: [BUILT] } } } : {}),
    globalSetup: ['tests/global-setup.ts'],
    // Three kinds of suite, run side by side by tests/run-suites.mjs (npm test): the screens in
    // Chromium one file at a time (two browsers at once starve each other on two cores) and everything
    // else beside them; the several-instance file is its own project so `npm run test:scale` can run
    // it alone at full size.
    projects: [
      // The node suites share one module graph per worker: loading the server's modules again for each
      // of 85 files cost a third of the suite's CPU (measured: 410 → 266 CPU-seconds, same tests).
      {
        extends: true,
        test: { name: 'unit', include: UNIT, exclude: [BROWSER, SCALE, ...MOCKING], isolate: false },
      },
      { extends: true, test: { name: 'unit-isolated', include: MOCKING } },
      // A screen's flow takes 10–20 s alone and up to twice that while the node suites share the machine.
      // One module graph for the screen files too: each loaded the hall server and the demo's devices
      // again (imports took 27–37 s of the lane under load).
      { extends: true, test: { name: 'browser', include: [BROWSER], testTimeout: 90_000, isolate: false } },
      { extends: true, test: { name: 'scale', include: [SCALE] } },
    ],
  },
});
