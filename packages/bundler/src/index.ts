import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SCREEN_CSP } from '@onewindow/protocol';
import { build } from 'esbuild';

/** A browser app: one entry bundled to app.js (+ app.css) next to a generated index.html. */
export interface WebTarget {
  kind: 'web';
  name: string;
  entry: string;
  outDir: string;
  title: string;
  /** Content-Security-Policy of the page. */
  csp: string;
}

/** A Node-side script bundled to one CommonJS file (Electron's sandboxed preload). */
export interface ScriptTarget {
  kind: 'script';
  name: string;
  entry: string;
  outFile: string;
  external: string[];
}

export type BundleTarget = WebTarget | ScriptTarget;

export const DEFAULT_CSP = SCREEN_CSP;

export function indexHtml(title: string, csp: string): string {
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${csp}" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="./app.css" />
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="./app.js"></script>
  </body>
</html>
`;
}

export async function bundle(target: BundleTarget, options: { minify?: boolean } = {}): Promise<void> {
  if (target.kind === 'script') {
    await build({
      entryPoints: [target.entry],
      outfile: target.outFile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: target.external,
      minify: options.minify ?? false,
      logLevel: 'warning',
    });
    return;
  }
  await mkdir(target.outDir, { recursive: true });
  await build({
    entryPoints: { app: target.entry },
    outdir: target.outDir,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: ['chrome120'],
    jsx: 'automatic',
    minify: options.minify ?? true,
    sourcemap: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff2': 'file', '.png': 'file', '.svg': 'file' },
    logLevel: 'warning',
  });
  await writeFile(join(target.outDir, 'index.html'), indexHtml(target.title, target.csp));
}
export * from './voice.js';
