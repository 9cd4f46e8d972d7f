import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHallServer, createSqliteStore, type HallServer, staticFileFor } from '../src/index.js';
import { removeDir, testConfig } from './helpers.js';

describe('staticFileFor', () => {
  const dir = '/srv/app';
  it.each([
    ['', '/srv/app/index.html'],
    ['app.js', '/srv/app/app.js'],
    ['assets/x.png', '/srv/app/assets/x.png'],
    ['some/route', '/srv/app/index.html'],
  ])('serves %j as %s', (path, file) => {
    expect(staticFileFor(dir, path)).toBe(file);
  });

  it.each([
    '../secret.txt',
    '..%2Fsecret.txt',
    'a/../../etc/passwd',
    '%2e%2e/%2e%2e/etc/passwd',
    '..\\\\windows\\\\win.ini',
    'app.js%00.png',
    '%E0%A4%A',
  ])('refuses the hostile path %j', (path) => {
    const file = staticFileFor(dir, path);
    expect(file === undefined || file.startsWith('/srv/app/')).toBe(true);
    if (file !== undefined) expect(file).not.toContain('..');
  });
});

describe('web apps served by the hall server', () => {
  let dir: string;
  let server: HallServer;
  let url: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'onewindow-static-'));
    const app = join(dir, 'kiosk');
    mkdirSync(app);
    writeFileSync(join(app, 'index.html'), '<!doctype html><title>kiosk</title>');
    writeFileSync(join(app, 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    server = await createHallServer({
      seed: testConfig(),
      store: createSqliteStore(join(dir, 'hall.sqlite')),
      logger: pino({ level: 'silent' }),
      personalDataKey: 'test-personal-data-key-0123456789',
      tickIntervalMs: 0,
      webApps: [{ path: '/kiosk', dir: app }],
    });
    url = await server.listen({ port: 0 });
  });
  afterAll(async () => {
    await server.close();
    removeDir(dir);
  });

  it('serves index.html, assets with their types, and redirects the bare path keeping the query', async () => {
    const index = await fetch(`${url}/kiosk/`);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('<title>kiosk</title>');
    const js = await fetch(`${url}/kiosk/app.js`);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    const bare = await fetch(`${url}/kiosk?token=abc`, { redirect: 'manual' });
    expect(bare.status).toBe(302);
    expect(bare.headers.get('location')).toBe('/kiosk/?token=abc');
  });

  it('answers 404 for missing files and never leaves the app folder', async () => {
    expect((await fetch(`${url}/kiosk/missing.js`)).status).toBe(404);
    const escaped = await fetch(`${url}/kiosk/..%2Fsecret.txt`);
    expect(escaped.status).toBe(404);
    expect(await escaped.text()).not.toContain('secret');
  });
});
