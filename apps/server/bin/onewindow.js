#!/usr/bin/env -S node --heap-growing-percent=20 --max-semi-space-size=8
// The `onewindow` command. This file is committed (not built) so that npm links it into
// node_modules/.bin at install time, before `npm run build` has made dist/cli.js; npm skips a bin
// whose file does not exist yet, and `npx onewindow` would then fetch a stranger's package instead.
// The node flags keep the heap near what is live (see src/cli.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  process.stderr.write(
    `onewindow is not built yet: run \`npm run build\` in ${root} first, then run this command again.\n`,
  );
  process.exit(1);
}
await import(cli.href);
