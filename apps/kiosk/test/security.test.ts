import { describe, expect, it, vi } from 'vitest';
import {
  APP_ENTRY,
  appFileFor,
  fixZoom,
  hardenContents,
  isAppUrl,
  kioskWindowOptions,
} from '../src/main/security.js';

describe('isAppUrl', () => {
  it.each([APP_ENTRY, 'app://kiosk/', 'app://kiosk/app.js?x=1#y'])('accepts the app itself: %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    'https://evil.example/',
    'http://localhost:8080/kiosk/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'app://kiosk.evil.example/',
    'app://evil.example/kiosk',
    'app://kiosk@evil.example/',
    'app://user:pw@kiosk/',
    'app://kiosk:8080/',
    'app:kiosk/index.html',
    'blob:app://kiosk/123',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    '',
    'not a url',
    `app://kiosk/${'a'.repeat(3000)}`,
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('refuses what is not a string', () => {
    expect(isAppUrl(undefined)).toBe(false);
    expect(isAppUrl({ toString: () => APP_ENTRY })).toBe(false);
  });
});

describe('appFileFor', () => {
  const dir = '/opt/kiosk/renderer';
  it('maps app URLs into the renderer folder, routes to index.html', () => {
    expect(appFileFor(dir, 'app://kiosk/app.js')).toBe('/opt/kiosk/renderer/app.js');
    expect(appFileFor(dir, 'app://kiosk/')).toBe('/opt/kiosk/renderer/index.html');
    expect(appFileFor(dir, 'app://kiosk/guide/x')).toBe('/opt/kiosk/renderer/index.html');
  });
  it.each([
    'app://kiosk/../../etc/passwd',
    'app://kiosk/%2e%2e/%2e%2e/etc/passwd',
    'app://kiosk/..%2f..%2fetc/passwd',
    'app://kiosk/a%5c..%5c..%5csecret.txt',
    'app://kiosk/app.js%00.png',
    'app://kiosk/%E0%A4%A',
    'app://other/app.js',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    const file = appFileFor(dir, url);
    expect(file === undefined || file.startsWith(`${dir}/`)).toBe(true);
    if (file !== undefined) expect(file).not.toContain('..');
  });
});

describe('kioskWindowOptions', () => {
  it('isolates the renderer: context isolation, sandbox, no Node, no webviews', () => {
    const o = kioskWindowOptions('/app/preload.cjs', { kiosk: true });
    expect(o.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
    });
    expect(o).toMatchObject({ kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true });
  });
  it('keeps a frame and dev tools in windowed (service) mode', () => {
    const o = kioskWindowOptions('/p', { kiosk: false });
    expect(o).toMatchObject({ kiosk: false, frame: true });
    expect(o.webPreferences.devTools).toBe(true);
    expect(o.webPreferences.contextIsolation).toBe(true);
  });
});

describe('hardenContents', () => {
  type Handler = (event: { preventDefault(): void; url: string }) => void;
  const contents = () => {
    const handlers = new Map<string, Handler>();
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
    return {
      handlers,
      open: (url: string) => openHandler?.({ url }),
      on(event: string, listener: Handler) {
        handlers.set(event, listener);
      },
      setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }) {
        openHandler = h;
      },
    };
  };
  const fire = (c: ReturnType<typeof contents>, event: string, url = '') => {
    const preventDefault = vi.fn();
    c.handlers.get(event)?.({ preventDefault, url });
    return preventDefault.mock.calls.length > 0;
  };

  it('blocks navigation and redirects away from the app and every new window and webview', () => {
    const c = contents();
    const blocked: string[] = [];
    hardenContents(c, (u) => blocked.push(u));
    expect(fire(c, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire(c, 'will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(fire(c, 'will-navigate', 'app://kiosk/index.html')).toBe(false);
    expect(fire(c, 'will-attach-webview')).toBe(true);
    expect(c.open('app://kiosk/index.html')).toEqual({ action: 'deny' });
    expect(c.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(blocked).toEqual([
      'https://evil.example/',
      'file:///etc/passwd',
      'app://kiosk/index.html',
      'https://evil.example/',
    ]);
  });
});

describe('fixZoom', () => {
  it('holds the kiosk at 100 % after every load and every zoom, pinch included', () => {
    const listeners = new Map<string, () => void>();
    const c = {
      factor: 1.5,
      limits: [1, 3] as [number, number],
      on(event: string, l: () => void) {
        listeners.set(event, l);
      },
      setZoomFactor(f: number) {
        c.factor = f;
      },
      async setVisualZoomLevelLimits(min: number, max: number) {
        c.limits = [min, max];
      },
    };
    fixZoom(c);
    listeners.get('did-finish-load')?.();
    expect(c.factor).toBe(1);
    expect(c.limits).toEqual([1, 1]);
    c.factor = 2;
    listeners.get('zoom-changed')?.();
    expect(c.factor).toBe(1);
  });
});
