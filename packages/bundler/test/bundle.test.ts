import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundle } from '../src/index.js';

// Inside the repository, so the entry resolves zod from its node_modules as an app's entry does.
const root = join(import.meta.dirname, '..', '..', '..', 'test-output');
mkdirSync(root, { recursive: true });
const dir = mkdtempSync(join(root, 'bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a screen bundle', () => {
  it('keeps zod working with its English messages and leaves out its other languages', async () => {
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      `import { z } from 'zod';
const r = z.object({ name: z.string().min(1) }).safeParse({ name: '' });
(globalThis as Record<string, unknown>).bundled = {
  ok: r.success,
  path: r.error?.issues[0]?.path,
  message: r.error?.issues[0]?.message,
  locales: Object.keys(z.locales),
};
`,
    );
    const outDir = join(dir, 'out');
    await bundle({ kind: 'web', name: 't', entry, outDir, title: 't', csp: "default-src 'self'" });
    const code = readFileSync(join(outDir, 'app.js'), 'utf8');
    // The Hebrew locale's word for "string": present in zod, absent from the bundle.
    expect(code).not.toContain('מחרוזת');
    await import(pathToFileURL(join(outDir, 'app.js')).href);
    const out = (globalThis as Record<string, unknown>).bundled as {
      ok: boolean;
      path: string[];
      message: string;
      locales: string[];
    };
    expect(out.ok).toBe(false);
    expect(out.path).toEqual(['name']);
    expect(out.message).toMatch(/Too small/);
    expect(out.locales).toEqual(['en']);
  });
});
