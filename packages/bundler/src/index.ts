import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SCREEN_CSP } from '@onewindow/protocol';
import { build, type Plugin } from 'esbuild';

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

/**
 * zod's messages in some 40 languages, which its namespace export keeps in every bundle: the screens
 * translate errors by their code and never use them, so only zod's English default stays (about
 * 250 KB less script for every screen to parse at start-up).
 */
export const zodWithoutLocales: Plugin = {
  name: 'zod-without-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), args.path), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

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
    plugins: [zodWithoutLocales],
    logLevel: 'warning',
  });
  await writeFile(join(target.outDir, 'index.html'), indexHtml(target.title, target.csp));
}
export * from './voice.js';
