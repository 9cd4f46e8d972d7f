import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Builds and bundles once before any test file runs, so no two files rebuild under each other. */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-b'], {
    cwd: root,
    stdio: 'inherit',
  });
  execFileSync(process.execPath, [`${root}packages/bundler/dist/cli.js`], { cwd: root, stdio: 'inherit' });
}
