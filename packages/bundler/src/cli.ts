#!/usr/bin/env node
/** Bundles every browser app and the kiosk preload after `tsc -b` (part of `npm run build`). */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BundleTarget, bundle, DEFAULT_CSP } from './index.js';

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
    kind: 'script',
    name: 'kiosk preload',
    entry: at('apps/kiosk/src/preload/preload.ts'),
    outFile: at('apps/kiosk/dist/preload.cjs'),
    external: ['electron'],
  },
];

const started = Date.now();
for (const t of TARGETS) await bundle(t);
process.stdout.write(`bundled ${TARGETS.map((t) => t.name).join(', ')} in ${Date.now() - started} ms\n`);
