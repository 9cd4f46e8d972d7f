#!/usr/bin/env node
/** Bundles every browser app and the kiosk preload after `tsc -b` (part of `npm run build`). */
import { chmodSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandLine } from '@onewindow/cli';
import { CLIP_TEXT } from '@onewindow/ui';
import { type BundleTarget, bundle, DEFAULT_CSP } from './index.js';
import { generateVoicePack } from './voice.js';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const at = (...p: string[]) => join(root, ...p);

export const TARGETS: BundleTarget[] = [
  {
    kind: 'web',
    name: 'kiosk',
    entry: at('apps/kiosk/src/renderer/main.tsx'),
    outDir: at('apps/kiosk/dist/renderer'),
    title: '自助取号 · OneWindow',
    csp: DEFAULT_CSP,
  },
  {
    kind: 'web',
    name: 'display',
    entry: at('apps/display/src/main.tsx'),
    outDir: at('apps/display/dist/web'),
    title: '叫号大屏 · OneWindow',
    csp: DEFAULT_CSP,
  },
  {
    kind: 'web',
    name: 'window',
    entry: at('apps/window/src/main.tsx'),
    outDir: at('apps/window/dist/web'),
    title: '窗口工作台 · OneWindow',
    csp: DEFAULT_CSP,
  },
  {
    kind: 'web',
    name: 'admin',
    entry: at('apps/admin/src/main.tsx'),
    outDir: at('apps/admin/dist/web'),
    title: '管理后台 · OneWindow',
    csp: DEFAULT_CSP,
  },
  {
    kind: 'web',
    name: 'phone',
    entry: at('apps/phone/src/main.ts'),
    outDir: at('apps/phone/dist/web'),
    title: '我的号码 · OneWindow',
    csp: DEFAULT_CSP,
  },
  {
    kind: 'script',
    name: 'kiosk preload',
    entry: at('apps/kiosk/src/preload/preload.ts'),
    outFile: at('apps/kiosk/dist/preload.cjs'),
    external: ['electron'],
  },
];

commandLine(
  `usage: node packages/bundler/dist/cli.js   (part of npm run build)
Bundles the kiosk, display, window and admin apps and the kiosk preload with esbuild, and makes the voice pack
of hall calls (recordings from apps/display/voice/recorded/, the rest synthesised with espeak-ng).`,
  {},
);

/**
 * Commands of the workspace (`onewindow`, `onewindow-sim`, `onewindow-bench`) are files tsc writes
 * after npm linked them: on a fresh clone they are not executable until made so here.
 */
const BINS = ['apps/server/dist/cli.js', 'packages/sim/dist/cli.js', 'packages/bench/dist/cli.js'];

const started = Date.now();
for (const file of BINS) if (existsSync(at(file))) chmodSync(at(file), 0o755);
for (const t of TARGETS) await bundle(t);
const voice = await generateVoicePack(
  CLIP_TEXT,
  at('apps/display/dist/web/voice'),
  at('apps/display/voice/recorded'),
);
process.stdout.write(
  `bundled ${TARGETS.map((t) => t.name).join(', ')} in ${Date.now() - started} ms; voice pack: ${voice.generated} clips by espeak-ng, ${voice.reused} kept, ${voice.recorded} recorded${
    voice.missing.length > 0 ? `, ${voice.missing.length} missing (${voice.missing.join(' ')})` : ''
  }\n`,
);
