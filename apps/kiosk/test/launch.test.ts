import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../src/launch.js';

const dir = mkdtempSync(join(tmpdir(), 'onewindow-electron-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run kiosk', () => {
  it('finds no Electron binary on this machine without trying to download one', () => {
    const found = findElectronBinary({});
    expect(found.found).toBe(false);
    expect(found.found ? '' : found.reason).toMatch(/Electron binary/);
  });

  it('uses an unpacked Electron named by ELECTRON_OVERRIDE_DIST_PATH', () => {
    mkdirSync(join(dir, 'dist'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'electron'), '#!/bin/sh\n');
    expect(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'dist') })).toEqual({
      found: true,
      path: join(dir, 'dist', 'electron'),
    });
    expect(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'nowhere') }).found).toBe(false);
  });

  it('says clearly where Electron is missing and how to run the kiosk instead', () => {
    const script = fileURLToPath(new URL('../dist/launch.js', import.meta.url));
    const r = spawnSync(process.execPath, [script], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('The Electron kiosk cannot start here');
    expect(r.stderr).toContain('npm start');
    expect(r.stdout).not.toContain('Downloading');
  });
});
