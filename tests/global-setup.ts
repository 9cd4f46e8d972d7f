import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Builds and bundles once before any test file runs, so no two files rebuild under each other. */
export default function setup(): void {
  // tests/run-suites.mjs builds once before it starts the suites side by side.
  if (process.env.ONEWINDOW_TEST_BUILT === '1') return;
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-b'], {
    cwd: root,
    stdio: 'inherit',
  });
  execFileSync(process.execPath, [`${root}packages/bundler/dist/cli.js`], { cwd: root, stdio: 'inherit' });
}
