import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './support.js';

interface Target {
  target: string;
  arch: string[];
}
interface BuilderConfig {
  appId: string;
  electronVersion: string;
  directories: { app: string; output: string };
  files: string[];
  extraMetadata: { main: string };
  linux: { target: Target[] };
  win: { target: Target[] };
  nsis: { oneClick: boolean; perMachine: boolean };
}

const config = parse(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const appDir = join(repoRoot, config.directories.app);

describe('electron-builder.yml', () => {
  it('builds AppImage and deb for Linux and an nsis installer for Windows', () => {
    expect(config.appId).toBe('cn.onewindow.kiosk');
    expect(config.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true });
  });

  it('pins the Electron version the kiosk is developed against', () => {
    const kiosk = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
      main: string;
    };
    expect(config.electronVersion).toBe(kiosk.devDependencies.electron);
    expect(`./${config.extraMetadata.main}`).toBe(kiosk.main);
  });

  it('packs files that the build produces: main, preload and renderer', () => {
    // The global setup has built and bundled everything.
    for (const file of [
      config.extraMetadata.main,
      'dist/preload.cjs',
      'dist/renderer/index.html',
      'dist/renderer/app.js',
    ]) {
      expect(existsSync(join(appDir, file)), file).toBe(true);
    }
    const included = config.files.filter((f) => !f.startsWith('!')).map((f) => f.replace(/\/\*\*$/, ''));
    for (const dir of included) expect(existsSync(join(appDir, dir)), dir).toBe(true);
  });
});
