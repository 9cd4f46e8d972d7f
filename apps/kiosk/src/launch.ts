#!/usr/bin/env node
/**
 * `npm run kiosk`: starts the Electron kiosk where the Electron binary is installed. It never lets the
 * electron package try to download its binary (which it does on require), and says what to do instead.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

/** Where the electron package keeps its binary, read the way it does but without downloading. */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { found: false, reason: 'the electron package is not installed (npm install)' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist');
  if (relative === '' && env.ELECTRON_OVERRIDE_DIST_PATH === undefined) {
    return { found: false, reason: `the Electron binary was never downloaded into ${join(pkgDir, 'dist')}` };
  }
  const binary = join(dist, relative || 'electron');
  return existsSync(binary)
    ? { found: true, path: binary }
    : { found: false, reason: `the Electron binary ${binary} does not exist` };
}

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = `usage: npm run kiosk [-- --config=FILE]
Starts the Electron kiosk where the Electron binary is installed. The kiosk reads its device file
(serverUrl, token, idleSeconds, locale, printer.path, idCardReader.path) from --config=FILE,
ONEWINDOW_KIOSK_CONFIG or kiosk.json in Electron's userData folder.`;

function main(): void {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const electron = findElectronBinary();
  if (!electron.found) {
    process.stderr.write(
      [
        `The Electron kiosk cannot start here: ${electron.reason}.`,
        'Install it where downloads work (npx install-electron, or set ELECTRON_OVERRIDE_DIST_PATH to an',
        'unpacked Electron), or run the same kiosk in a browser: npm start, then open the kiosk URL it prints.',
        '',
      ].join('\n'),
    );
    process.exit(1);
  }
  const child = spawn(electron.path, [appDir, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 1));
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main();
